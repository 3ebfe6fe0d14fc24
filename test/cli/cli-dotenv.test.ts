import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, cleanEnv } from '../helpers/clean-env.js';


describe('vidcompare reads ./.env', () => {
  it('takes settings from .env in the working directory and prints nothing about it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-dotenv-'));
    try {
      writeFileSync(path.join(dir, '.env'), 'VIDCOMPARE_SERVER=http://127.0.0.1:9\n');
      const result = spawnSync(process.execPath, [builtCli, 'videos'], { cwd: dir, env: cleanEnv(), encoding: 'utf8' });
      expect(result.status).toBe(1);
      // one line: the server from .env could not be reached (and no "injected env" notice)
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^vidcompare: Cannot reach the vidcompare server at http:\/\/127\.0\.0\.1:9 /)]);
      expect(result.stdout).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
