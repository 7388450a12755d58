import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../i18n.js';
import type { Role, SessionRecord, UserRecord } from '../store/users-store.js';
import type { Workspace } from '../workspace.js';
import type { LoginThrottle } from './auth/throttle.js';
import type { RunManager } from './run-manager.js';
import type { ReadCache } from './read-cache.js';

/** What every route handler may use: the open workspace and the console's own services. */
export interface ConsoleContext {
  ws: Workspace;
  runs: RunManager;
  throttle: LoginThrottle;
  /** Shared reads kept a few seconds (open-findings count, review queue, search); emptied by every change. */
  reads: ReadCache;
  /** Whether `serve` keeps to the schedule in this process (the dashboard says so when not). */
  schedulerRunning: boolean;
  /** Set the cookies' Secure flag (behind TLS). */
  secureCookies: boolean;
  sessionHours: number;
}

export interface Auth {
  user: UserRecord;
  session: SessionRecord;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
    lang: Lang;
  }
}

/** `public`: anyone, also without a session; otherwise the roles that may use the route. */
export type Access = 'public' | readonly Role[];

export type Handler = (req: FastifyRequest, reply: FastifyReply, ctx: ConsoleContext) => Promise<unknown>;

/**
 * One row of the console's route table: every route the server answers is one of these, and the
 * access check is made from `access` before the handler runs, so the table is the access policy.
 */
export interface RouteDef {
  method: 'GET' | 'POST';
  url: string;
  access: Access;
  /** A concrete URL for the access-matrix test when `url` has parameters. */
  example?: string;
  handler: Handler;
}

export const ALL_ROLES: readonly Role[] = ['records_manager', 'privacy_officer', 'auditor'];
export const RECORDS: readonly Role[] = ['records_manager'];
export const PRIVACY: readonly Role[] = ['privacy_officer'];
/** Personal-data review: the privacy officer decides, the auditor looks. */
export const PRIVACY_READ: readonly Role[] = ['privacy_officer', 'auditor'];
