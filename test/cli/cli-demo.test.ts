import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-cli-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('vidcompare demo', () => {
  it('runs offline with no key: sample videos, local models, local judge, a leaderboard with scores', async () => {
    // no server address and no keys: the demo starts its own server in-process
    const result = await runCli(['demo'], { VIDCOMPARE_DATA_DIR: dataDir, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(result.stdout).toMatch(/sample-cuts-and-silence\.mp4/);
    expect(result.stdout).toMatch(/sample-three-shots-tone\.mp4/);
    expect(result.stdout).toMatch(/2 videos × 2 prompts = 4 combinations/);
    const board = lines.indexOf('Leaderboard');
    expect(board, result.stdout).toBeGreaterThan(0);
    const ranked = lines.slice(board + 3).filter((line) => /^\d+\s+local-/.test(line));
    expect(ranked.map((line) => line.split(/\s+/)[1]).sort()).toEqual(['local-audio', 'local-full', 'local-look', 'local-shots']);
    for (const row of ranked) {
      const score = Number(row.split(/\s+/)[2]);
      expect(score).toBeGreaterThanOrEqual(1);
      expect(score).toBeLessThanOrEqual(10);
    }
    expect(result.stdout).toMatch(/npm start.*http:\/\/127\.0\.0\.1:8000/);
    // the demo used the data dir it was given (and left it in place)
    expect(existsSync(path.join(dataDir, 'vidcompare.db'))).toBe(true);
  });
});
