import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../sql/schema.js';
import { SqlStore } from '../sql/sql-store.js';
import { PortableSchemaPlugin } from './portable-schema-plugin.js';
import { UserError } from '../../domain/errors.js';

const INT8 = 20;
const NUMERIC = 1700;

// SQLite hands back integers as numbers; PostgreSQL's bigint and count(*) arrive as strings unless
// parsed. Every integer the archive stores (ids, sizes, counts) fits in a double exactly; one that
// does not is refused rather than rounded.
function parseInteger(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${text} from PostgreSQL is beyond what the archive can represent exactly`);
  return n;
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? parseInteger : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** Opens the store in the PostgreSQL database at `url` (postgres://…), bringing its schema up to date. */
export async function openPostgresStore(url: string, opts: { poolSize?: number } = {}): Promise<SqlStore> {
  if (!isPostgresUrl(url)) throw new UserError('store.url', 'the PostgreSQL store needs a postgres:// URL (the value given is not shown)');
  return SqlStore.open(await connectPostgres<Database>(url, opts.poolSize ?? 10), 'postgres');
}

/** A Kysely connection to PostgreSQL that reads integers as SQLite does; checked before it is returned. */
export async function connectPostgres<DB>(url: string, poolSize = 10): Promise<Kysely<DB>> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // A dropped idle connection must not take the process down; the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end();
    throw new UserError('store.connect', `cannot connect to the PostgreSQL store: ${(e as Error).message}`);
  }
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new PortableSchemaPlugin()] });
}
