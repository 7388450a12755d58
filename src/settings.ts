import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { UserError } from './domain/errors.js';

/** `config/socialarchive.yaml`: how the tool runs. Every key is optional; defaults suit one municipality. */
const SettingsSchema = z
  .object({
    /**
     * The database: `sqlite` (embedded, data/archive.sqlite) or `env:NAME`, a variable holding a
     * postgres:// URL. The URL carries credentials, so it is never written in a file.
     */
    store: z
      .union([
        z.literal('sqlite'),
        z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'store is `sqlite` or `env:NAME` naming a variable with the postgres:// URL (never the URL itself)'),
      ])
      .default('sqlite'),
    /**
     * The files: `disk` (data/files) or S3-compatible object storage. Keys are references
     * (`env:NAME`) like every credential.
     */
    files: z
      .union([
        z.literal('disk'),
        z
          .object({
            s3: z
              .object({
                endpoint: z.string().url().optional(),
                region: z.string().min(1).default('us-east-1'),
                bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name'),
                prefix: z.string().regex(/^([A-Za-z0-9._-]+\/)*$/, 'a key prefix such as gm9999/ (letters, digits, . _ -, ending in /)').default(''),
                forcePathStyle: z.boolean().default(true),
                accessKeyId: z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'env:NAME (never the key itself)'),
                secretAccessKey: z.string().regex(/^env:[A-Za-z_][A-Za-z0-9_]*$/, 'env:NAME (never the key itself)'),
                partMegabytes: z.number().int().min(5).max(5120).default(16),
              })
              .strict(),
          })
          .strict(),
      ])
      .default('disk'),
    capture: z
      .object({
        recheckWindowDays: z.number().int().min(0).max(3650).default(30),
        fullSweepDays: z.number().min(0).max(3650).default(7),
        threadConcurrency: z.number().int().min(1).max(32).default(4),
        accountConcurrency: z.number().int().min(1).max(32).default(2),
        /** YouTube's daily API quota: units per Pacific day each account may spend (crawlers/youtube/README.md). */
        youtube: z
          .object({ dailyQuota: z.number().int().min(1).max(1_000_000_000).default(10_000) })
          .strict()
          .default({ dailyQuota: 10_000 }),
      })
      .strict()
      .default({ recheckWindowDays: 30, fullSweepDays: 7, threadConcurrency: 4, accountConcurrency: 2, youtube: { dailyQuota: 10_000 } }),
    http: z
      .object({
        userAgent: z.string().min(1).default('socialarchive (+https://github.com/socialarchive/socialarchive)'),
        timeoutSeconds: z.number().positive().max(600).default(30),
        retries: z.number().int().min(1).max(20).default(6),
        retryBaseSeconds: z.number().positive().max(60).default(1),
        concurrencyPerHost: z.number().int().min(1).max(32).default(4),
        maxJsonMegabytes: z.number().positive().max(1024).default(32),
        maxMediaMegabytes: z.number().positive().max(65536).default(2048),
      })
      .strict()
      .default({ userAgent: 'socialarchive (+https://github.com/socialarchive/socialarchive)', timeoutSeconds: 30, retries: 6, retryBaseSeconds: 1, concurrencyPerHost: 4, maxJsonMegabytes: 32, maxMediaMegabytes: 2048 }),
    privacy: z
      .object({
        /** Face detection on every image (portrait right); off gives metadata findings only. */
        faces: z.boolean().default(true),
      })
      .strict()
      .default({ faces: true }),
    warc: z
      .object({
        maxBytes: z.number().int().min(1_000_000).max(1_000_000_000).default(1_000_000_000),
        operator: z.string().optional(),
      })
      .strict()
      .default({ maxBytes: 1_000_000_000 }),
  })
  .strict();

export type Settings = z.infer<typeof SettingsSchema>;

export const defaultSettings = (): Settings => SettingsSchema.parse({});

export const SETTINGS_FILE = 'socialarchive.yaml';

/** Reads `<configDir>/socialarchive.yaml`; a missing file means the defaults. */
export async function loadSettings(configDir: string): Promise<Settings> {
  const file = join(configDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings();
    throw e;
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new UserError('settings.yaml', `${file}: ${doc.errors[0]!.message}`);
  const parsed = SettingsSchema.safeParse(doc.toJS({ maxAliasCount: 50 }) ?? {});
  if (!parsed.success) {
    throw new UserError(
      'settings.invalid',
      `${file} has ${parsed.error.issues.length} problem(s)`,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`),
    );
  }
  return parsed.data;
}
