import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONSOLE_DIST } from '../apps/directory/src/console/console.static';

/**
 * The JavaScript the console's first page loads (the scripts and module preloads index.html names), raw and
 * gzipped (level 9, as a server or CDN compresses static files). Goal: ≤ 500 KB gzipped. Run after `npm run build`.
 */
const GOAL_BYTES = 500 * 1024;
const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
const scripts = [
  ...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\/console\/([^"]+\.js)"/g),
].map(([, path]) => path);
if (scripts.length === 0)
  throw new Error(`no script in ${join(CONSOLE_DIST, 'index.html')}: run npm run build`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
let raw = 0;
let gzipped = 0;
for (const path of scripts) {
  const file = join(CONSOLE_DIST, path);
  const size = statSync(file).size;
  const compressed = gzipSync(readFileSync(file), { level: 9 }).length;
  raw += size;
  gzipped += compressed;
  console.log(`${path}: ${kb(size)} raw, ${kb(compressed)} gzipped`);
}
console.log(
  `first page JS: ${kb(raw)} raw, ${kb(gzipped)} gzipped (goal ≤ ${kb(GOAL_BYTES)}: ${gzipped <= GOAL_BYTES ? 'met' : 'missed'})`,
);
