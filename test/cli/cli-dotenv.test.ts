import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainTs = path.join(root, 'src/cli/main.ts');
// an absolute loader URL: the CLI runs in another folder, where `--import tsx` would not resolve
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

describe('vidcompare reads ./.env', () => {
  it('takes settings from .env in the working directory and prints nothing about it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-dotenv-'));
    try {
      writeFileSync(path.join(dir, '.env'), 'VIDCOMPARE_SERVER=http://127.0.0.1:9\n');
      const env = { ...process.env };
      delete env.VIDCOMPARE_SERVER;
      const result = spawnSync(process.execPath, ['--import', tsxLoader, mainTs, 'videos'], { cwd: dir, env, encoding: 'utf8' });
      expect(result.status).toBe(1);
      // one line: the server from .env could not be reached (and no "injected env" notice)
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vidcompare: Cannot reach the vidcompare server at http:\/\/127\.0\.0\.1:9 /)]);
      expect(result.stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
