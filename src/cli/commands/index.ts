import type { Command } from 'commander';
import { registerAccounts } from './accounts.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerPackage } from './package.js';
import { registerPrivacy } from './privacy.js';
import { registerReview } from './review.js';
import { registerRun } from './run.js';
import { registerTransfer } from './transfer.js';
import { registerVerify } from './verify.js';

/** Each command module registers itself on the program; add new commands here. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerInit, registerAccounts, registerRun, registerImport, registerDemo, registerPrivacy, registerReview, registerPackage, registerVerify, registerTransfer, registerCheck];
