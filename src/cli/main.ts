#!/usr/bin/env node
import 'dotenv/config';
import { Command } from 'commander';
import { ConfigError } from '../config/env.js';
import { serve } from './serve.js';

const program = new Command()
  .name('vidcompare')
  .description('Compare video-understanding models side by side')
  .version('0.1.0');

program
  .command('serve')
  .description('run the API server and web UI')
  .option('-p, --port <port>', 'port (default PORT or 8000)', (v) => Number.parseInt(v, 10))
  .option('--host <host>', 'host (default HOST or 127.0.0.1)')
  .option('--data-dir <dir>', 'data folder (default VIDCOMPARE_DATA_DIR or ./data)')
  .action(async (options: { port?: number; host?: string; dataDir?: string }) => {
    await serve(options);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
