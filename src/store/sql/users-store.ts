import type { Kysely, Selectable } from 'kysely';
import { UserError } from '../../domain/errors.js';
import type { Role, SessionRecord, UserRecord, UsersStore } from '../users-store.js';
import type { AppendAudit } from './privacy-store.js';
import type { Database } from './schema.js';

export interface ConsoleUsersTable {
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
}

export interface ConsoleSessionsTable {
  id_hash: string;
  user_name: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

declare module './schema.js' {
  interface Database {
    console_users: ConsoleUsersTable;
    console_sessions: ConsoleSessionsTable;
  }
}

const toUser = (r: Selectable<ConsoleUsersTable>): UserRecord => ({
  name: r.name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

export class SqlUsersStore implements UsersStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly appendAudit: AppendAudit,
  ) {}

  async addUser(u: Omit<UserRecord, 'disabled' | 'createdAt'>, actor: string, at: string): Promise<UserRecord> {
    return this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('console_users').select('name').where('name', '=', u.name).executeTakeFirst();
      if (exists) throw new UserError('users.exists', `there is already a user ${u.name}; use users passwd or users disable`);
      await trx.insertInto('console_users').values({ name: u.name, role: u.role, password_hash: u.passwordHash, disabled: 0, created_at: at }).execute();
      await this.appendAudit(trx, actor, 'user.add', `user:${u.name}`, { role: u.role }, at);
      return { ...u, disabled: false, createdAt: at };
    });
  }

  async user(name: string): Promise<UserRecord | null> {
    const r = await this.db.selectFrom('console_users').selectAll().where('name', '=', name).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async users(): Promise<UserRecord[]> {
    return (await this.db.selectFrom('console_users').selectAll().orderBy('name').execute()).map(toUser);
  }

  async setPassword(name: string, passwordHash: string, actor: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('console_users').set({ password_hash: passwordHash }).where('name', '=', name).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new UserError('users.unknown', `there is no user ${name}`);
      await trx.deleteFrom('console_sessions').where('user_name', '=', name).execute();
      await this.appendAudit(trx, actor, 'user.passwd', `user:${name}`, {}, at);
    });
  }

  async setDisabled(name: string, disabled: boolean, actor: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('console_users').set({ disabled: disabled ? 1 : 0 }).where('name', '=', name).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new UserError('users.unknown', `there is no user ${name}`);
      if (disabled) await trx.deleteFrom('console_sessions').where('user_name', '=', name).execute();
      await this.appendAudit(trx, actor, disabled ? 'user.disable' : 'user.enable', `user:${name}`, {}, at);
    });
  }

  async createSession(s: SessionRecord): Promise<void> {
    // Expired sessions go when new ones come, so the table stays as small as the people using it.
    await this.db.deleteFrom('console_sessions').where('expires_at', '<=', s.createdAt).execute();
    await this.db
      .insertInto('console_sessions')
      .values({ id_hash: s.idHash, user_name: s.userName, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt })
      .execute();
  }

  async session(idHash: string, at: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const r = await this.db
      .selectFrom('console_sessions as s')
      .innerJoin('console_users as u', 'u.name', 's.user_name')
      .selectAll('u')
      .select(['s.id_hash', 's.csrf_token', 's.created_at as s_created', 's.expires_at'])
      .where('s.id_hash', '=', idHash)
      .where('s.expires_at', '>', at)
      .where('u.disabled', '=', 0)
      .executeTakeFirst();
    if (!r) return null;
    return {
      session: { idHash: r.id_hash, userName: r.name, csrfToken: r.csrf_token, createdAt: r.s_created, expiresAt: r.expires_at },
      user: toUser(r),
    };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('console_sessions').where('id_hash', '=', idHash).execute();
  }
}
