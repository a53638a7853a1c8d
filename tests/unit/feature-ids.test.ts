// The options page lists the page features from lib/feature-ids.ts (importing the features
// would put every content script into the options bundle); this keeps that list honest.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FEATURE_IDS, FEATURES } from '../../lib/feature-ids';
import type { Feature } from '../../platform/content/feature-manager';

const files = readdirSync('features')
  .filter((file) => file.endsWith('.tsx') || file.endsWith('.ts'))
  .map((file) => file.replace(/\.tsx?$/, ''))
  .sort();

describe('feature ids', () => {
  it('lists exactly the files in features/, each once', () => {
    expect([...FEATURE_IDS].sort()).toEqual(files);
  });

  it.each(files)('%s: its id is its file name and the options page can describe it', async (file) => {
    const feature = ((await import(`../../features/${file}.tsx`)) as { default: Feature }).default;
    expect(feature.id).toBe(file);
    const info = FEATURES.find((entry) => entry.id === file);
    expect(info?.title).toBeTruthy();
    expect(info?.description).toBeTruthy();
  });
});
