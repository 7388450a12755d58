import type { Kysely, Migration } from 'kysely';
import { refuseEdits } from './append-only.js';
import type { SqlDialectName } from './index.js';

/**
 * Personal data (SPEC section 5): which version was scanned by which detector, the findings with
 * their stable identity, the privacy officer's decisions (append-only) and the redacted public copies.
 */
export const privacy = (dialect: SqlDialectName): Migration => ({
  async up(db: Kysely<unknown>) {
    // One row per version and detector (a detector id covers the software version and its configuration).
    await db.schema
      .createTable('privacy_scans')
      .addColumn('version_id', 'integer', (c) => c.notNull().references('item_versions.id'))
      .addColumn('detector', 'text', (c) => c.notNull())
      .addColumn('scanned_at', 'text', (c) => c.notNull())
      .addColumn('findings', 'integer', (c) => c.notNull())
      .addColumn('problem', 'text')
      .addPrimaryKeyConstraint('privacy_scans_pk', ['version_id', 'detector'])
      .execute();

    await db.schema
      .createTable('privacy_findings')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('finding_key', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('item_versions.id'))
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('span_start', 'integer')
      .addColumn('span_end', 'integer')
      .addColumn('flagged_text', 'text')
      .addColumn('media_position', 'integer')
      .addColumn('media_sha256', 'text')
      .addColumn('region', 'text') // JSON {x,y,w,h}
      .addColumn('detail', 'text') // JSON object
      .addColumn('confidence', 'real', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('suggested', 'text', (c) => c.notNull())
      .addColumn('detector', 'text', (c) => c.notNull())
      .addColumn('first_found_at', 'text', (c) => c.notNull())
      .addColumn('last_found_at', 'text', (c) => c.notNull())
      .addColumn('reported', 'integer', (c) => c.notNull())
      // The latest decision (the history is in privacy_decisions); null while open.
      .addColumn('decision_id', 'integer')
      .execute();
    await db.schema.createIndex('privacy_findings_version').on('privacy_findings').column('version_id').execute();
    await db.schema.createIndex('privacy_findings_item').on('privacy_findings').column('item_id').execute();
    await db.schema.createIndex('privacy_findings_account').on('privacy_findings').columns(['account_id', 'category']).execute();

    await db.schema
      .createTable('privacy_decisions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('finding_id', 'integer', (c) => c.notNull().references('privacy_findings.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('restriction_type', 'text')
      .addColumn('term_duration', 'text')
      .addColumn('term_until', 'text')
      .addColumn('term_from', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('via', 'text', (c) => c.notNull())
      .addColumn('audit_seq', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('privacy_decisions_finding').on('privacy_decisions').column('finding_id').execute();

    await db.schema
      .createTable('privacy_public_copies')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
      .addColumn('version_id', 'integer', (c) => c.notNull().references('item_versions.id'))
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('decision_ids', 'text', (c) => c.notNull()) // JSON number[]
      .addColumn('redactions', 'text', (c) => c.notNull()) // JSON Redaction[]
      .addColumn('json_sha256', 'text', (c) => c.notNull())
      .addColumn('json_size', 'integer', (c) => c.notNull())
      .addColumn('pdf_sha256', 'text')
      .addColumn('pdf_size', 'integer')
      .addColumn('png_sha256', 'text')
      .addColumn('png_size', 'integer')
      .addColumn('images', 'text', (c) => c.notNull()) // JSON
      .addColumn('notes', 'text', (c) => c.notNull()) // JSON string[]
      .addColumn('made_at', 'text', (c) => c.notNull())
      .addColumn('tool', 'text', (c) => c.notNull())
      .addUniqueConstraint('privacy_public_copies_fingerprint', ['version_id', 'fingerprint'])
      .execute();

    // A decision is changed only by a new decision: the database refuses edits and deletions.
    await refuseEdits(db, dialect, 'privacy_decisions');
  },
});
