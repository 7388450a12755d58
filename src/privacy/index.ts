// Public API of the personal-data detector (SPEC section 5), for the pipeline, the review commands
// and the public-copy builder.
export { createDetector, detect, type Detector } from './detect.js';
export { defaultDetectOptions, loadPrivacyConfig, parsePrivacyConfig, PRIVACY_CONFIG_FILE, type LoadedPrivacyConfig } from './config.js';
export { scanJsonLines, scanLine, DEFAULT_MAX_LINE_BYTES, type ScanSummary } from './scan-stream.js';
export * from './types.js';
export { createFaceDetector, faceFindings, type DetectedFace, type FaceDetector } from './images/faces.js';
export { inspectImageMetadata, type ImageMetadataReport } from './images/metadata.js';
export { publicDerivative, type PublicDerivative } from './images/derivative.js';
export { scanImage, type ImageScan } from './images/scan.js';
export * from './images/types.js';
