// The fake Instagram account for tests, benchmarks and demos; served by ../../meta-graph/fake/server.ts.
export { InstagramDataset, type IgExpected, type IgFakeComment, type IgFakeMedia } from './dataset.js';
export { instagramDemoDataset, IG_DEMO_NOW } from './demo.js';
export { syntheticInstagramDataset } from './synthetic.js';
export { instagramExportFiles, type IgExportOptions } from './export.js';
