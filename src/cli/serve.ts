import { configSource } from '../config/config-source.js';
import { parseEnv } from '../config/env.js';
import { createApplication } from '../app/create-application.js';

/** Starts the server from the environment and stops it cleanly on SIGINT/SIGTERM. */
export async function serve(overrides: { port?: number; host?: string; dataDir?: string } = {}): Promise<void> {
  const env = parseEnv({
    ...configSource(),
    ...(overrides.port !== undefined ? { PORT: String(overrides.port) } : {}),
    ...(overrides.host ? { HOST: overrides.host } : {}),
    ...(overrides.dataDir ? { VIDCOMPARE_DATA_DIR: overrides.dataDir } : {}),
  });
  const application = await createApplication(env);
  const address = await application.start();
  application.logger.info({ address, data_dir: env.VIDCOMPARE_DATA_DIR }, `vidcompare listening on ${address}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    application.logger.info({ signal }, 'shutting down; unfinished jobs resume at next start');
    application.close().then(
      () => process.exit(0),
      (error) => {
        application.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
