// From a DID to the account's PDS, where the original blobs live: `did:plc` through the PLC
// directory, `did:web` through `/.well-known/did.json` on its host. The PDS is the DID document's
// service `#atproto_pds`. Everything in a DID document is outside input: the endpoint must be an
// https URL (http only on a loopback host, as for registry instances).
import type { AccountHttp } from '../../src/capture/crawler.js';
import { HttpError, type RateLimitPolicy } from '../../src/capture/http/client.js';
import { instanceProblem } from '../../src/registry/schema.js';
import { isDid } from './at-uri.js';

interface DidDocument {
  id?: unknown;
  service?: { id?: unknown; type?: unknown; serviceEndpoint?: unknown }[];
}

export type PdsAnswer = { pds: string } | { error: string };

/** Where a DID's document is published. */
export function didDocumentUrl(did: string, plcDirectory: string): string | null {
  if (!isDid(did)) return null;
  if (did.startsWith('did:plc:')) return `${plcDirectory}/${did}`;
  const host = decodeURIComponent(did.slice('did:web:'.length));
  if (host.includes(':') && !/^(localhost|127\.\d+\.\d+\.\d+):\d+$/.test(host)) return null; // did:web paths are not for atproto
  const scheme = /^(localhost|127\.)/.test(host) ? 'http' : 'https';
  return `${scheme}://${host}/.well-known/did.json`;
}

/** The `#atproto_pds` endpoint of a DID document, or why there is none. */
export function pdsEndpoint(doc: unknown, did: string): PdsAnswer {
  const d = doc as DidDocument | null;
  if (!d || typeof d !== 'object' || d.id !== did) return { error: `the DID document of ${did} is not about ${did}` };
  const s = (Array.isArray(d.service) ? d.service : []).find((x) => x && (x.id === '#atproto_pds' || x.id === `${did}#atproto_pds`));
  if (!s || typeof s.serviceEndpoint !== 'string') return { error: `the DID document of ${did} names no PDS (#atproto_pds)` };
  const problem = instanceProblem(s.serviceEndpoint);
  if (problem) return { error: `the PDS of ${did} (${s.serviceEndpoint}) is refused: ${problem}` };
  return { pds: s.serviceEndpoint.replace(/\/+$/, '') };
}

/** Resolves each DID once per crawl. */
export class PdsResolver {
  private readonly known = new Map<string, Promise<PdsAnswer>>();

  constructor(
    private readonly http: AccountHttp,
    private readonly plcDirectory: string,
    private readonly rateLimit: (url: string) => RateLimitPolicy,
  ) {}

  pdsOf(did: string): Promise<PdsAnswer> {
    let p = this.known.get(did);
    if (!p) this.known.set(did, (p = this.resolve(did)));
    return p;
  }

  private async resolve(did: string): Promise<PdsAnswer> {
    const url = didDocumentUrl(did, this.plcDirectory);
    if (!url) return { error: `cannot resolve ${did}: not a did:plc or did:web identifier` };
    try {
      const res = await this.http.getJson<unknown>(url, { rateLimit: this.rateLimit(url) });
      if (res.status !== 200) return { error: `GET ${url} answered ${res.status}` };
      return pdsEndpoint(res.data, did);
    } catch (e) {
      // Without the document only this author's originals are lost; the run goes on.
      if (!(e instanceof HttpError)) throw e;
      return { error: e.message };
    }
  }
}
