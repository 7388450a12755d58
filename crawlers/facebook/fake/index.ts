// The fake Facebook Page for tests, benchmarks and demos; served by ../../meta-graph/fake/server.ts.
export { FacebookDataset, type FbExpected, type FbFakeComment, type FbFakePost, type FbFakeUser } from './dataset.js';
export { facebookDemoDataset, FB_DEMO_NOW } from './demo.js';
export { syntheticFacebookDataset } from './synthetic.js';
export { facebookExportFiles, type ExportFile, type FbExportOptions } from './export.js';
