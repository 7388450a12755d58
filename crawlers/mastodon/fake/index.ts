// Public entry of the fake Mastodon server (tests, benchmarks, `socialarchive demo`).
export * from './server.js';
export * from './dataset.js';
export { compareIds } from './ids.js';
export { ANONYMOUS_LIMITS, CONTEXT_LIMIT } from './thread.js';
