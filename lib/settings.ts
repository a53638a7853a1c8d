// The user's settings: their shape and defaults. Apart from lib/policy.ts (validation and the
// organisation's overrides) so that pages needing only the defaults don't carry the validation.
import type { CredentialHelper } from './fix-plan';
import { DEFAULT_LABEL_PATTERN } from './label';
import type { Shell } from './shells';

export type Helper = CredentialHelper;

/** `username`: the Bitbucket username; `static`: x-bitbucket-api-token-auth (docs/evidence/bitbucket-auth.md#credential-kinds). */
export const USERNAME_MODES = ['username', 'static'] as const;
export type UsernameMode = (typeof USERNAME_MODES)[number];

export interface Settings {
  leadTimesDays: number[];
  unusedDays: number;
  rotationDays: number;
  deviceName: string;
  labelPattern: string;
  usernameMode: UsernameMode;
  shell: Shell;
  helper: Helper;
  /** Feature id → on/off. A feature missing here is on. */
  features: Record<string, boolean>;
  defaultExpiryDays: number;
}

export type SettingKey = keyof Settings;

export const SETTING_KEYS = [
  'leadTimesDays',
  'unusedDays',
  'rotationDays',
  'deviceName',
  'labelPattern',
  'usernameMode',
  'shell',
  'helper',
  'features',
  'defaultExpiryDays',
] as const satisfies readonly SettingKey[];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  leadTimesDays: [30, 7, 1, 0],
  unusedDays: 90,
  rotationDays: 365,
  deviceName: '',
  labelPattern: DEFAULT_LABEL_PATTERN,
  usernameMode: 'username',
  shell: 'bash',
  helper: 'any',
  features: {},
  defaultExpiryDays: 90,
});
