// The page features the options page can switch off, without importing the features themselves
// (that would pull every content script into the options bundle). tests/unit/feature-ids.test.ts
// keeps this list equal to the files in features/.

export interface FeatureInfo {
  /** Equals the feature's file name and its `id`. */
  id: string;
  title: string;
  description: string;
}

export const FEATURES: readonly FeatureInfo[] = [
  {
    id: 'api-token-presets',
    title: 'API-token presets',
    description: 'Preset buttons that fill the "Create API token with scopes" wizard on id.atlassian.com.',
  },
  {
    id: 'access-token-presets',
    title: 'Access-token presets',
    description: 'Preset buttons on the repository, project and workspace access-token forms.',
  },
  {
    id: 'app-password-presets',
    title: 'App-password presets',
    description: 'Preset buttons on the legacy app-password form.',
  },
  {
    id: 'app-password-banner',
    title: 'App-password banner',
    description: 'The notice on the App passwords pages that app passwords no longer work.',
  },
  {
    id: 'api-token-list-reminders',
    title: 'API-token list markers',
    description: 'Marks expired, expiring, unused and old API tokens on their list and records them.',
  },
  {
    id: 'access-token-list-reminders',
    title: 'Access-token list markers',
    description: 'Marks access tokens that need attention on their lists and records them.',
  },
  {
    id: 'app-password-list-reminders',
    title: 'App-password list markers',
    description: 'Marks every app password as dead on its list, with the API-token preset to replace it.',
  },
];

export const FEATURE_IDS: readonly string[] = FEATURES.map((feature) => feature.id);
