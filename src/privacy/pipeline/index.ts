// The privacy stage of the pipeline: scanning stored versions and images (SPEC section 5).
export { scanPending, type ScanOptions, type ScanSummary } from './scan.js';
export { formatScanSummary, scanProgress } from './summary.js';
export { prepareDetector, detectorId, withRegistryHandles, type PipelineDetector } from './detector.js';
