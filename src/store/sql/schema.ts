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
