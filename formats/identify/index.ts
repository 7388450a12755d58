export { identifyBytes, identifyFile, identifySource, HEAD_BYTES, TAIL_BYTES, type IdentifyOptions } from './identify.js';
export { bufferSource, type ByteSource } from './bytes.js';
export { FORMATS, type FormatDef, type FormatKey } from './formats.js';
export { FORMAT_STATUS, statusOf, type FormatStatus, type StatusEntry } from './preferred-formats.js';
export type { FormatFacts, Identification, IdentifyFlag } from './types.js';
