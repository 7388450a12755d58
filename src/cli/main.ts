import { Command, Option } from 'commander';
import { isUserError } from '../domain/errors.js';
import { diskFullMessage } from '../disk-full.js';
import { commands } from './commands/index.js';
import { VERSION } from '../version.js';

/** Builds the command tree; exported so tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command('socialarchive')
    .description('Archive social-media accounts of a public body, with replies, durable formats and MDTO packages.')
    .version(VERSION)
    .option('--config <dir>', 'configuration folder', process.env.SOCIALARCHIVE_CONFIG ?? 'config')
    .option('--data <dir>', 'data folder of the embedded store', process.env.SOCIALARCHIVE_DATA ?? 'data')
    .addOption(new Option('--lang <lang>', 'language of reports and summaries').choices(['nl', 'en']).default(process.env.SOCIALARCHIVE_LANG === 'en' ? 'en' : 'nl'))
    .showHelpAfterError('(add --help for usage)');
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`socialarchive: ${e.message}\n`);
      for (const d of e.details ?? []) process.stderr.write(`  ${d}\n`);
      return 2;
    }
    const full = await diskFullMessage(e, program.opts<{ data: string }>().data);
    if (full) {
      process.stderr.write(`socialarchive: ${full}\n`);
      return 2;
    }
    throw e;
  }
}
