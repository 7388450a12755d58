import { Command, Option } from 'commander';
import { UserError } from '../../domain/errors.js';
import { operatorName } from '../../operator.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { ROLES, type Role } from '../../store/users-store.js';
import { withWorkspace } from '../workspace-command.js';

const NAME = /^[A-Za-z0-9._@-]{1,100}$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new UserError('users.bad-name', `"${name}" is not a user name: letters, digits and . _ @ - only, at most 100`);
  return name;
}

/** The password comes on standard input (first line), never as an argument that `ps` and shell history would keep. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (then Enter, Ctrl-D): ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.length > 4096) throw new UserError('users.long-password', 'the password on standard input is too long');
  }
  const password = text.split(/\r?\n/)[0] ?? '';
  if (!password) throw new UserError('users.no-password', 'give the password on standard input, e.g. printf %s "$PW" | socialarchive users add NAME --role ROLE');
  return password;
}

/** `socialarchive users add|passwd|disable|list`: the console's local users and their roles. */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('console users and their roles (records_manager, privacy_officer, auditor)');
  users
    .command('add')
    .description('add a user; the password (at least 12 characters) is read from standard input')
    .argument('<name>', 'user name')
    .addOption(new Option('--role <role>', 'what the user may do in the console').choices([...ROLES]).makeOptionMandatory())
    .action(async (name: string, opts: { role: Role }, cmd: Command) => {
      checkName(name);
      const hash = await hashPassword(await readPassword());
      await withWorkspace(cmd, async (ws) => {
        await ws.store.users.addUser({ name, role: opts.role, passwordHash: hash }, operatorName(), new Date().toISOString());
        process.stdout.write(`user ${name} added (${opts.role})\n`);
      });
    });
  users
    .command('passwd')
    .description('set a new password (from standard input); the user\'s sessions end')
    .argument('<name>', 'user name')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const hash = await hashPassword(await readPassword());
      await withWorkspace(cmd, async (ws) => {
        await ws.store.users.setPassword(checkName(name), hash, operatorName(), new Date().toISOString());
        process.stdout.write(`password of ${name} changed\n`);
      });
    });
  users
    .command('disable')
    .description('disable a user (kept for the audit trail); their sessions end')
    .argument('<name>', 'user name')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      await withWorkspace(cmd, async (ws) => {
        await ws.store.users.setDisabled(checkName(name), true, operatorName(), new Date().toISOString());
        process.stdout.write(`user ${name} disabled\n`);
      });
    });
  users
    .command('list')
    .description('every user with role and state')
    .action(async (_opts: unknown, cmd: Command) => {
      await withWorkspace(cmd, async (ws) => {
        for (const u of await ws.store.users.users()) process.stdout.write(`${u.name}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\n`);
      });
    });
}
