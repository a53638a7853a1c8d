#!/usr/bin/env node
// `npm run icons`: rasterises assets/icon.svg into public/icons/{16,32,48,128}.png with the same
// headless Chromium the e2e suite uses (offline; nothing is downloaded). The PNGs are committed,
// so building the extension (and AMO's rebuild from the sources zip) needs no browser.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/support/chromium.mjs';

export const ICON_SIZES = [16, 32, 48, 128];
const OUT_DIR = 'public/icons';

export async function renderIcons({ svgPath = 'assets/icon.svg', outDir = OUT_DIR } = {}) {
  const svg = readFileSync(svgPath, 'utf8');
  const { context } = await launchChromium({ deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    mkdirSync(outDir, { recursive: true });
    const written = [];
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
      );
      const path = join(outDir, `${size}.png`);
      await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      written.push(path);
    }
    return written;
  } finally {
    await context.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  renderIcons().then(
    (paths) => console.log(`Icons written:\n  ${paths.join('\n  ')}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
