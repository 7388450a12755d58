import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PACKAGE_ROOT } from '../../src/version.js';
import { pgAdminUrl, testDatabasePrefix } from './test-store.js';

/**
 * Global setup of the `postgres` test project: starts (or installs) PostgreSQL when it is not
 * running; when that is impossible the run fails here with the reason, nothing is skipped. The
 * teardown drops every database this run created.
 */
export default function setup(project: TestProject): () => void {
  if (!process.env.SOCIALARCHIVE_TEST_PG_URL) {
    try {
      execFileSync(join(PACKAGE_ROOT, 'scripts', 'test-postgres.sh'), { stdio: ['ignore', 'inherit', 'pipe'] });
    } catch (e) {
      const reason = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
      throw new Error(`the postgres test project needs PostgreSQL, and scripts/test-postgres.sh could not provide it: ${reason}`);
    }
  }
  const runId = randomBytes(4).toString('hex');
  project.provide('pgRunId', runId);
  return () => {
    const prefix = testDatabasePrefix(runId);
    const names = execFileSync('psql', [pgAdminUrl(), '-tAc', `SELECT datname FROM pg_database WHERE datname LIKE '${prefix}%'`]).toString().split('\n').filter(Boolean);
    for (const name of names) execFileSync('psql', [pgAdminUrl(), '-qc', `DROP DATABASE ${name} WITH (FORCE)`]);
  };
}
