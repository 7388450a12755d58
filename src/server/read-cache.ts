// Shared reads of the pages many people open (open-findings count, review-queue pages, searches)
// are kept for a few seconds. The embedded store answers one query at a time and blocks while it
// does, so without this twenty people opening the review queue wait for twenty identical queries.
// Every state change made through the console empties the cache, so a person always sees their own
// decisions at once; what other processes add (a run, the CLI) shows within the time to live.

export class ReadCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 5000,
    private readonly maxEntries = 500,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > t) return hit.value as Promise<T>;
    const value = read();
    // A failed read is not kept.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    this.entries.delete(key);
    this.entries.set(key, { until: t + this.ttlMs, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
