#!/usr/bin/env node
// What each built bundle is made of, by source file: raw minified bytes and the gzip size of that
// file's share alone (gzip of the whole bundle is smaller than the sum: shared words compress
// together). Needs a build with source maps: `npm run composition` makes one.
//   node scripts/bundle-composition.mjs [.output/chrome-mv3] [bundle.js …]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { SourceMapConsumer } from 'source-map-js';

const dir = process.argv[2] ?? '.output/chrome-mv3';
const named = process.argv.slice(3);
const bundles = named.length
  ? named
  : [
      'background.js',
      ...['content-scripts', 'chunks'].flatMap((d) =>
        readdirSync(join(dir, d))
          .filter((f) => f.endsWith('.js'))
          .map((f) => `${d}/${f}`),
      ),
    ];
const gz = (text) => gzipSync(text, { level: 9 }).length;

for (const bundle of bundles) {
  const file = join(dir, bundle);
  if (!existsSync(`${file}.map`)) {
    console.error(`${bundle}: no source map (build with BBAH_SOURCEMAP=1)`);
    process.exitCode = 1;
    continue;
  }
  const code = readFileSync(file, 'utf8');
  const lines = code.split('\n');
  const consumer = new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
  const mappings = [];
  consumer.eachMapping((m) => mappings.push(m));
  const bySource = new Map();
  // Each mapping owns the generated text up to the next mapping on the same line.
  mappings.forEach((m, i) => {
    const next = mappings[i + 1];
    const line = lines[m.generatedLine - 1] ?? '';
    const end = next?.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
    const source = m.source
      ? m.source.includes('node_modules/')
        ? `npm:${m.source.split('node_modules/').pop()}`
        : relative(process.cwd(), join(dir, bundle, '..', m.source))
      : '(unmapped: bundler glue, inlined CSS, the polyfill as transformed in wxt.config.ts)';
    bySource.set(source, (bySource.get(source) ?? '') + line.slice(m.generatedColumn, end));
  });
  console.log(`\n${bundle}: ${code.length} B raw, ${gz(code)} B gzip`);
  const rows = [...bySource].map(([source, text]) => [source, text.length, gz(text)]);
  for (const [source, raw, zipped] of rows.sort((a, b) => b[1] - a[1])) {
    console.log(`${String(raw).padStart(8)} ${String(zipped).padStart(7)}  ${source}`);
  }
}
