// Quoting rules per shell: docs/evidence/git-credentials.md#quoting. bash, zsh and fish are proven by
// running the generated text in the real shells (tests/integration); PowerShell and cmd.exe
// cannot run on the build machines and are held to golden tables instead.

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell', 'cmd'] as const;
export type Shell = (typeof SHELLS)[number];

export const SHELL_LABELS: Record<Shell, string> = {
  bash: 'bash (Linux, Git Bash on Windows)',
  zsh: 'zsh (macOS default)',
  fish: 'fish',
  powershell: 'PowerShell (Windows default)',
  cmd: 'cmd.exe (Command Prompt)',
};

export function isShell(value: unknown): value is Shell {
  return typeof value === 'string' && (SHELLS as readonly string[]).includes(value);
}

/** Characters cmd.exe can't carry safely: `%` expands even inside quotes, the rest split commands. */
export const CMD_HAZARDS = /[%"^&|<>]/;

// A word made only of these needs no quotes in any of the POSIX-like shells or fish.
// `=` and `~` are left out because zsh and fish expand them at the start of a word.
const BARE_WORD = /^[A-Za-z0-9_./:@+,-]+$/;

/**
 * One literal argument for `shell`.
 * @example quote("it's", 'bash') → 'it'\''s'
 * @example quote("it's", 'fish') → 'it\'s'
 * @example quote("it's", 'powershell') → 'it''s'
 */
export function quote(value: string, shell: Shell): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      if (isBareWord(value)) return value;
      return `'${value.replace(/'/g, `'\\''`)}'`;
    case 'fish':
      if (isBareWord(value)) return value;
      return `'${value.replace(/[\\']/g, '\\$&')}'`;
    case 'powershell':
      // PowerShell also treats the typographic quotes ‘ ’ ‚ ‛ as single quotes.
      return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, '$&$&')}'`;
    case 'cmd':
      // Validation refuses these first (lib/validation.ts); reaching here is a bug, never a command.
      if (CMD_HAZARDS.test(value) || /[\r\n]/.test(value))
        throw new Error(`cmd.exe cannot carry ${JSON.stringify(value)} safely`);
      return `"${value}"`;
  }
}

function isBareWord(value: string): boolean {
  return BARE_WORD.test(value) && !value.startsWith('-');
}

/**
 * A comment line for a script the user pastes at the prompt. Interactive zsh treats `#` as a
 * command unless INTERACTIVE_COMMENTS is set (macOS default: unset), so zsh gets none.
 */
export function commentLine(text: string, shell: Shell): string | undefined {
  if (shell === 'zsh') return undefined;
  return shell === 'cmd' ? `REM ${text}` : `# ${text}`;
}

/** `for` loop that runs `body` n times, in the shell's own syntax. */
export function repeat(times: number, body: string, shell: Shell): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `for i in ${range(times)}; do ${body}; done`;
    case 'fish':
      return `for i in ${range(times)}; ${body}; end`;
    case 'powershell':
      return `1..${times} | ForEach-Object { ${body} }`;
    case 'cmd':
      // Typed at the prompt: a batch file would need %%i.
      return `for /L %i in (1,1,${times}) do ${body}`;
  }
}

function range(n: number): string {
  return Array.from({ length: n }, (_, i) => String(i + 1)).join(' ');
}
