import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { missingServices, testServices, uniqueTestName } from '../../test/helpers/services.js';
import { describeStoreContract } from './__fixtures__/store-contract.js';
import { makeJob } from './__fixtures__/store-test-data.js';
import { openPostgresStore } from './index.js';
import { StoreError } from './store-error.js';

const unavailable = (await missingServices(['postgres'])).length > 0;
const admin = unavailable ? undefined : new pg.Pool({ connectionString: testServices.postgresUrl, max: 2 });

afterAll(async () => {
  await admin?.end();
});

/** Each test gets its own schema, dropped afterwards. */
async function freshSchema() {
  const schema = uniqueTestName('vc_store');
  return {
    schema,
    open: () => openPostgresStore({ connectionString: testServices.postgresUrl, schema, maxConnections: 4 }),
    dispose: async () => {
      await admin!.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

describe.skipIf(unavailable)('PostgreSQL', () => {
  describeStoreContract('PostgreSQL', freshSchema);

  describe('PostgreSQL store', () => {
    it('lets two processes migrate the same schema at once, applying each migration once', async () => {
      const database = await freshSchema();
      try {
        const [a, b] = await Promise.all([database.open(), database.open()]);
        await a.createJob(makeJob('j1'));
        expect((await b.getJob('j1'))?.id).toBe('j1');
        const applied = await admin!.query(`SELECT version FROM ${database.schema}.migrations ORDER BY version`);
        expect(applied.rows.map((r: { version: string | number }) => Number(r.version))).toEqual(
          [...new Set(applied.rows.map((r: { version: string | number }) => Number(r.version)))],
        );
        await Promise.all([a.close(), b.close()]);
      } finally {
        await database.dispose();
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(openPostgresStore({ connectionString: testServices.postgresUrl, schema: 'x; DROP TABLE jobs' })).rejects.toBeInstanceOf(StoreError);
    });
  });
});
