import type { Generated } from 'kysely';

// Table types for the SQL store. Times are ISO 8601 UTC strings (they sort as text in every dialect);
// booleans are 0/1 integers for the same reason.

export interface RegistryVersionsTable {
  id: Generated<number>;
  sha256: string;
  registry: string; // canonical JSON of the parsed registry
  source: string; // the YAML as loaded
  loaded_at: string;
  actor: string;
  changes: string; // JSON array of human-readable changes
}

export interface AccountsTable {
  id: string;
  platform: string;
  handle: string;
  first_registered_at: string;
}

export interface RunsTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  operator: string;
  pid: number;
  host: string;
}

export interface RunAccountsTable {
  run_id: string;
  account_id: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  cycle_started_at: string;
  stats: string; // JSON CaptureStats
  stop_reason: string | null;
  stop_where: string | null;
}

export interface AccountLocksTable {
  account_id: string;
  run_id: string;
  pid: number;
  host: string;
  acquired_at: string;
}

export interface ItemsTable {
  id: Generated<number>;
  account_id: string;
  platform_id: string;
  kind: string;
  uri: string;
  url: string | null;
  parent_platform_id: string | null;
  thread_root_platform_id: string | null;
  author_id: string;
  author_handle: string;
  author_name: string | null;
  third_party: number;
  published_at: string;
  first_run_id: string;
  first_captured_at: string;
  last_seen_at: string;
  thread_due: number;
  replies_checked_at: string | null;
  thread_cut: string | null;
}

export interface ItemVersionsTable {
  id: Generated<number>;
  item_id: number;
  version_key: string;
  version_at: string;
  source: string;
  payload: string;
  payload_sha256: string;
  run_id: string;
  captured_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  version_id: number;
  position: number;
  platform_media_id: string | null;
  type: string;
  url: string;
  remote_url: string | null;
  description: string | null;
  sha256: string | null;
  size: number | null;
  error: string | null;
}

export interface DeletionsTable {
  item_id: number;
  found_missing_at: string;
  run_id: string;
  evidence: string;
}

export interface FilesTable {
  sha256: string;
  size: number;
  first_stored_at: string;
}

export interface WarcFilesTable {
  run_id: string;
  seq: number;
  sha256: string;
  size: number;
  records: number;
  recovered: number;
  stored_at: string;
}

export interface CursorsTable {
  account_id: string;
  key: string;
  value: string;
  run_id: string;
  updated_at: string;
}

