import { configSource } from '../config/config-source.js';
import { parseEnv } from '../config/env.js';
import { createApplication } from '../app/create-application.js';
import { startWorkerProcess } from '../app/create-worker-process.js';
import { createLogger, type Logger } from '../logging/logger.js';

/** Runs `close` once on SIGINT/SIGTERM, then exits. */
function stopOnSignals(logger: Logger, message: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, message);
    close().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** Starts the server from the environment and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(overrides: { port?: number; host?: string; dataDir?: string; worker?: boolean } = {}): Promise<void> {
  const env = parseEnv({
    ...configSource(),
    ...(overrides.port !== undefined ? { PORT: String(overrides.port) } : {}),
    ...(overrides.host ? { HOST: overrides.host } : {}),
    ...(overrides.dataDir ? { VIDCOMPARE_DATA_DIR: overrides.dataDir } : {}),
  });
  const application = await createApplication(env, { runWorker: overrides.worker ?? true });
  const address = await application.start();
  application.logger.info({ address, data_dir: env.VIDCOMPARE_DATA_DIR }, `vidcompare listening on ${address}`);
  stopOnSignals(application.logger, 'shutting down; unfinished jobs resume at next start', () => application.close());
}

/** Starts a worker from the environment and stops it cleanly (finishing its units in flight) on SIGINT/SIGTERM. */
export async function runWorker(options: { concurrency?: number; port?: number } = {}): Promise<void> {
  const env = parseEnv(configSource());
  const logger = createLogger(env.VIDCOMPARE_LOG_LEVEL);
  const worker = await startWorkerProcess(env, { concurrency: options.concurrency, healthPort: options.port, logger });
  logger.info({ pid: process.pid, health: worker.healthUrl ?? null }, `vidcompare worker ready${worker.healthUrl ? ` (health on ${worker.healthUrl})` : ''}`);
  stopOnSignals(logger, 'worker stopping; units in flight finish first', () => worker.close());
}
