import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';

/**
 * The external services the distributed tests use (PostgreSQL, Redis),
 * overridable for CI machines that run them elsewhere.
 */
export const testServices = {
  postgresUrl: process.env.VIDCOMPARE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  redisUrl: process.env.VIDCOMPARE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};

/** Resolves true when something accepts TCP connections at the URL's host and port. */
export function serviceAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port), hostname, () => done(true));
  });
}

/**
 * Checks the services once; prints why the tests that need them are skipped.
 * Returns the names of the services that do not answer.
 */
export async function missingServices(names: ReadonlyArray<'postgres' | 'redis'>): Promise<string[]> {
  const urls = { postgres: testServices.postgresUrl, redis: testServices.redisUrl };
  const missing: string[] = [];
  for (const name of names) if (!(await serviceAnswers(urls[name]))) missing.push(`${name} (${urls[name]})`);
  if (missing.length) console.warn(`skipping distributed tests: ${missing.join(', ')} does not answer`);
  return missing;
}

/** A name unique to this test run, usable as a PostgreSQL schema or a Redis key prefix. */
export function uniqueTestName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
