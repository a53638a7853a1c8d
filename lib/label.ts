// Suggested credential names, so a reminder can later say which machine or tool to update.

export const DEFAULT_LABEL_PATTERN = '{preset}@{device} {yyyy-mm}';
const MAX_LABEL_LENGTH = 100;
const PLACEHOLDERS = ['preset', 'device', 'repo', 'workspace', 'yyyy-mm', 'yyyy-mm-dd'] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export interface LabelContext {
  preset: string;
  device: string;
  /** The user's calendar date, `YYYY-MM-DD`. */
  today: string;
  workspace?: string;
  repo?: string;
}

/** Unknown placeholders in a pattern, so the options page can point at typos. */
export function unknownPlaceholders(pattern: string): string[] {
  return [...pattern.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/**
 * @example formatLabel('{preset}@{device} {yyyy-mm}', {preset:'git-push', device:'work-laptop', today:'2026-11-26'}) → "git-push@work-laptop 2026-11"
 */
export function formatLabel(pattern: string, context: LabelContext): string {
  const values: Record<Placeholder, string> = {
    preset: context.preset,
    device: context.device,
    repo: context.repo ?? '',
    workspace: context.workspace ?? '',
    'yyyy-mm': context.today.slice(0, 7),
    'yyyy-mm-dd': context.today.slice(0, 10),
  };
  const label = pattern
    .replace(/\{([^{}]*)\}/g, (whole, name: string) =>
      Object.hasOwn(values, name) ? values[name as Placeholder] : whole,
    )
    .replace(/\s+/g, ' ')
    .trim();
  return (label || `${context.preset} ${values['yyyy-mm']}`).slice(0, MAX_LABEL_LENGTH);
}

/** A device name from the OS, used until the user names the machine in the options. */
export function defaultDeviceName(os: string): string {
  const names: Record<string, string> = { windows: 'windows-pc', macos: 'mac', linux: 'linux-pc' };
  return (Object.hasOwn(names, os) ? names[os] : undefined) ?? 'my-computer';
}
