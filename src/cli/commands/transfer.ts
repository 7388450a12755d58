import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { UserError } from '../../domain/errors.js';
import { operatorName } from '../../operator.js';
import { formatReceipt, formatTransferList } from '../../package/report.js';
import type { Workspace } from '../../workspace.js';
import { withWorkspace } from '../workspace-command.js';

const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
const MAX_NOTE = 2000;

function transferId(value: string): number {
  const n = Number(value.replace(/^[Tt]/, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('a transfer number as socialarchive transfer list shows it');
  return n;
}

/** Keeps the archive's own receipt (its XML or PDF) in the file store, by hash. */
async function storeReceiptFile(ws: Workspace, file: string): Promise<{ name: string; sha256: string; size: number }> {
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new UserError('transfer.file-unreadable', `cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  if (!info.isFile()) throw new UserError('transfer.file-unreadable', `${file} is not a file`);
  if (info.size > MAX_RECEIPT_BYTES) throw new UserError('transfer.file-too-large', `${file} is ${info.size} bytes; a receipt is at most ${MAX_RECEIPT_BYTES}`);
  const stored = await ws.files.putStream(createReadStream(file), MAX_RECEIPT_BYTES);
  return { name: basename(file), ...stored };
}

/** `socialarchive transfer list|receipt`: what went out, and the receiving archive's answer. */
export function registerTransfer(program: Command): void {
  const transfer = program.command('transfer').description('transfers that went out, and the receiving archive\'s answer to them');
  transfer
    .command('list')
    .description('every package built, newest first: when, by whom, for which collection, and the answer')
    .option('--json', 'print the transfer records as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const list = await ws.store.transfers.transfers();
        process.stdout.write(opts.json ? `${JSON.stringify(list)}\n` : formatTransferList(list, g.lang));
      });
    });
  transfer
    .command('receipt')
    .description('record the receiving archive\'s answer to a transfer (once), with its receipt file if it sent one')
    .argument('<id>', 'the transfer number (socialarchive transfer list)', transferId)
    .addOption(new Option('--status <status>', 'the archive accepted or rejected the transfer').choices(['accepted', 'rejected']).makeOptionMandatory())
    .requiredOption('--note <text>', 'what the archive said (e.g. its reference or the reason for rejection)')
    .option('--file <file>', 'the archive\'s receipt (XML, PDF, ...), kept in the archive')
    .option('--json', 'print the updated transfer record as JSON')
    .action(async (id: number, opts: { status: 'accepted' | 'rejected'; note: string; file?: string; json?: boolean }, cmd: Command) => {
      await withWorkspace(cmd, async (ws, g) => {
        const note = opts.note.trim();
        if (note === '' || note.length > MAX_NOTE) throw new UserError('transfer.bad-note', `--note must say something, in at most ${MAX_NOTE} characters`);
        if (!(await ws.store.transfers.transfer(id))) throw new UserError('transfer.unknown', `there is no transfer ${id}; socialarchive transfer list shows them`);
        const file = opts.file ? await storeReceiptFile(ws, opts.file) : undefined;
        const t = await ws.store.transfers.recordReceipt(id, { status: opts.status, note, file }, operatorName(), new Date().toISOString());
        process.stdout.write(opts.json ? `${JSON.stringify(t)}\n` : formatReceipt(t, g.lang));
      });
    });
}
