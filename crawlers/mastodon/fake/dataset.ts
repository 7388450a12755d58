// The datasets of the fake Mastodon server: the store, the demo story, generated data for
// benchmarks, and the expectations tests derive from them.
export { FakeDataset, acctOf, MISSING_AVATAR, MISSING_HEADER } from './store.js';
export type {
  DatasetClock,
  FakeAccount,
  FakeCard,
  FakeField,
  FakeFile,
  FakeMedia,
  FakeStatus,
  FakeVersion,
  NextDayChange,
} from './store.js';
export { demoDataset, DEMO_NOW, type DemoOptions } from './demo-dataset.js';
export { syntheticDataset, type SyntheticOptions } from './synthetic-dataset.js';
export { expectedCapture, diffCaptures, type ExpectedCapture, type CaptureDiff } from './expectations.js';
