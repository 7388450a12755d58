// Console users and their sessions (issue 7). Reached as `store.users`; every method is atomic, and
// every change to a user is written to the audit trail. Passwords arrive hashed (src/server/auth),
// session ids arrive hashed: the database never holds anything a person could log in with.

export const ROLES = ['records_manager', 'privacy_officer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (v: unknown): v is Role => (ROLES as readonly unknown[]).includes(v);

export interface UserRecord {
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
}

export interface SessionRecord {
  /** SHA-256 of the cookie value. */
  idHash: string;
  userName: string;
  /** Sent with every state change (form field or header). */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface UsersStore {
  /** Throws a UserError when the name is taken. */
  addUser(user: Omit<UserRecord, 'disabled' | 'createdAt'>, actor: string, at: string): Promise<UserRecord>;
  user(name: string): Promise<UserRecord | null>;
  users(): Promise<UserRecord[]>;
  /** Sets a new password hash and ends the user's sessions. */
  setPassword(name: string, passwordHash: string, actor: string, at: string): Promise<void>;
  /** Disables (or enables) a user; disabling ends their sessions. */
  setDisabled(name: string, disabled: boolean, actor: string, at: string): Promise<void>;
  createSession(s: SessionRecord): Promise<void>;
  /** The session with its user, when it exists, has not expired at `at`, and the user is enabled. */
  session(idHash: string, at: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  deleteSession(idHash: string): Promise<void>;
}
