import { defineConfig } from 'vitest/config';

// The store and the whole pipeline (capture on the fake Mastodon server, scan, decide, package,
// verify) run once more on PostgreSQL: the same test files, with every workspace on a database of
// its own (test/helpers/test-store.ts).
const PIPELINE_TESTS = [
  'test/store/sql-store.test.ts',
  'test/capture/mastodon-crawl.test.ts',
  'test/capture/kill-resume.test.ts',
  'test/privacy-review/review-flow.test.ts',
  'test/privacy-review/review-cli.test.ts',
  'test/package/package-flow.test.ts',
  'test/search/search.test.ts',
];

// Tests of PostgreSQL itself (migrating an embedded store into it).
const POSTGRES_ONLY = ['test/migrate/**'];

export default defineConfig({
  test: {
    // Tests talk real HTTP on loopback and spawn real processes: give them room, and run files in parallel.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'embedded', include: ['test/**/*.test.ts'], exclude: POSTGRES_ONLY } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: [...PIPELINE_TESTS, ...POSTGRES_ONLY],
          env: { SOCIALARCHIVE_TEST_STORE: 'postgres' },
          globalSetup: ['test/helpers/postgres-setup.ts'],
        },
      },
    ],
  },
});
