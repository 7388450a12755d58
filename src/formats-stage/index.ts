// The durable-formats stage (SPEC §4): identification, preferred derivatives and thread renditions
// of what capture stored, and the reader the packager uses.
export { processFormats, IDENTIFIER, type FormatsOptions, type FormatsProgress, type FormatsSummary } from './process.js';
export { formatsReader, normalisedJsonFile, type FormatsReader, type FileView, type MediaFileView, type VersionView, type NormalisedJsonFile } from './reader.js';
export { normaliseStoredVersion, type StoredVersionInput } from './normalise-stored.js';
export { renditionFingerprint, RENDITION_LAYOUT } from './fingerprint.js';
export { formatFormatsSummary, formatsProgress } from './summary.js';
