// Proposes fixture variants that cover the pairs of switch values no named variant covers yet
// (tests/fixtures/pages/src/variants.js). For maintainers adding a switch or a value:
//   node scripts/suggest-variant.mjs api-token          one variant, the most new pairs
//   node scripts/suggest-variant.mjs api-token --all    variants until every pair is covered
//   node scripts/suggest-variant.mjs api-token --from-scratch   a whole new set (orthogonal array + greedy)
// Greedy and seeded, so the same model gives the same proposal. Name what it proposes and add it by hand.
import {
  coveredPairs,
  excludedBy,
  FAMILIES,
  meaningfulPairs,
  uncoveredPairs,
  variantsOf,
} from '../tests/fixtures/pages/src/variants.js';

/** A small deterministic PRNG (mulberry32): proposals are reproducible. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const key = (a, av, b, bv) => (a < b ? `${a}=${av} & ${b}=${bv}` : `${b}=${bv} & ${a}=${av}`);

/** The candidate switch setting that covers the most pairs of `missing`. */
export function suggest(family, missing, { tries = 60, seed = 1 } = {}) {
  const rand = random(seed);
  const switches = Object.entries(FAMILIES[family].switches);
  let best;
  for (let n = 0; n < tries; n++) {
    const order = [...switches].sort(() => rand() - 0.5);
    const chosen = {};
    for (const [name, { values }] of order) {
      const scored = values
        .filter((value) => Object.entries(chosen).every(([o, ov]) => !excludedBy(family, name, value, o, ov)))
        .map((value) => ({
          value,
          gain:
            Object.entries(chosen).filter(([o, ov]) => missing.has(key(name, value, o, ov))).length +
            // Look ahead: values with many open pairs left are worth taking early.
            0.01 * [...missing].filter((pair) => pair.includes(`${name}=${value}`)).length +
            0.001 * rand(),
        }))
        .sort((x, y) => y.gain - x.gain);
      chosen[name] = scored[0]?.value ?? values[0];
    }
    const gain = coveredPairs([{ family, switches: chosen }]);
    const newPairs = [...gain].filter((pair) => missing.has(pair)).length;
    if (!best || newPairs > best.newPairs) best = { switches: chosen, newPairs };
  }
  return best;
}

/**
 * A full proposal from scratch: the family defaults first, then an orthogonal array of strength 2
 * over five levels (25 rows, i + k·j mod 5) for the six switches with the most values, the other
 * switches filled greedily row by row, greedy rows for whatever is left, and rows dropped again
 * while nothing gets uncovered.
 */
export function proposeAll(family, { seed = 1 } = {}) {
  const rand = random(seed);
  const switches = Object.entries(FAMILIES[family].switches);
  const big = [...switches].sort((a, b) => b[1].values.length - a[1].values.length).slice(0, 6);
  const missing = meaningfulPairs(family);
  const rows = [Object.fromEntries(switches.map(([k, s]) => [k, s.values[0]]))];
  const cover = (row) => {
    for (const pair of coveredPairs([{ family, switches: row }])) missing.delete(pair);
  };
  cover(rows[0]);
  const fits = (row, name, value) =>
    Object.entries(row).every(([o, ov]) => !excludedBy(family, name, value, o, ov));
  if (big[0] && big[0][1].values.length > 2) {
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        const row = {};
        big.forEach(([name, { values }], c) => {
          const level = c === 0 ? i : c === 1 ? j : (i + (c - 1) * j) % 5;
          const value = values[level % values.length];
          if (fits(row, name, value)) row[name] = value;
        });
        for (const [name, { values }] of switches) {
          if (name in row) continue;
          const scored = values
            .filter((value) => fits(row, name, value))
            .map((value) => ({
              value,
              gain:
                Object.entries(row).filter(([o, ov]) => missing.has(key(name, value, o, ov))).length +
                0.001 * rand(),
            }))
            .sort((x, y) => y.gain - x.gain);
          row[name] = scored[0]?.value ?? values[0];
        }
        if (switches.every(([name]) => name in row)) {
          rows.push(row);
          cover(row);
        }
      }
    }
  }
  for (let n = 0; missing.size > 0 && n < 100; n++) {
    const best = suggest(family, missing, { seed: seed + n, tries: 200 });
    if (!best || best.newPairs === 0) break;
    rows.push(best.switches);
    cover(best.switches);
  }
  // Drop rows (never the defaults) that cover nothing the others don't.
  const all = meaningfulPairs(family);
  for (let i = rows.length - 1; i > 0; i--) {
    const others = rows.filter((_, k) => k !== i).map((s) => ({ family, switches: s }));
    const covered = coveredPairs(others);
    if ([...all].every((pair) => covered.has(pair) || missing.has(pair))) rows.splice(i, 1);
  }
  return { rows, uncovered: [...missing] };
}

function withoutDefaults(family, switches) {
  return Object.fromEntries(
    Object.entries(switches).filter(([k, x]) => FAMILIES[family].switches[k].values[0] !== x),
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [family, flag] = process.argv.slice(2);
  if (FAMILIES[family] && flag === '--from-scratch') {
    const { rows, uncovered } = proposeAll(family);
    console.log(
      `${family}: ${rows.length} variants from scratch; uncovered: ${uncovered.join('; ') || 'none'}`,
    );
    rows.forEach((row, n) => {
      console.log(`v('${family}-${n}', '${family}', ${JSON.stringify(withoutDefaults(family, row))}),`);
    });
    process.exit(0);
  }
  if (!FAMILIES[family]) {
    console.error(`usage: node scripts/suggest-variant.mjs <${Object.keys(FAMILIES).join('|')}> [--all]`);
    process.exit(2);
  }
  const missing = new Set(uncoveredPairs(family, variantsOf(family)));
  console.log(`${family}: ${variantsOf(family).length} named variants, ${missing.size} pairs uncovered`);
  let n = 0;
  while (missing.size > 0) {
    const best = suggest(family, missing, { seed: ++n });
    if (!best || best.newPairs === 0) {
      console.log(`cannot place: ${[...missing].join('; ')}`);
      break;
    }
    for (const pair of coveredPairs([{ family, switches: best.switches }])) missing.delete(pair);
    console.log(
      `v('${family}-${n}', '${family}', ${JSON.stringify(withoutDefaults(family, best.switches))}), // +${best.newPairs}, ${missing.size} left`,
    );
    if (flag !== '--all') break;
  }
}
