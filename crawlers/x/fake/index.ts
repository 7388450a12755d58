export { startFakeX, X_RATE_LIMITS, type FakeX, type FakeXOptions, type RateLimit } from './server.js';
export { demoDataset, DEMO_NOW } from './demo-dataset.js';
export { syntheticDataset } from './synthetic-dataset.js';
export { expectedCapture, diffCaptures, type ExpectedXCapture } from './expectations.js';
export { archiveFiles, type ArchiveFile } from './archive.js';
