// Concepts from the MDTO begrippenlijsten (NationaalArchief/MDTO-Metagegevensschema,
// markdown/begrippenlijsten.md) and the few lists of our own, documented in docs/mdto-mapping.md.
// Labels are spelled exactly as the lists spell them.
import type { Waardering } from '../../src/domain/types.js';
import type { Begrip } from './types.js';

export const LIJST = {
  aggregatieniveau: 'Begrippenlijst Aggregatieniveaus MDTO',
  eventType: 'Begrippenlijst EventTypeLijst MDTO',
  waardering: 'Begrippenlijst Waarderingen MDTO',
  relatieBetrokkene: 'Begrippenlijst Relatietypen (betrokkene) MDTO',
  relatieInformatieobject: 'Begrippenlijst Relatietypen (informatieobject) MDTO',
  beperkingGebruikType: 'Begrippenlijst BeperkingGebruikTypeLijst MDTO',
  checksumAlgoritme: 'Begrippenlijst ChecksumAlgoritme MDTO',
  pronom: 'PRONOM-register',
  /** Our own lists (see docs/mdto-mapping.md, "Begrippenlijsten van socialarchive"). */
  socialEventType: 'Begrippenlijst EventTypen socialarchive',
  dekkingInTijdType: 'Begrippenlijst DekkingInTijdTypen socialarchive',
} as const;

const begrip = (lijst: string, label: string, code?: string): Begrip => (code === undefined ? { label, lijst } : { label, code, lijst });

export type Aggregatieniveau = 'Archief' | 'Serie' | 'Dossier' | 'Archiefstuk';
export const AGGREGATIENIVEAUS: readonly Aggregatieniveau[] = ['Archief', 'Serie', 'Dossier', 'Archiefstuk'];
export const aggregatieniveau = (niveau: Aggregatieniveau): Begrip => begrip(LIJST.aggregatieniveau, niveau);

const WAARDERING_LABEL: Record<Waardering, string> = {
  B: 'Blijvend te bewaren',
  V: 'Tijdelijk te bewaren',
  N: 'Nader te bepalen',
};
/** The closed Waarderingen list: code B, V or N with its label. */
export const waardering = (code: Waardering): Begrip => begrip(LIJST.waardering, WAARDERING_LABEL[code], code);

/** MDTO EventTypeLijst entries this tool writes. */
export type MdtoEventType = 'Publicatie' | 'Wijziging' | 'Opname' | 'Conversie' | 'Bevriezing' | 'Kopie' | 'Export' | 'Creatie';
export const eventType = (label: MdtoEventType): Begrip => begrip(LIJST.eventType, label);

/**
 * A post or reply that disappeared from the platform. Not MDTO "Vernietigen" (that is destruction by
 * the archive under a selectielijst, which did not happen: the archive keeps the item), so it is a
 * concept of our own list.
 */
export const VERWIJDERING_VAN_PLATFORM: Begrip = begrip(LIJST.socialEventType, 'Verwijdering van platform');

/** dekkingInTijdType for the period in which an item, thread or account was published. */
export const PUBLICATIEPERIODE: Begrip = begrip(LIJST.dekkingInTijdType, 'Publicatieperiode');

export type RelatieInformatieobject =
  | 'Heeft Versie'
  | 'Wordt aangehaald door'
  | 'Is vervangen door'
  | 'Is vereist door'
  | 'Is een versie van'
  | 'Refereert aan'
  | 'Vervangt'
  | 'Heeft nodig';
export const relatieInformatieobject = (label: RelatieInformatieobject): Begrip => begrip(LIJST.relatieInformatieobject, label);

export type RelatieBetrokkene = 'Belanghebbende' | 'Indiener' | 'Rechthebbende';
export const relatieBetrokkene = (label: RelatieBetrokkene): Begrip => begrip(LIJST.relatieBetrokkene, label);

export type BeperkingGebruikType = 'Geen beperking' | 'Nader te bepalen' | 'Overig';
export const beperkingGebruikType = (label: BeperkingGebruikType): Begrip => begrip(LIJST.beperkingGebruikType, label);

/** The only checksum algorithm this tool writes; labels as the MDTO list spells them. */
export const SHA256: Begrip = begrip(LIJST.checksumAlgoritme, 'SHA-256');

/** PRONOM format as a bestandsformaat: label = PRONOM format name, code = PUID. */
export const pronomFormat = (puid: string, formatName: string): Begrip => begrip(LIJST.pronom, formatName, puid);

/** A PRONOM PUID: `fmt/123` or `x-fmt/123`. */
export const PUID_PATTERN = /^(x-)?fmt\/[0-9]{1,6}$/;
