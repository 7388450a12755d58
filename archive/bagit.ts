// BagIt 1.0 (RFC 8493) tag files for the optional bag around each volume: the SIP goes in `data/`,
// with SHA-256 and SHA-512 payload manifests, tag manifests and bag-info.txt.

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const MANIFEST_ALGORITHMS = ['sha256', 'sha512'] as const;
export type BagAlgorithm = (typeof MANIFEST_ALGORITHMS)[number];

export interface BagInfo {
  sourceOrganization: string;
  contactName: string;
  contactEmail: string;
  externalDescription: string;
  externalIdentifier: string;
  /** YYYY-MM-DD. */
  baggingDate: string;
  payloadBytes: number;
  payloadFiles: number;
  /** Set for multi-volume transfers. */
  group?: { identifier: string; number: number; total: number } | undefined;
}

/** A bag-info value on one line (RFC 8493 allows folding, but one line is what every reader gets right). */
const value = (s: string): string => s.replace(/[\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();

export function bagInfoTxt(info: BagInfo): string {
  const lines: [string, string][] = [
    ['Source-Organization', info.sourceOrganization],
    ['Contact-Name', info.contactName],
    ['Contact-Email', info.contactEmail],
    ['External-Description', info.externalDescription],
    ['External-Identifier', info.externalIdentifier],
    ['Bagging-Date', info.baggingDate],
    ['Payload-Oxum', `${info.payloadBytes}.${info.payloadFiles}`],
  ];
  if (info.group) {
    lines.push(['Bag-Group-Identifier', info.group.identifier]);
    lines.push(['Bag-Count', `${info.group.number} of ${info.group.total}`]);
  }
  return lines.map(([k, v]) => `${k}: ${value(v)}\n`).join('');
}

/**
 * A path as a manifest line writes it: relative to the bag, `/`-separated, with CR, LF and `%`
 * percent-encoded (RFC 8493 section 2.1.3).
 */
export const manifestPath = (path: string): string => path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Reverses manifestPath. */
export const decodeManifestPath = (path: string): string => path.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');

export const manifestLine = (digest: string, path: string): string => `${digest}  ${manifestPath(path)}\n`;
