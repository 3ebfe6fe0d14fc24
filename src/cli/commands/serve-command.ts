import type { Command } from 'commander';

/** `serve`: the API server and web UI in this process (until SIGINT/SIGTERM). */
export function registerServeCommand(program: Command, onListening: () => void): void {
  program
    .command('serve')
    .description('run the API server and web UI')
    .option('-p, --port <port>', 'port (default PORT or 8000)', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'host (default HOST or 127.0.0.1)')
    .option('--data-dir <dir>', 'data folder (default VIDCOMPARE_DATA_DIR or ./data)')
    .option('--no-worker', 'API only: work units run on `vidcompare worker` processes (needs VIDCOMPARE_REDIS_URL)')
    .action(async (options: { port?: number; host?: string; dataDir?: string; worker: boolean }) => {
      // loaded here so the client commands do not pay for the server's modules
      const { serve } = await import('../serve.js');
      await serve(options);
      onListening();
    });
}
