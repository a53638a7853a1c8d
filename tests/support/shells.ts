import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type RealShell = 'bash' | 'zsh' | 'fish';
export const REAL_SHELLS: RealShell[] = ['bash', 'zsh', 'fish'];

// Interactive, without the user's rc files: the way a pasted snippet meets the shell
// (bash history expansion on, zsh without INTERACTIVE_COMMENTS).
const ARGS: Record<RealShell, string[]> = {
  bash: ['--norc', '--noprofile', '-i'],
  zsh: ['-f', '-i'],
  fish: ['--no-config', '-i'],
};

export interface ShellRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway HOME with XDG folders, so no real configuration or credential is touched. */
export function makeHome(prefix = 'bbah-home-'): string {
  const home = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ['.config', '.cache', '.local/share']) mkdirSync(join(home, d), { recursive: true });
  return home;
}

export function homeEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'),
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'dumb',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

/**
 * Feeds `script` to an interactive shell as if pasted, then exits. Stdin is a file: fish's
 * reader refuses the socket pairs Node uses for piped stdio ("Unable to read input file").
 */
export function runPasted(
  shell: RealShell,
  script: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ShellRun> {
  const input = join(mkdtempSync(join(tmpdir(), 'bbah-paste-')), 'pasted.txt');
  writeFileSync(input, `${script}\nexit\n`);
  const fd = openSync(input, 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(shell, ARGS[shell], {
      cwd: options.cwd,
      env: options.env,
      stdio: [fd, 'pipe', 'pipe'],
    });
    closeSync(fd);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
