// The fake YouTube Data API: server, datasets, expectations and the owner's Takeout export.
export { startFakeYouTube, FAKE_API_KEY, type FakeYouTube, type FakeYouTubeOptions, type FakeYouTubeStats, type YouTubeFault } from './server.js';
export { demoDataset, DEMO_NOW, type DemoOptions } from './demo-dataset.js';
export { syntheticDataset, type SyntheticOptions } from './synthetic-dataset.js';
export { expectedCapture, diffCaptures, type ExpectedCapture, type CaptureDiff } from './expectations.js';
export { takeoutEntries, takeoutFileName, videoBytes, videosCsv, TAKEOUT_ROOT, type TakeoutOptions } from './takeout.js';
export { FakeYouTubeDataset, ids, uploadsPlaylist, type FakeAuthor, type FakeChannel, type FakeComment, type FakeVideo } from './store.js';
