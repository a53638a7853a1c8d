// The variant matrix of the fixture pages (tests/fixtures/pages/src/variants.js), proved from its
// data: every variant is valid, every switch value is taken, every meaningful pair of values of two
// switches appears in some variant of its family, and no variant could be dropped without losing
// one of those. The e2e matrix (tests/e2e/variant-matrix.e2e.test.ts) runs them all.
import { describe, expect, it } from 'vitest';
import { LANGS, TEXTS } from '../fixtures/pages/src/texts.js';
import {
  FAMILIES,
  FAMILY_IDS,
  type FamilyId,
  LEGACY_VARIANTS,
  MATRIX_VARIANTS,
  meaningfulPairs,
  problemsOf,
  uncoveredPairs,
  valuesNotTaken,
  variantsOf,
} from '../fixtures/pages/src/variants.js';
import {
  entryUrlOf,
  FIXTURE_URLS,
  resolveFixtureOptions,
  FIXTURE_VARIANTS as VARIANTS,
} from '../support/fixture-routes.mjs';

const FORM_FAMILIES: FamilyId[] = ['api-token', 'access-token', 'app-password'];

describe('fixture variant matrix', () => {
  it('names every variant once, in a known family, with known switches and values that obey the rules', () => {
    const names = MATRIX_VARIANTS.map((variant) => variant.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of Object.keys(LEGACY_VARIANTS)) expect(names).not.toContain(name);
    for (const variant of MATRIX_VARIANTS)
      expect([variant.name, problemsOf(variant)]).toEqual([variant.name, []]);
  });

  it.each(FORM_FAMILIES)('%s: at least 12 named variants', (family) => {
    expect(variantsOf(family).length).toBeGreaterThanOrEqual(12);
  });

  it.each(FAMILY_IDS)('%s: the variants take every value of every switch', (family) => {
    expect(valuesNotTaken(family, variantsOf(family))).toEqual([]);
  });

  it.each(FAMILY_IDS)('%s: every meaningful pair of values of two switches is in some variant', (family) => {
    const missing = uncoveredPairs(family, variantsOf(family));
    expect(missing, `uncovered (node scripts/suggest-variant.mjs ${family} proposes a variant)`).toEqual([]);
    expect(meaningfulPairs(family).size).toBeGreaterThan(0);
  });

  it.each(FAMILY_IDS)('%s: dropping any one variant loses a value or a pair', (family) => {
    const variants = variantsOf(family);
    const redundant = variants
      .filter((variant) => {
        const rest = variants.filter((other) => other !== variant);
        return valuesNotTaken(family, rest).length === 0 && uncoveredPairs(family, rest).length === 0;
      })
      .map((variant) => variant.name);
    expect(redundant, 'variants that cover nothing the others do not').toEqual([]);
  });

  it('the checks fail when a variant is removed or a new value is never taken', () => {
    const [, ...rest] = variantsOf('access-token');
    expect(
      [...valuesNotTaken('access-token', rest), ...uncoveredPairs('access-token', rest)].length,
    ).toBeGreaterThan(0);
    const rotate = FAMILIES['access-token'].switches.rotate;
    expect(rotate).toBeDefined();
    rotate?.values.push('kebab-and-button');
    try {
      expect(valuesNotTaken('access-token', variantsOf('access-token'))).toEqual(['rotate=kebab-and-button']);
      expect(uncoveredPairs('access-token', variantsOf('access-token')).length).toBeGreaterThan(10);
    } finally {
      rotate?.values.pop();
    }
  });

  it('rules exclude only the pairs they name', () => {
    const pairs = meaningfulPairs('api-token');
    expect(pairs.has('deepLink=to-details & entry=review')).toBe(false);
    expect(pairs.has('deepLink=past-scopes & entry=review')).toBe(true);
    expect(meaningfulPairs('app-password').has('container=dialog & stack=django')).toBe(false);
  });

  it('resolves every variant name, legacy ones in every family and matrix ones in their own', () => {
    for (const name of VARIANTS) expect(() => resolveFixtureOptions({ variant: name })).not.toThrow();
    const de = resolveFixtureOptions({ variant: 'de' });
    expect(
      FAMILY_IDS.filter((family) => 'locale' in FAMILIES[family].switches).map((f) => de.switches[f].locale),
    ).toEqual(['de', 'de', 'de']);
    const one = resolveFixtureOptions({ variant: 'access-table-id-in-id-virtual-rows' });
    expect(one.switches['access-token']).toMatchObject({ grouping: 'table', idAttr: 'id', rows: 'virtual' });
    expect(one.switches['api-token'].grouping).toBe('heading');
    expect(one.matrix).toMatchObject({
      'access-token': 'access-table-id-in-id-virtual-rows',
      'api-token': null,
    });
    expect(() => resolveFixtureOptions({ variant: 'no-such-variant' as never })).toThrow(
      /Unknown fixture variant/,
    );
  });

  it('opens every variant at a fixture URL', () => {
    const urls = new Set(Object.values(FIXTURE_URLS));
    for (const variant of MATRIX_VARIANTS) expect(urls.has(entryUrlOf(variant))).toBe(true);
  });

  it('has every text in every language (de, fr and ja are our own guesses)', () => {
    const keys = Object.keys(TEXTS.en).sort();
    for (const lang of LANGS) expect([lang, Object.keys(TEXTS[lang]).sort()]).toEqual([lang, keys]);
  });
});
