// MDTO 1.0.1 objects as plain TypeScript data. Field names follow the XSD (Dutch) so that a reader of
// the schema finds every element here; `build.ts` turns these into XML in the schema's fixed order.
// Every string may hold any Unicode text: the builder makes it XML-safe.

/** `identificatieGegevens`: a kenmerk and the source (bron) that issued it. */
export interface Identificatie {
  kenmerk: string;
  bron: string;
}

/** `verwijzingGegevens`: a reference to another object by name and, where known, identification. */
export interface Verwijzing {
  naam: string;
  identificatie?: Identificatie | undefined;
}

/** `begripGegevens`: a concept from a named value list (begrippenlijst). */
export interface Begrip {
  label: string;
  code?: string | undefined;
  /** Name of the begrippenlijst (becomes `begripBegrippenlijst/verwijzingNaam`). */
  lijst: string;
}

/** `termijnGegevens`, used by `bewaartermijn` and `beperkingGebruikTermijn`. */
export interface Termijn {
  trigger?: Begrip | undefined;
  /** xsd:date, `YYYY-MM-DD`. */
  startdatum?: string | undefined;
  /** xsd:duration, e.g. `P10Y`. */
  looptijd?: string | undefined;
  /** xsd:gYear, gYearMonth or date. */
  einddatum?: string | undefined;
}

/** `dekkingInTijdGegevens`. Dates are xsd:gYear, gYearMonth or date. */
export interface DekkingInTijd {
  type: Begrip;
  begin: string;
  eind?: string | undefined;
}

/** `eventGegevens`. `tijd` is xsd:gYear, gYearMonth, date or dateTime. */
export interface MdtoEvent {
  type: Begrip;
  tijd?: string | undefined;
  actor?: Verwijzing | undefined;
  resultaat?: string | undefined;
}

/** `raadpleeglocatieGegevens`. `online` values are absolute URLs. */
export interface Raadpleeglocatie {
  fysiek?: Verwijzing[] | undefined;
  online?: string[] | undefined;
}

/** `gerelateerdInformatieobjectGegevens`. */
export interface GerelateerdInformatieobject {
  verwijzing: Verwijzing;
  relatie: Begrip;
}

/** `betrokkeneGegevens`. */
export interface Betrokkene {
  relatie: Begrip;
  actor: Verwijzing;
}

/** `beperkingGebruikGegevens`. */
export interface BeperkingGebruik {
  type: Begrip;
  nadereBeschrijving?: string | undefined;
  documentatie?: Verwijzing[] | undefined;
  termijn?: Termijn | undefined;
}

/** `checksumGegevens`. `datum` is an xsd:dateTime. */
export interface Checksum {
  algoritme: Begrip;
  waarde: string;
  datum: string;
}

/** Everything an `informatieobject` sidecar says, one field per XSD element. */
export interface InformatieobjectSpec {
  identificatie: Identificatie[];
  naam: string;
  aggregatieniveau?: Begrip | undefined;
  classificatie?: Begrip[] | undefined;
  trefwoord?: string[] | undefined;
  omschrijving?: string[] | undefined;
  raadpleeglocatie?: Raadpleeglocatie[] | undefined;
  dekkingInTijd?: DekkingInTijd[] | undefined;
  dekkingInRuimte?: Verwijzing[] | undefined;
  /** xsd:language tags, e.g. `nl`. */
  taal?: string[] | undefined;
  event?: MdtoEvent[] | undefined;
  waardering: Begrip;
  bewaartermijn?: Termijn | undefined;
  informatiecategorie?: Begrip | undefined;
  isOnderdeelVan?: Verwijzing[] | undefined;
  bevatOnderdeel?: Verwijzing[] | undefined;
  heeftRepresentatie?: Verwijzing[] | undefined;
  aanvullendeMetagegevens?: Verwijzing[] | undefined;
  gerelateerdInformatieobject?: GerelateerdInformatieobject[] | undefined;
  archiefvormer: Verwijzing[];
  betrokkene?: Betrokkene[] | undefined;
  activiteit?: Verwijzing | undefined;
  beperkingGebruik: BeperkingGebruik[];
}

/** Everything a `bestand` sidecar says, one field per XSD element. */
export interface BestandSpec {
  identificatie: Identificatie[];
  naam: string;
  /** Size in bytes. */
  omvang: number;
  bestandsformaat: Begrip;
  checksum: Checksum[];
  /** Absolute URL of the file, when it has a current online location. */
  URLBestand?: string | undefined;
  isRepresentatieVan: Verwijzing;
}

/**
 * The part of an informatieobject that the package builder fills in from the package's hierarchy:
 * parent and child links and the references to its files. Callers describe everything else.
 */
export type InformatieobjectLinks = 'isOnderdeelVan' | 'bevatOnderdeel' | 'heeftRepresentatie' | 'aanvullendeMetagegevens';

/** An informatieobject as a caller describes it; the package builder adds the links. */
export type InformatieobjectContent = Omit<InformatieobjectSpec, InformatieobjectLinks>;

/**
 * A relation to another informatieobject of the same package, named by its key in the package plan;
 * the package builder turns the key into a full verwijzing (naam and identificatie).
 */
export interface InternalRelation {
  relatie: Begrip;
  key: string;
}
