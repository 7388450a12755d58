import type { Command } from 'commander';
import { registerAccounts } from './accounts.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerMigrate } from './migrate.js';
import { registerPackage } from './package.js';
import { registerPrivacy } from './privacy.js';
import { registerReview } from './review.js';
import { registerRun } from './run.js';
import { registerSearch } from './search.js';
import { registerServe } from './serve.js';
import { registerTransfer } from './transfer.js';
import { registerUsers } from './users.js';
import { registerVerify } from './verify.js';

/** Each command module registers itself on the program; add new commands here. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerInit, registerAccounts, registerRun, registerImport, registerDemo, registerPrivacy, registerReview, registerSearch, registerPackage, registerVerify, registerTransfer, registerCheck, registerMigrate, registerServe, registerUsers];
