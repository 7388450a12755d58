// Identical reads that arrive while the same read is running share its result instead of queueing
// behind it: the embedded store answers one query at a time, so twenty people opening the review
// queue at once would otherwise wait for twenty identical queries. Nothing is kept after the read
// ends, so no answer is older than the request that asked for it.

export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  run<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const p = read().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }
}
