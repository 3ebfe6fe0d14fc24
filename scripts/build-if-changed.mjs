#!/usr/bin/env node
// Builds only what changed since the last build, so a second `npm start` starts in seconds:
// - the server (src → dist) with scripts/build-server.mjs (esbuild), skipped entirely when no input changed;
// - the web UI (web → dist/web) with vite, skipped when no web input changed.
// Each part's inputs are hashed into a stamp file written after a successful build.
// Usage: node scripts/build-if-changed.mjs [server] [web]   (default: both)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const parts = {
  server: {
    inputs: ['src', 'scripts/build-server.mjs', 'package-lock.json'],
    output: 'dist/cli/main.js',
    stamp: 'dist/.server-build-stamp',
    command: [process.execPath, path.join(root, 'scripts/build-server.mjs')],
  },
  web: {
    // the UI imports the API's types from src/domain
    inputs: ['web', 'src/domain', 'package-lock.json'],
    output: 'dist/web/index.html',
    stamp: 'dist/.web-build-stamp',
    command: [bin('vite'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  },
};

function filesUnder(relative) {
  const absolute = path.join(root, relative);
  if (!existsSync(absolute)) return [];
  if (statSync(absolute).isFile()) return [relative];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => filesUnder(path.join(relative, entry.name)));
}

function hashInputs(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(filesUnder).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readStamp(file) {
  try {
    return readFileSync(path.join(root, file), 'utf8').trim();
  } catch {
    return undefined;
  }
}

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!(name in parts)) {
    console.error(`build-if-changed: unknown part "${name}" (known: ${Object.keys(parts).join(', ')})`);
    process.exit(2);
  }
}

for (const name of wanted.length > 0 ? wanted : Object.keys(parts)) {
  const part = parts[name];
  const digest = hashInputs(part.inputs);
  if (existsSync(path.join(root, part.output)) && readStamp(part.stamp) === digest) continue;
  const started = Date.now();
  const [command, ...args] = part.command;
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build-if-changed: the ${name} build failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(result.status || 1);
  }
  writeFileSync(path.join(root, part.stamp), `${digest}\n`);
  console.error(`build-if-changed: built the ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
