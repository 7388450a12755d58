// MDTO 1.0.1 sidecars as XML text. Every content model in the XSD is an xsd:sequence, so each
// function below adds its elements in exactly the schema's order; xml2js writes object keys in
// insertion order. Strings pass through `xmlSafe`, typed values through the checks in values.ts.
import { Builder } from 'xml2js';
import type {
  Begrip,
  BeperkingGebruik,
  BestandSpec,
  Betrokkene,
  Checksum,
  DekkingInTijd,
  GerelateerdInformatieobject,
  Identificatie,
  InformatieobjectSpec,
  MdtoEvent,
  Raadpleeglocatie,
  Termijn,
  Verwijzing,
} from './types.js';
import { xmlSafe, xmlSafeNonEmpty } from './text.js';
import {
  MdtoValueError,
  absoluteUrl,
  check,
  isMdtoDatum,
  isMdtoTijd,
  isXsdDate,
  isXsdDateTime,
  isXsdDuration,
  isXsdLanguage,
} from './values.js';

export const MDTO_NAMESPACE = 'https://www.nationaalarchief.nl/mdto';
export const MDTO_SCHEMA_LOCATION = 'https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd';

/** Placeholder for a mandatory string that arrived empty. */
const ONBEKEND = '(onbekend)';

type Node = Record<string, unknown>;

/** Adds `value` under `key` unless it is undefined or an empty list (optional elements). */
function put(node: Node, key: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  node[key] = value;
}

/** `f(v)` for a present value; undefined stays undefined (an empty string is a value, and checked). */
const maybe = <T, R>(v: T | undefined, f: (v: T) => R): R | undefined => (v === undefined ? undefined : f(v));

const text = (s: string): string => xmlSafe(s);

function url(field: string, value: string): string {
  const href = absoluteUrl(value);
  if (href === undefined) throw new MdtoValueError(field, value, 'an absolute http(s) URL');
  return href;
}
const required = (s: string): string => xmlSafeNonEmpty(s, ONBEKEND);

function many<T>(field: string, items: T[] | undefined, min = 0): T[] {
  const list = items ?? [];
  if (list.length < min) throw new MdtoValueError(field, `${list.length} item(s)`, `at least ${min} item(s)`);
  return list;
}

const identificatie = (i: Identificatie): Node => ({ identificatieKenmerk: required(i.kenmerk), identificatieBron: required(i.bron) });

function verwijzing(v: Verwijzing): Node {
  const node: Node = { verwijzingNaam: required(v.naam) };
  put(node, 'verwijzingIdentificatie', maybe(v.identificatie, identificatie));
  return node;
}

function begrip(b: Begrip): Node {
  const node: Node = { begripLabel: required(b.label) };
  put(node, 'begripCode', maybe(b.code, text));
  node.begripBegrippenlijst = verwijzing({ naam: b.lijst });
  return node;
}

function termijn(field: string, t: Termijn): Node {
  const node: Node = {};
  put(node, 'termijnTriggerStartLooptijd', maybe(t.trigger, begrip));
  put(node, 'termijnStartdatumLooptijd', maybe(t.startdatum, (v) => check(`${field}.startdatum`, v, isXsdDate, 'an xsd:date')));
  put(node, 'termijnLooptijd', maybe(t.looptijd, (v) => check(`${field}.looptijd`, v, isXsdDuration, 'an xsd:duration')));
  put(node, 'termijnEinddatum', maybe(t.einddatum, (v) => check(`${field}.einddatum`, v, isMdtoDatum, 'a year, year-month or date')));
  return node;
}

function dekkingInTijd(d: DekkingInTijd): Node {
  const node: Node = { dekkingInTijdType: begrip(d.type) };
  node.dekkingInTijdBegindatum = check('dekkingInTijd.begin', d.begin, isMdtoDatum, 'a year, year-month or date');
  put(node, 'dekkingInTijdEinddatum', maybe(d.eind, (v) => check('dekkingInTijd.eind', v, isMdtoDatum, 'a year, year-month or date')));
  return node;
}

function event(e: MdtoEvent): Node {
  const node: Node = { eventType: begrip(e.type) };
  put(node, 'eventTijd', maybe(e.tijd, (v) => check('event.tijd', v, isMdtoTijd, 'a date or date-time')));
  put(node, 'eventVerantwoordelijkeActor', maybe(e.actor, verwijzing));
  put(node, 'eventResultaat', maybe(e.resultaat, text));
  return node;
}

function raadpleeglocatie(r: Raadpleeglocatie): Node {
  const node: Node = {};
  put(node, 'raadpleeglocatieFysiek', r.fysiek?.map(verwijzing));
  put(node, 'raadpleeglocatieOnline', r.online?.map((u) => url('raadpleeglocatie.online', u)));
  return node;
}

const gerelateerd = (g: GerelateerdInformatieobject): Node => ({
  gerelateerdInformatieobjectVerwijzing: verwijzing(g.verwijzing),
  gerelateerdInformatieobjectTypeRelatie: begrip(g.relatie),
});

