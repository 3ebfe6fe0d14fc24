import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApplication, type Application, type ApplicationOptions } from '../../src/app/create-application.js';
import { parseEnv } from '../../src/config/env.js';
import { silentLogger } from '../../src/logging/logger.js';
import type { VideoProvider } from '../../src/providers/provider.js';

export interface TestServer {
  url: string;
  dataDir: string;
  application: Application;
  /** stops the server; keeps the data dir unless `removeData` */
  stop(options?: { removeData?: boolean }): Promise<void>;
}

/**
 * Starts the real application on 127.0.0.1 and a random port, with a
 * temporary data dir (or the one given, to test restarts).
 */
export async function startTestServer(
  options: { env?: Record<string, string>; providers?: VideoProvider[]; dataDir?: string } & Pick<ApplicationOptions, 'now' | 'decorateStore' | 'decorateBlobs'> = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'vidcompare-test-'));
  const env = parseEnv({ HOST: '127.0.0.1', PORT: '0', VIDCOMPARE_DATA_DIR: dataDir, VIDCOMPARE_LOG_LEVEL: 'silent', ...options.env });
  const application = await createApplication(env, {
    logger: silentLogger(),
    providers: options.providers,
    now: options.now,
    decorateStore: options.decorateStore,
    decorateBlobs: options.decorateBlobs,
  });
  const url = await application.start();
  return {
    url,
    dataDir,
    application,
    async stop({ removeData = false } = {}) {
      await application.close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch + JSON with the status, for terse assertions */
export async function api<T = any>(url: string, init?: RequestInit & { json?: unknown }): Promise<{ status: number; body: T }> {
  const { json, ...rest } = init ?? {};
  const response = await fetch(url, {
    ...rest,
    ...(json !== undefined ? { body: JSON.stringify(json), headers: { 'content-type': 'application/json', ...(rest.headers ?? {}) } } : {}),
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}
