/**
 * Requests per full clock window of `periodMs` (windows aligned to multiples of the period, as the
 * fakes count them); the first and last windows are partial and left out.
 */
export function fullWindows(times: number[], periodMs: number): number[] {
  const windows = new Map<number, number>();
  for (const t of times) {
    const w = Math.floor(t / periodMs);
    windows.set(w, (windows.get(w) ?? 0) + 1);
  }
  const keys = [...windows.keys()].sort((a, b) => a - b);
  return keys.slice(1, -1).map((k) => windows.get(k)!);
}