const betrokkene = (b: Betrokkene): Node => ({ betrokkeneTypeRelatie: begrip(b.relatie), betrokkeneActor: verwijzing(b.actor) });

function beperkingGebruik(b: BeperkingGebruik): Node {
  const node: Node = { beperkingGebruikType: begrip(b.type) };
  put(node, 'beperkingGebruikNadereBeschrijving', maybe(b.nadereBeschrijving, text));
  put(node, 'beperkingGebruikDocumentatie', b.documentatie?.map(verwijzing));
  put(node, 'beperkingGebruikTermijn', maybe(b.termijn, (v) => termijn('beperkingGebruik.termijn', v)));
  return node;
}

function checksum(c: Checksum): Node {
  return {
    checksumAlgoritme: begrip(c.algoritme),
    checksumWaarde: required(c.waarde),
    checksumDatum: check('checksum.datum', c.datum, isXsdDateTime, 'an xsd:dateTime'),
  };
}

/** The element tree of an informatieobject, in XSD order. */
function informatieobject(s: InformatieobjectSpec): Node {
  const node: Node = {};
  node.identificatie = many('identificatie', s.identificatie, 1).map(identificatie);
  node.naam = required(s.naam);
  put(node, 'aggregatieniveau', maybe(s.aggregatieniveau, begrip));
  put(node, 'classificatie', s.classificatie?.map(begrip));
  put(node, 'trefwoord', s.trefwoord?.map(text));
  put(node, 'omschrijving', s.omschrijving?.map(text));
  put(node, 'raadpleeglocatie', s.raadpleeglocatie?.map(raadpleeglocatie));
  put(node, 'dekkingInTijd', s.dekkingInTijd?.map(dekkingInTijd));
  put(node, 'dekkingInRuimte', s.dekkingInRuimte?.map(verwijzing));
  put(node, 'taal', s.taal?.map((t) => check('taal', t, isXsdLanguage, 'a language tag')));
  put(node, 'event', s.event?.map(event));
  node.waardering = begrip(s.waardering);
  put(node, 'bewaartermijn', maybe(s.bewaartermijn, (v) => termijn('bewaartermijn', v)));
  put(node, 'informatiecategorie', maybe(s.informatiecategorie, begrip));
  put(node, 'isOnderdeelVan', s.isOnderdeelVan?.map(verwijzing));
  put(node, 'bevatOnderdeel', s.bevatOnderdeel?.map(verwijzing));
  put(node, 'heeftRepresentatie', s.heeftRepresentatie?.map(verwijzing));
  put(node, 'aanvullendeMetagegevens', s.aanvullendeMetagegevens?.map(verwijzing));
  put(node, 'gerelateerdInformatieobject', s.gerelateerdInformatieobject?.map(gerelateerd));
  node.archiefvormer = many('archiefvormer', s.archiefvormer, 1).map(verwijzing);
  put(node, 'betrokkene', s.betrokkene?.map(betrokkene));
  put(node, 'activiteit', maybe(s.activiteit, verwijzing));
  node.beperkingGebruik = many('beperkingGebruik', s.beperkingGebruik, 1).map(beperkingGebruik);
  return node;
}

/** The element tree of a bestand, in XSD order. */
function bestand(s: BestandSpec): Node {
  if (!Number.isSafeInteger(s.omvang) || s.omvang < 0) throw new MdtoValueError('omvang', String(s.omvang), 'a byte count');
  const node: Node = {};
  node.identificatie = many('identificatie', s.identificatie, 1).map(identificatie);
  node.naam = required(s.naam);
  node.omvang = String(s.omvang);
  node.bestandsformaat = begrip(s.bestandsformaat);
  node.checksum = many('checksum', s.checksum, 1).map(checksum);
  put(node, 'URLBestand', maybe(s.URLBestand, (u) => url('URLBestand', u)));
  node.isRepresentatieVan = verwijzing(s.isRepresentatieVan);
  return node;
}

const builder = new Builder({
  rootName: 'MDTO',
  xmldec: { version: '1.0', encoding: 'UTF-8' },
  renderOpts: { pretty: true, indent: '  ', newline: '\n' },
});

function document(child: 'informatieobject' | 'bestand', body: Node): string {
  const root = {
    $: {
      xmlns: MDTO_NAMESPACE,
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation': `${MDTO_NAMESPACE} ${MDTO_SCHEMA_LOCATION}`,
    },
    [child]: body,
  };
  return `${builder.buildObject(root)}\n`;
}

/** The sidecar `<naam>.MDTO.xml` of an informatieobject. Throws MdtoValueError on a bad typed value. */
export const informatieobjectXml = (spec: InformatieobjectSpec): string => document('informatieobject', informatieobject(spec));

/** The sidecar `<bestand>.bestand.MDTO.xml` of a file. Throws MdtoValueError on a bad typed value. */
export const bestandXml = (spec: BestandSpec): string => document('bestand', bestand(spec));
