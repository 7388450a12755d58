import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FileStore } from './store/files/file-store.js';
import { openConfiguredFileStore } from './store/files/open-file-store.js';
import type { Store } from './store/store.js';
import { DATABASE_FILE, openConfiguredStore } from './store/open-store.js';
import { openLog, type Logger } from './log.js';
import { loadSettings, type Settings } from './settings.js';

/** The folders a command works on, and what lives in them. */
export interface Workspace {
  configDir: string;
  dataDir: string;
  registryFile: string;
  /** Unfinished WARC files of running (or killed) runs. */
  warcOpenDir: string;
  store: Store;
  files: FileStore;
  settings: Settings;
  log: Logger;
  close(): Promise<void>;
}

export { DATABASE_FILE };

export async function openWorkspace(opts: { configDir: string; dataDir: string; log?: Logger }): Promise<Workspace> {
  const configDir = resolve(opts.configDir);
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const warcOpenDir = join(dataDir, 'warc-open');
  mkdirSync(warcOpenDir, { recursive: true });
  const settings = await loadSettings(configDir);
  const log = opts.log ?? openLog(dataDir);
  const files = await openConfiguredFileStore(settings.files, dataDir);
  const store = await openConfiguredStore(settings.store, dataDir);
  return {
    configDir,
    dataDir,
    registryFile: join(configDir, 'accounts.yaml'),
    warcOpenDir,
    store,
    files,
    settings,
    log,
    async close() {
      await store.close();
      log.flush();
    },
  };
}
