import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApplication, type Application } from '../src/app/create-application.js';
import { parseEnv } from '../src/config/env.js';
import { silentLogger } from '../src/logging/logger.js';
import { defaultModels } from '../src/config/default-models.js';
import type { VideoProvider } from '../src/providers/provider.js';

export interface BenchServer {
  url: string;
  application: Application;
  dataDir: string;
  stop(): Promise<void>;
}

/** The real application on a random port with a throwaway data dir. */
export async function startBenchServer(env: Record<string, string> = {}, providers?: VideoProvider[]): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-'));
  const parsed = parseEnv({ HOST: '127.0.0.1', PORT: '0', VIDCOMPARE_DATA_DIR: dataDir, VIDCOMPARE_LOG_LEVEL: 'silent', ...env });
  const application = await createApplication(parsed, { logger: silentLogger(), providers });
  const url = await application.start();
  return {
    url,
    application,
    dataDir,
    async stop() {
      await application.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export function report(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(64)} ${value}\n`);
}

/** A markdown answer of realistic size (seed answers were 2.5-9 KB). */
export function realisticAnswer(seed: number): string {
  const size = 2500 + ((seed * 7919) % 6500);
  const lines = ['## Second-by-second analysis', ''];
  let t = 0;
  while (lines.join('\n').length < size) {
    lines.push(`- **${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}** The shot holds on the subject; camera pans slowly, ambient sound continues.`);
    t += 1;
  }
  return lines.join('\n');
}

/** Benchmarks measure successful work only: a failed answer means the setup is wrong, so stop. */
export async function assertJobsSucceeded(url: string, jobIds: string[]): Promise<void> {
  for (const id of jobIds) {
    const job = (await (await fetch(`${url}/api/jobs/${id}`)).json()) as any;
    const results = job.result?.results ?? job.result?.comparisons?.flatMap((c: any) => c.results) ?? [];
    const failed = results.filter((r: any) => r.status !== 'succeeded');
    if (job.status !== 'completed' || failed.length) throw new Error(`job ${id} ${job.status}: ${failed[0]?.error ?? job.error}`);
  }
}

/**
 * Benchmarks scale provider latency down 100×; requests-per-minute limits are
 * scaled up by the same factor, or they would dominate a run that is 100×
 * shorter than the real one. Returns the path of a models file to pass as
 * VIDCOMPARE_MODELS_FILE.
 */
export function writeTimeScaledModelsFile(scale: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-models-'));
  const file = path.join(dir, 'models.json');
  const models = defaultModels.map((m) => ({
    ...m,
    limits: { requests_per_minute: (m.limits?.requests_per_minute ?? 60) * scale, concurrent: m.limits?.concurrent ?? 8 },
  }));
  writeFileSync(file, JSON.stringify({ models }));
  return file;
}
