import type { Registry } from '../domain/types.js';
import type { Store } from '../store/store.js';
import { diffRegistries, snapshotRegistry } from './history.js';
import { loadRegistryWithSource } from './load.js';

/**
 * Loads the registry file and, when it differs from the last version the store knows, keeps the
 * new version with who loaded it and what changed. Every command that reads the registry goes
 * through here, so the history misses no change.
 */
export async function loadAndRecordRegistry(store: Store, file: string, actor: string): Promise<{ registry: Registry; changes: string[] }> {
  const { registry, source } = await loadRegistryWithSource(file);
  const previous = await store.latestRegistry();
  if (previous && previous.version.sha256 === snapshotRegistry(registry).sha256) return { registry, changes: [] };
  const changes = previous ? diffRegistries(previous.registry, registry).map((c) => c.text) : ['registry loaded for the first time'];
  await store.recordRegistry(registry, source, actor, changes);
  return { registry, changes };
}
