// `review decide --from-file decisions.yaml`: many decisions in one reviewed file, applied in one
// transaction (all or nothing). Format documented in docs/privacy-review.md.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { offsetOf } from '../../config/yaml-path.js';
import { DECISION_ACTIONS, RESTRICTION_TYPES } from '../../domain/types.js';
import { UserError } from '../../domain/errors.js';
import type { Selector } from './select.js';
import { ALL_CATEGORIES } from './select.js';
import { MAX_REASON, type DecisionRequest } from './decide.js';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

const oneOrMany = <T extends z.ZodType<string>>(item: T) => z.union([item, z.array(item).min(1).max(10_000)]).transform((v): string[] => (Array.isArray(v) ? v : [v]));
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const entry = z
  .object({
    finding: oneOrMany(z.string().regex(/^[Ff]\d{1,12}$/, 'a finding id such as F12')).optional(),
    item: z.string().min(1).max(2000).optional(),
    account: oneOrMany(z.string().min(1).max(64)).optional(),
    category: oneOrMany(z.string().refine((c) => ALL_CATEGORIES.includes(c), { error: `a category must be one of ${ALL_CATEGORIES.join(', ')}` })).optional(),
    from: date.optional(),
    to: date.optional(),
    text: z.string().min(1).max(10_000).optional(),
    include_decided: z.boolean().optional(),
    action: z.enum(DECISION_ACTIONS, { error: `the action must be one of ${DECISION_ACTIONS.join(', ')}` }),
    type: z.enum(RESTRICTION_TYPES, { error: `the type must be one of ${RESTRICTION_TYPES.join(', ')}` }).optional(),
    term: z.string().max(40).optional(),
    reason: z.string().trim().min(1, 'a reason is required').max(MAX_REASON),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.finding && (e.item || e.account || e.category || e.from || e.to || e.text || e.include_decided !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'an entry with finding names its findings only; leave out item, account, category, from, to, text' });
    }
    if (!e.finding && !e.item && !e.category) ctx.addIssue({ code: 'custom', message: 'an entry needs finding, item or category' });
  });

const schema = z.object({ decisions: z.array(entry).min(1, 'no decisions').max(10_000) }).strict();

export interface FileEntry {
  /** 1-based line of the entry in the file. */
  line: number;
  selector: Selector;
  request: DecisionRequest;
}

export function parseDecisionsFile(text: string, file: string): FileEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new UserError('review.file-invalid', `${file} is not valid YAML`, doc.errors.map((e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`));
  }
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 50 }) ?? {});
  if (!result.success) {
    throw new UserError(
      'review.file-invalid',
      `${file} has ${result.error.issues.length === 1 ? 'a problem' : `${result.error.issues.length} problems`}`,
      result.error.issues.map((issue) => {
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
        return `line ${lines.linePos(offsetOf(doc, path)).line}, ${path.map(String).join('.') || '(top level)'}: ${issue.message}`;
      }),
    );
  }
  const name = basename(file);
  return result.data.decisions.map((e, i) => ({
    line: lines.linePos(offsetOf(doc, ['decisions', i])).line,
    selector: {
      findingIds: e.finding?.map((f) => Number(f.slice(1))),
      item: e.item,
      accountIds: e.account,
      categories: e.category,
      from: e.from,
      to: e.to,
      text: e.text,
      includeDecided: e.include_decided,
    },
    request: { action: e.action, reason: e.reason, type: e.type, term: e.term, via: `file:${name}#${i + 1}` },
  }));
}

export async function readDecisionsFile(file: string): Promise<FileEntry[]> {
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new UserError('review.file-unreadable', `cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  if (!info.isFile()) throw new UserError('review.file-unreadable', `${file} is not a file`);
  if (info.size > MAX_FILE_BYTES) throw new UserError('review.file-too-large', `${file} is ${info.size} bytes; a decisions file is at most ${MAX_FILE_BYTES}`);
  return parseDecisionsFile(await readFile(file, 'utf8'), file);
}
