import { userInfo } from 'node:os';

/** Who is acting, for the audit trail: SOCIALARCHIVE_OPERATOR, else the login name. */
export function operatorName(): string {
  if (process.env.SOCIALARCHIVE_OPERATOR) return process.env.SOCIALARCHIVE_OPERATOR;
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
