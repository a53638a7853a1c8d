// First-run defaults from the browser's platform string: what a developer on that OS most
// likely has (docs/evidence/bitbucket-auth.md#tools: Git for Windows → GCM, Apple git → osxkeychain).
import type { CredentialHelper } from './fix-plan';
import type { Shell } from './shells';

export type Os = 'windows' | 'macos' | 'linux' | 'other';

export interface PlatformDefaults {
  os: Os;
  shell: Shell;
  helper: CredentialHelper;
}

/**
 * @example defaultsForPlatform('Win32') → { os: 'windows', shell: 'powershell', helper: 'gcm-windows' }
 * @example defaultsForPlatform('MacIntel') → { os: 'macos', shell: 'zsh', helper: 'osxkeychain' }
 * @example defaultsForPlatform('Linux x86_64') → { os: 'linux', shell: 'bash', helper: 'any' }
 */
export function defaultsForPlatform(platform: string | undefined): PlatformDefaults {
  const p = (platform ?? '').toLowerCase();
  if (p.startsWith('win')) return { os: 'windows', shell: 'powershell', helper: 'gcm-windows' };
  if (p.startsWith('mac') || p.includes('darwin') || p === 'macos')
    return { os: 'macos', shell: 'zsh', helper: 'osxkeychain' };
  if (p.includes('linux') || p.includes('x11') || p.includes('cros'))
    return { os: 'linux', shell: 'bash', helper: 'any' };
  return { os: 'other', shell: 'bash', helper: 'any' };
}
