#!/usr/bin/env node
// Builds the server (src → dist): each TypeScript file transpiled on its own by esbuild, in about a second,
// and the JSON files the sources import copied beside them. Types are checked apart, by `npm run typecheck`
// (which `npm test` runs first): emitting through tsc checked them a second time and took 12-15 s.
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

/** what ships: no tests, test fixtures or test helpers */
const ships = (relative) => !/\.test\.ts$/.test(relative) && !relative.split(path.sep).includes('__fixtures__') && path.basename(relative) !== 'test-helpers.ts';

function filesUnder(relative) {
  return readdirSync(path.join(src, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(relative, entry.name);
    return entry.isDirectory() ? filesUnder(child) : [child];
  });
}

const files = filesUnder('').filter(ships);
await build({
  entryPoints: files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).map((file) => path.join(src, file)),
  outbase: src,
  outdir: dist,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Node 20.10+ reads import attributes (the JSON import needs 'with { type: "json" }'); esbuild would drop them for node20
  supported: { 'import-attributes': true },
  sourcemap: true,
  logLevel: 'warning',
});
for (const file of files.filter((name) => name.endsWith('.json'))) cpSync(path.join(src, file), path.join(dist, file));
