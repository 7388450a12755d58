// What every derivative records about how it was made; it becomes an MDTO event (eventType
// "Conversie") when the package is built.
import { createHash } from 'node:crypto';
import type { Identification } from '../identify/index.js';

export interface Provenance {
  /** MDTO EventTypeLijst term for making a derivative. */
  eventType: 'Conversie';
  derivedFrom: { sha256: string; size: number; puid: string | null };
  output: { sha256: string; size: number; puid: string | null; mime: string };
  tool: { name: string; version: string };
  /** The settings that decide the output, so the conversion can be repeated. */
  parameters: Record<string, string | number | boolean>;
  /** When the derivative was made (ISO 8601). */
  at: string;
  /** What a person should know: frames dropped, colours reduced, orientation applied, ... */
  notes: string[];
}

export interface Derivative {
  bytes: Buffer;
  /** Suggested file extension of the derivative, without dot. */
  extension: string;
  identification: Identification;
  provenance: Provenance;
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The clock is passed in so that tests and re-runs can fix it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
