import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from '../test/helpers/clean-env.js';
import { report } from './harness.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `npm start` on a free port and resolves with the seconds until the server says it listens. */
function timeNpmStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: cleanEnv({ PORT: '0', VIDCOMPARE_DATA_DIR: dataDir, VIDCOMPARE_LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let seconds: number | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (seconds === undefined && /listening on http/.test(output)) {
        seconds = (performance.now() - started) / 1000;
        // the whole group: npm and the server it started
        process.kill(-child.pid!, 'SIGTERM');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      if (seconds !== undefined) resolve(seconds);
      else reject(new Error(`npm start exited (${code}) before listening:\n${output}`));
    });
  });
}

/**
 * `npm run bench -- start`: the time from `npm start` to a listening server,
 * once after whatever changed was built, then twice with nothing changed.
 */
export async function runStartBench(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-start-bench-'));
  try {
    const first = await timeNpmStart(dataDir);
    report('npm start, building what changed since the last build', `${first.toFixed(1)} s`);
    const again = [await timeNpmStart(dataDir), await timeNpmStart(dataDir)];
    report('npm start again, nothing changed (2 runs)', again.map((s) => `${s.toFixed(1)} s`).join(', '));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
