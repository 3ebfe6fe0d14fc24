import type { Command } from 'commander';

const positiveInteger = (value: string) => {
  const parsed = Number.parseInt(value, 10);
  if (!Number.isInteger(parsed) || parsed < 1 || String(parsed) !== value.trim()) throw new Error(`expected a positive integer, got "${value}"`);
  return parsed;
};

/** `worker`: executes work units from the queue (distributed deployment), until SIGINT/SIGTERM. */
export function registerWorkerCommand(program: Command, onStarted: () => void): void {
  program
    .command('worker')
    .description('run work units from the queue (needs VIDCOMPARE_REDIS_URL); no API')
    .option('--concurrency <n>', 'units run at once (default 16)', positiveInteger)
    .option('-p, --port <port>', 'serve GET /health on this port', (v) => Number.parseInt(v, 10))
    .action(async (options: { concurrency?: number; port?: number }) => {
      // loaded here so the client commands do not pay for the server's modules
      const { runWorker } = await import('../serve.js');
      await runWorker(options);
      onStarted();
    });
}