export interface ProfileSnapshotsTable {
  run_id: string;
  account_id: string;
  version_id: number;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface Database {
  registry_versions: RegistryVersionsTable;
  accounts: AccountsTable;
  runs: RunsTable;
  run_accounts: RunAccountsTable;
  account_locks: AccountLocksTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  media: MediaTable;
  deletions: DeletionsTable;
  files: FilesTable;
  warc_files: WarcFilesTable;
  cursors: CursorsTable;
  profile_snapshots: ProfileSnapshotsTable;
  audit_log: AuditLogTable;
}

// ---- Durable formats (migration 0003; src/store/formats-store.ts) ----

export interface FileFormatsTable {
  sha256: string;
  size: number;
  puid: string | null;
  format_name: string;
  format_version: string | null;
  mime: string;
  status: string;
  flags: string; // JSON array
  notes: string; // JSON array
  identifier: string;
  identified_at: string;
  problem_code: string | null;
  problem: string | null;
}

export interface FileDerivativesTable {
  source_sha256: string;
  sha256: string;
  size: number;
  puid: string | null;
  mime: string;
  extension: string;
  tool: string;
  tool_version: string;
  parameters: string; // JSON object
  notes: string; // JSON array
  made_at: string;
}

export interface RenditionsTable {
  id: Generated<number>;
  account_id: string;
  root_platform_id: string;
  fingerprint: string;
  shows: string; // JSON RenderedItem[]
  pdf_sha256: string;
  pdf_size: number;
  pdf_puid: string | null;
  png_sha256: string;
  png_size: number;
  png_puid: string | null;
  lang: string;
  renderer: string;
  notes: string; // JSON array
  rendered_at: string;
}

export interface RenditionProblemsTable {
  account_id: string;
  root_platform_id: string;
  fingerprint: string;
  code: string;
  message: string;
  at: string;
}

// Merged into Database above (interface declaration merging), so this block stays self-contained.
export interface Database {
  file_formats: FileFormatsTable;
  file_derivatives: FileDerivativesTable;
  renditions: RenditionsTable;
  rendition_problems: RenditionProblemsTable;
}

// ---- Personal data (migration 0002; src/store/privacy-store.ts) ----

export interface PrivacyScansTable {
  version_id: number;
  detector: string;
  scanned_at: string;
  findings: number;
  problem: string | null;
}

export interface PrivacyFindingsTable {
  id: Generated<number>;
  finding_key: string;
  account_id: string;
  item_id: number;
  version_id: number;
  field: string;
  category: string;
  span_start: number | null;
  span_end: number | null;
  flagged_text: string | null;
  media_position: number | null;
  media_sha256: string | null;
  region: string | null; // JSON {x,y,w,h}
  detail: string | null; // JSON object
  confidence: number;
  rule: string;
  suggested: string;
  detector: string;
  first_found_at: string;
  last_found_at: string;
  reported: number;
  decision_id: number | null;
}

export interface PrivacyDecisionsTable {
  id: Generated<number>;
  finding_id: number;
  action: string;
  restriction_type: string | null;
  term_duration: string | null;
  term_until: string | null;
  term_from: string | null;
  reason: string;
  actor: string;
  decided_at: string;
  via: string;
  audit_seq: number;
}

export interface PrivacyPublicCopiesTable {
  id: Generated<number>;
  item_id: number;
  version_id: number;
  fingerprint: string;
  decision_ids: string; // JSON number[]
  redactions: string; // JSON Redaction[]
  json_sha256: string;
  json_size: number;
  pdf_sha256: string | null;
  pdf_size: number | null;
  png_sha256: string | null;
  png_size: number | null;
  images: string; // JSON
  notes: string; // JSON string[]
  made_at: string;
  tool: string;
}

// Merged into Database above (interface declaration merging).
export interface Database {
  privacy_scans: PrivacyScansTable;
  privacy_findings: PrivacyFindingsTable;
  privacy_decisions: PrivacyDecisionsTable;
  privacy_public_copies: PrivacyPublicCopiesTable;
}

export interface ImportFilesTable {
  run_id: string;
  account_id: string;
  sha256: string;
  size: number;
  name: string;
  format: string;
  stored_at: string;
}

export interface Database {
  import_files: ImportFilesTable;
}

export interface TransfersTable {
  id: Generated<number>;
  package_id: string;
  title: string;
  created: string;
  selection: string; // JSON TransferSelection
  receiver: string;
  target: string; // JSON { collection, name, source }
  container: string;
  bagit: number;
  counts: string; // JSON TransferCounts
  location: string;
  built_at: string;
  actor: string;
  audit_seq: number;
  receipt_status: string | null;
  receipt_note: string | null;
  receipt_at: string | null;
  receipt_actor: string | null;
  receipt_file_name: string | null;
  receipt_file_sha256: string | null;
  receipt_file_size: number | null;
}

export interface TransferVolumesTable {
  transfer_id: number;
  number: number;
  name: string;
  container: string;
  size: number;
  sha256: string;
  pakbon_sha256: string;
  informatieobjecten: number;
  bestanden: number;
}

// Merged into Database above (interface declaration merging).
export interface Database {
  transfers: TransfersTable;
  transfer_volumes: TransferVolumesTable;
}

// ---- Full-text search (migration 0006; src/store/search-store.ts) ----

/** The searchable text of each version; the dialect's full-text index is built over it. */
export interface SearchTextsTable {
  version_id: number;
  item_id: number;
  body: string;
  author: string;
}

// Merged into Database above (interface declaration merging).
export interface Database {
  search_texts: SearchTextsTable;
}

// ---- Scheduler (migration 0007; src/store/schedule-store.ts) ----

export interface ScheduleStateTable {
  account_id: string;
  last_fire_at: string;
  last_run_id: string | null;
  failure_at: string | null;
  failure_reason: string | null;
  failure_run_id: string | null;
}

// Merged into Database above (interface declaration merging).
export interface Database {
  schedule_state: ScheduleStateTable;
}
