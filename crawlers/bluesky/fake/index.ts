// Public entry of the fake Bluesky network (tests, benchmarks, demos).
export * from './server.js';
export { BlueskyDataset, type FakeActor, type FakePost, type FakeRepost, type NextDayChange } from './store.js';
export { blueskyDemoDataset, BLUESKY_DEMO_NOW, DEMO_HANDLE, type BlueskyDemoOptions } from './demo-dataset.js';
export { blueskySyntheticDataset, type SyntheticOptions } from './synthetic-dataset.js';
export { expectedCapture, diffCaptures, type ExpectedCapture, type CaptureDiff } from './expectations.js';
