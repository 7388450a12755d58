// What verify needs from a sidecar: identification, name, references, and for a bestand its size,
// checksums and format. Read with xml2js after the document was checked for a DOCTYPE (refused, so
// no entity tricks reach the parser).
import { parseStringPromise, processors } from 'xml2js';
import type { Identificatie } from '../../formats/mdto/types.js';

export interface RefFacts {
  naam: string;
  id?: Identificatie | undefined;
}

export interface ObjectFacts {
  kind: 'informatieobject';
  ids: Identificatie[];
  naam: string;
  isOnderdeelVan: RefFacts[];
  bevatOnderdeel: RefFacts[];
  heeftRepresentatie: RefFacts[];
  aanvullendeMetagegevens: RefFacts[];
  gerelateerd: RefFacts[];
}

export interface BestandFacts {
  kind: 'bestand';
  ids: Identificatie[];
  naam: string;
  omvang: string;
  checksums: { algoritme: string; waarde: string }[];
  formaat: { code?: string | undefined; lijst: string } | undefined;
  isRepresentatieVan: RefFacts | undefined;
}

export type SidecarFacts = ObjectFacts | BestandFacts;

type X = Record<string, unknown[]>;

const text = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { _?: unknown })._ === 'string' ? ((v as { _: string })._) : '');
const kids = (node: X | undefined, key: string): X[] => ((node?.[key] ?? []) as unknown[]).filter((v): v is X => typeof v === 'object' && v !== null);
const one = (node: X | undefined, key: string): string => text(node?.[key]?.[0]).trim();

const identificatie = (node: X): Identificatie => ({ kenmerk: one(node, 'identificatieKenmerk'), bron: one(node, 'identificatieBron') });

function ref(node: X): RefFacts {
  const id = kids(node, 'verwijzingIdentificatie')[0];
  return { naam: one(node, 'verwijzingNaam'), id: id ? identificatie(id) : undefined };
}

/** Looks for a document type declaration (text content would have it escaped, so any literal one counts). */
export const hasDoctype = (xml: string): boolean => /<!DOCTYPE/i.test(xml);

/** Facts of a sidecar, or an error message when it is not an MDTO document at all. */
export async function sidecarFacts(xml: string): Promise<SidecarFacts | { error: string }> {
  let doc: { MDTO?: X };
  try {
    doc = (await parseStringPromise(xml, { explicitArray: true, tagNameProcessors: [processors.stripPrefix] })) as { MDTO?: X };
  } catch (e) {
    return { error: `not well-formed XML: ${(e as Error).message.split('\n')[0]}` };
  }
  const root = doc.MDTO;
  if (!root) return { error: 'the root element is not MDTO' };
  const io = kids(root, 'informatieobject')[0];
  if (io) {
    return {
      kind: 'informatieobject',
      ids: kids(io, 'identificatie').map(identificatie),
      naam: one(io, 'naam'),
      isOnderdeelVan: kids(io, 'isOnderdeelVan').map(ref),
      bevatOnderdeel: kids(io, 'bevatOnderdeel').map(ref),
      heeftRepresentatie: kids(io, 'heeftRepresentatie').map(ref),
      aanvullendeMetagegevens: kids(io, 'aanvullendeMetagegevens').map(ref),
      gerelateerd: kids(io, 'gerelateerdInformatieobject').flatMap((g) => kids(g, 'gerelateerdInformatieobjectVerwijzing').map(ref)),
    };
  }
  const b = kids(root, 'bestand')[0];
  if (b) {
    const formaat = kids(b, 'bestandsformaat')[0];
    const rep = kids(b, 'isRepresentatieVan')[0];
    return {
      kind: 'bestand',
      ids: kids(b, 'identificatie').map(identificatie),
      naam: one(b, 'naam'),
      omvang: one(b, 'omvang'),
      checksums: kids(b, 'checksum').map((c) => ({ algoritme: one(kids(c, 'checksumAlgoritme')[0], 'begripLabel'), waarde: one(c, 'checksumWaarde') })),
      formaat: formaat
        ? { code: one(formaat, 'begripCode') || undefined, lijst: one(kids(formaat, 'begripBegrippenlijst')[0], 'verwijzingNaam') }
        : undefined,
      isRepresentatieVan: rep ? ref(rep) : undefined,
    };
  }
  return { error: 'MDTO holds neither an informatieobject nor a bestand' };
}
