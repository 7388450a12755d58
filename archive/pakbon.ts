// The pakbon (packing slip) beside each container: our own XML, schema in docs/pakbon.xsd,
// documented in docs/pakbon.md. Built from data, parsed back by `verify`.
import { Builder, parseStringPromise } from 'xml2js';
import { xmlSafe } from '../formats/mdto/text.js';
import type { Identificatie } from '../formats/mdto/types.js';
import type { ContainerFormat } from './container/format.js';

export const PAKBON_NAMESPACE = 'urn:socialarchive:pakbon:1';
export const PAKBON_XSD_PATH = 'docs/pakbon.xsd';
export const PAKBON_SUFFIX = '.pakbon.xml';

export interface PakbonCounts {
  informatieobjecten: number;
  bestanden: number;
  bestandenZonderMdto: number;
  omvangZonderMdto: number;
  bestandenInContainer: number;
}

export interface Pakbon {
  identificatie: string;
  aanlevering: string;
  titel: string;
  volume: { nummer: number; totaal: number };
  doelcollectie: { identificatie: string; naam: string; bron: string };
  ontvanger: string;
  aangemaakt: string;
  organisatie: { naam: string; identificatie: string };
  contactpersoon: { naam: string; email: string };
  identificatieBron: string;
  container: { bestandsnaam: string; formaat: ContainerFormat; bagit: boolean; omvang: number; sha256: string };
  aantallen: PakbonCounts;
  /** Objects and files this volume refers to that lie in another volume, with their path in the SIP. */
  verwijzingenNaarAndereVolumes: { target: Identificatie; volume: number; path: string }[];
  bijzonderheden: string[];
  software: string;
}

/** Pakbon values are single-line text (the schema's `tekst` type). */
const line = (s: string): string => xmlSafe(s).replace(/\s+/gu, ' ').trim() || '-';

const builder = new Builder({
  rootName: 'pakbon',
  xmldec: { version: '1.0', encoding: 'UTF-8' },
  renderOpts: { pretty: true, indent: '  ', newline: '\n' },
});

export function pakbonXml(p: Pakbon): string {
  const body: Record<string, unknown> = {
    $: { xmlns: PAKBON_NAMESPACE, versie: '1.0' },
    identificatie: line(p.identificatie),
    aanlevering: line(p.aanlevering),
    titel: line(p.titel),
    volume: { $: { nummer: String(p.volume.nummer), totaal: String(p.volume.totaal) } },
    doelcollectie: { identificatie: line(p.doelcollectie.identificatie), naam: line(p.doelcollectie.naam), bron: line(p.doelcollectie.bron) },
    ontvanger: line(p.ontvanger),
    aangemaakt: p.aangemaakt,
    organisatie: { naam: line(p.organisatie.naam), identificatie: line(p.organisatie.identificatie) },
    contactpersoon: { naam: line(p.contactpersoon.naam), email: line(p.contactpersoon.email) },
    identificatieBron: line(p.identificatieBron),
    container: {
      bestandsnaam: p.container.bestandsnaam,
      formaat: p.container.formaat,
      bagit: String(p.container.bagit),
      omvang: String(p.container.omvang),
      checksum: { $: { algoritme: 'SHA-256' }, _: p.container.sha256 },
    },
    aantallen: Object.fromEntries(Object.entries(p.aantallen).map(([k, v]) => [k, String(v)])),
  };
  if (p.verwijzingenNaarAndereVolumes.length > 0) {
    body.verwijzingenNaarAndereVolumes = {
      verwijzing: p.verwijzingenNaarAndereVolumes.map((r) => ({
        $: { volume: String(r.volume), pad: r.path },
        kenmerk: line(r.target.kenmerk),
        bron: line(r.target.bron),
      })),
    };
  }
  if (p.bijzonderheden.length > 0) body.bijzonderheden = { opmerking: p.bijzonderheden.map(line) };
  body.software = line(p.software);
  return `${builder.buildObject(body)}\n`;
}

type X = Record<string, unknown[]> & { $?: Record<string, string>; _?: string };

const first = (node: X | undefined, key: string): X | undefined => node?.[key]?.[0] as X | undefined;
function str(node: X | undefined, key: string): string {
  const v = node?.[key]?.[0];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as X)._ === 'string') return (v as X)._!;
  return '';
}
const num = (node: X | undefined, key: string): number => Number(str(node, key));

/** Reads a pakbon that passed the schema; fields the schema guarantees are read without further checks. */
export async function parsePakbon(xml: string): Promise<Pakbon> {
  const doc = (await parseStringPromise(xml, { explicitArray: true })) as { pakbon: X };
  const p = doc.pakbon;
  const volume = first(p, 'volume')?.$ ?? {};
  const doel = first(p, 'doelcollectie');
  const org = first(p, 'organisatie');
  const contact = first(p, 'contactpersoon');
  const container = first(p, 'container');
  const counts = first(p, 'aantallen');
  const refs = (first(p, 'verwijzingenNaarAndereVolumes')?.verwijzing ?? []) as X[];
  return {
    identificatie: str(p, 'identificatie'),
    aanlevering: str(p, 'aanlevering'),
    titel: str(p, 'titel'),
    volume: { nummer: Number(volume.nummer), totaal: Number(volume.totaal) },
    doelcollectie: { identificatie: str(doel, 'identificatie'), naam: str(doel, 'naam'), bron: str(doel, 'bron') },
    ontvanger: str(p, 'ontvanger'),
    aangemaakt: str(p, 'aangemaakt'),
    organisatie: { naam: str(org, 'naam'), identificatie: str(org, 'identificatie') },
    contactpersoon: { naam: str(contact, 'naam'), email: str(contact, 'email') },
    identificatieBron: str(p, 'identificatieBron'),
    container: {
      bestandsnaam: str(container, 'bestandsnaam'),
      formaat: str(container, 'formaat') as ContainerFormat,
      bagit: str(container, 'bagit') === 'true' || str(container, 'bagit') === '1',
      omvang: num(container, 'omvang'),
      sha256: str(container, 'checksum'),
    },
    aantallen: {
      informatieobjecten: num(counts, 'informatieobjecten'),
      bestanden: num(counts, 'bestanden'),
      bestandenZonderMdto: num(counts, 'bestandenZonderMdto'),
      omvangZonderMdto: num(counts, 'omvangZonderMdto'),
      bestandenInContainer: num(counts, 'bestandenInContainer'),
    },
    verwijzingenNaarAndereVolumes: refs.map((r) => ({
      target: { kenmerk: str(r, 'kenmerk'), bron: str(r, 'bron') },
      volume: Number(r.$?.volume),
      path: r.$?.pad ?? '',
    })),
    bijzonderheden: ((first(p, 'bijzonderheden')?.opmerking ?? []) as unknown[]).map(String),
    software: str(p, 'software'),
  };
}
