// Pure mapping from archived social-media data to MDTO informatieobject content. One function per kind
// of object in the package (account, thread, post or reply, profile snapshot, run capture, public
// copy); every choice is explained in docs/mdto-mapping.md. The package builder adds the links
// (parent, files) and the internal identification.
import type { Author, Organisation, Platform, RestrictionType, Selection } from '../../src/domain/types.js';
import {
  PUBLICATIEPERIODE,
  VERWIJDERING_VAN_PLATFORM,
  aggregatieniveau,
  beperkingGebruikType,
  eventType,
  relatieBetrokkene,
  relatieInformatieobject,
  waardering,
} from './begrippen.js';
import { titleFrom } from './text.js';
import type {
  Begrip,
  BeperkingGebruik,
  Betrokkene,
  DekkingInTijd,
  GerelateerdInformatieobject,
  Identificatie,
  InformatieobjectContent,
  InternalRelation,
  MdtoEvent,
  Termijn,
  Verwijzing,
} from './types.js';
import { absoluteUrl, addDuration, languageTag, utcDate, utcDateTime } from './values.js';

/** What every mapping needs to know about who archives what. */
export interface MappingContext {
  /** The archiefvormer; `id` is its TOOI URI. */
  organisation: Organisation;
  /** The account's selectielijst category: drives waardering, bewaartermijn and informatiecategorie. */
  selection: Selection;
  platform: Platform;
  /** Name and version of the capturing tool, e.g. `socialarchive 0.1.0`; actor of Opname and Conversie. */
  tool: string;
}

/** The privacy review state of one item (SPEC section 5). */
export type PrivacyState =
  /** No findings, or every finding decided "keep". */
  | { status: 'clear' }
  /** At least one "restrict" or "redact in the public copy" decision: the original is access-restricted. */
  | { status: 'restricted'; restrictions: PrivacyRestriction[] }
  /**
   * Open findings (or versions not scanned yet), packaged only because the records manager allowed it
   * (`--allow-unreviewed`); restrictions already decided on other findings still apply.
   */
  | { status: 'unreviewed'; openFindings: number; unscannedVersions?: number | undefined; restrictions?: PrivacyRestriction[] | undefined };

export interface PrivacyRestriction {
  /** Finding categories behind the decision (SPEC section 5 names, e.g. `person_name`, `health`). */
  categories: string[];
  /** The ground of the restriction (docs/privacy-review.md); by default derived from the categories. */
  type?: RestrictionType | undefined;
  /** How long the restriction lasts, ISO 8601 duration (e.g. `P75Y`); give this or `until`. */
  looptijd?: string | undefined;
  /** The last day of the restriction (`YYYY-MM-DD`), when the term is an end date rather than a duration. */
  until?: string | undefined;
  /** The date the term starts (normally the publication date), ISO date or date-time. */
  from: string;
  /** The privacy officer's reason, as recorded with the decision. It goes into the metadata: no personal data. */
  reason?: string | undefined;
}

/** The privacy state of an aggregate, summarised over everything below it. */
export type PrivacySummary = 'clear' | 'restricted' | 'unreviewed';

/** A related object: another object of this package (by plan key) or one outside it (by URI). */
export type RelatedRef = { key: string } | { uri: string; naam?: string | undefined };

/** Content plus the relations to other objects of the package that the builder must resolve. */
export interface MappedObject {
  content: InformatieobjectContent;
  relations: InternalRelation[];
}

const PLATFORM_LABEL: Record<Platform, string> = {
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  web: 'Web',
};
export const platformLabel = (p: Platform): string => PLATFORM_LABEL[p];

/** identificatieBron of a platform's canonical item URI (Mastodon `uri`, Bluesky `at://`, ...). */
export const itemUriBron = (p: Platform): string => `${PLATFORM_LABEL[p]} (canonieke URI)`;
/** identificatieBron of an account's or author's profile URI. */
export const accountUriBron = (p: Platform): string => `${PLATFORM_LABEL[p]} (account-URI)`;

const TOOI_PREFIX = 'https://identifier.overheid.nl/tooi/';

/** The organisation as archiefvormer, identified by its TOOI URI. */
export function archiefvormer(org: Organisation): Verwijzing {
  const bron = org.id.startsWith(TOOI_PREFIX) ? 'TOOI' : 'Organisatie-identificatie (accounts.yaml)';
  return { naam: org.name, identificatie: { kenmerk: org.id, bron } };
}

const toolActor = (ctx: MappingContext): Verwijzing => ({ naam: `${ctx.tool}, namens ${ctx.organisation.name}` });

/** waardering, bewaartermijn and informatiecategorie from the account's selection. */
export function selectionFields(
  selection: Selection,
  term: { trigger: Begrip; start?: string | undefined },
): Pick<InformatieobjectContent, 'waardering' | 'bewaartermijn' | 'informatiecategorie'> {
  let bewaartermijn: Termijn | undefined;
  // MDTO: a bewaartermijn only with waardering V (tijdelijk te bewaren).
  if (selection.waardering === 'V' && selection.bewaartermijn) {
    const startdatum = term.start === undefined ? undefined : utcDate(term.start);
    bewaartermijn = {
      trigger: term.trigger,
      startdatum,
      looptijd: selection.bewaartermijn,
      einddatum: startdatum === undefined ? undefined : addDuration(startdatum, selection.bewaartermijn),
    };
  }
  return {
    waardering: waardering(selection.waardering),
    bewaartermijn,
    informatiecategorie: { label: selection.label, code: selection.category, lijst: selection.list },
  };
}

const SPECIAL_CATEGORIES = new Set([
  'health',
  'religion_belief',
  'political_opinion',
  'ethnic_origin',
  'sexual_orientation',
  'trade_union',
  'criminal',
]);

/** SPEC section 5 categories in the words of the receiving archive. */
const CATEGORY_LABEL: Record<string, string> = {
  person_name: 'namen',
  email: 'e-mailadressen',
  phone: 'telefoonnummers',
  bsn: 'BSN',
  iban: 'IBAN',
  payment_card: 'betaalkaartnummers',
  postal_address: 'adressen',
  postcode: 'postcodes',
  licence_plate: 'kentekens',
  date_of_birth: 'geboortedata',
  handle: 'gebruikersnamen',
  ip_address: 'IP-adressen',
  health: 'gezondheid',
  religion_belief: 'religie of levensovertuiging',
  political_opinion: 'politieke opvattingen',
  ethnic_origin: 'etnische afkomst',
  sexual_orientation: 'seksuele gerichtheid',
  trade_union: 'vakbondslidmaatschap',
  criminal: 'strafrechtelijke gegevens',
  face: 'gezichten (portretrecht)',
  gps: 'GPS-locaties in afbeeldingen',
  image_metadata: 'metagegevens van afbeeldingen',
};

/** The legal ground of each restriction type, as the description of an MDTO `Overig` restriction. */
const GROUND: Record<RestrictionType, string> = {
  privacy: 'eerbiediging van de persoonlijke levenssfeer (Archiefwet 1995, art. 15 lid 1 sub a)',
  special_category_data: 'bijzondere of strafrechtelijke persoonsgegevens (AVG art. 9 en 10)',
  identification_number: 'een wettelijk identificatienummer (BSN; gebruik alleen waar de wet het toestaat)',
  portrait_right: 'portretrecht (Auteurswet art. 21)',
  other: 'een andere grond (zie de toelichting)',
};

function restriction(r: PrivacyRestriction): BeperkingGebruik {
  const categories = [...new Set(r.categories)].sort().map((c) => CATEGORY_LABEL[c] ?? c);
  const special = r.categories.some((c) => SPECIAL_CATEGORIES.has(c));
  const ground = GROUND[r.type ?? (special ? 'special_category_data' : 'privacy')];
  const reason = r.reason ? ` Toelichting privacyfunctionaris: ${r.reason}` : '';
  const startdatum = utcDate(r.from);
  // A term is a duration from the start, or an end date; MDTO has a field for each.
  const einddatum = r.looptijd !== undefined ? addDuration(startdatum, r.looptijd) : r.until;
  return {
    type: beperkingGebruikType('Overig'),
    nadereBeschrijving: `Gebruik beperkt wegens ${ground}. Bevat persoonsgegevens: ${categories.join(', ') || 'niet gespecificeerd'}.${reason}`,
    termijn: { trigger: eventType('Publicatie'), startdatum, looptijd: r.looptijd, einddatum },
  };
}

/** beperkingGebruik of one item from its privacy state; "Geen beperking" only when nothing restricts. */
export function beperkingen(state: PrivacyState): BeperkingGebruik[] {
  switch (state.status) {
    case 'clear':
      return [{ type: beperkingGebruikType('Geen beperking') }];
    case 'unreviewed': {
      const open = state.openFindings > 0 ? `Bevat ${state.openFindings} niet beoordeelde mogelijke persoonsgegevens` : 'Niet (volledig) gescand op persoonsgegevens';
      const unscanned = state.openFindings > 0 && state.unscannedVersions ? `; ${state.unscannedVersions} versie(s) nog niet gescand` : '';
      return [
        { type: beperkingGebruikType('Nader te bepalen'), nadereBeschrijving: `${open}${unscanned}; verpakt zonder beoordeling door de privacyfunctionaris.` },
        ...(state.restrictions ?? []).map(restriction),
      ];
    }
    case 'restricted':
      return state.restrictions.length > 0
        ? state.restrictions.map(restriction)
        : [{ type: beperkingGebruikType('Overig'), nadereBeschrijving: 'Gebruik beperkt wegens persoonsgegevens.' }];
  }
}

/** beperkingGebruik of an aggregate (account, thread, run capture) from what it contains. */
export function aggregateBeperkingen(summary: PrivacySummary): BeperkingGebruik[] {
  switch (summary) {
    case 'clear':
      return [{ type: beperkingGebruikType('Geen beperking') }];
    case 'unreviewed':
      return [
        {
          type: beperkingGebruikType('Nader te bepalen'),
          nadereBeschrijving: 'Bevat onderdelen met niet beoordeelde mogelijke persoonsgegevens.',
        },
      ];
    case 'restricted':
      return [
        {
          type: beperkingGebruikType('Overig'),
          nadereBeschrijving: 'Bevat onderdelen waarvan het gebruik beperkt is wegens persoonsgegevens; de beperking staat per onderdeel beschreven.',
        },
      ];
  }
}

/** Combines privacy states into the summary of the aggregate that holds them. */
export function summarise(states: Iterable<PrivacyState | PrivacySummary>): PrivacySummary {
  let out: PrivacySummary = 'clear';
  for (const s of states) {
    const status = typeof s === 'string' ? s : s.status;
    if (status === 'unreviewed') return 'unreviewed';
    if (status === 'restricted') out = 'restricted';
  }
  return out;
}

function period(begin: string, end?: string): DekkingInTijd {
  const b = utcDate(begin);
  const e = end === undefined ? undefined : utcDate(end);
  return { type: PUBLICATIEPERIODE, begin: b, eind: e !== undefined && e > b ? e : undefined };
}

const maxIso = (times: string[]): string | undefined =>
  times.reduce<string | undefined>((m, t) => (m === undefined || Date.parse(t) > Date.parse(m) ? t : m), undefined);

function relatedVerwijzing(ctx: MappingContext, ref: { uri: string; naam?: string | undefined }): Verwijzing {
  return { naam: ref.naam ?? ref.uri, identificatie: { kenmerk: ref.uri, bron: itemUriBron(ctx.platform) } };
}

function relations(
  ctx: MappingContext,
  refs: { ref: RelatedRef | undefined; relatie: Begrip }[],
): { internal: InternalRelation[]; external: GerelateerdInformatieobject[] } {
  const internal: InternalRelation[] = [];
  const external: GerelateerdInformatieobject[] = [];
  for (const { ref, relatie } of refs) {
    if (!ref) continue;
    if ('key' in ref) internal.push({ relatie, key: ref.key });
    else external.push({ verwijzing: relatedVerwijzing(ctx, ref), relatie });
  }
  return { internal, external };
}

// ---------------------------------------------------------------------------------------------
// Account (Serie)

export interface SocialAccount {
  /** Registry id, e.g. `voorbeeldstad-mastodon`. */
  id: string;
  handle: string;
  /** The account's profile URI or URL on the platform. */
  profileUri?: string | undefined;
  displayName?: string | undefined;
  purpose?: string | undefined;
  /** ISO dates from the registry. */
  opened?: string | undefined;
  closed?: string | null | undefined;
  /** First and last publication in this package, for dekkingInTijd when `opened` is unknown. */
  firstItemAt?: string | undefined;
  lastItemAt?: string | undefined;
}

export function accountSerie(ctx: MappingContext, account: SocialAccount, parts: PrivacySummary): MappedObject {
  const label = PLATFORM_LABEL[ctx.platform];
  const identificatie: Identificatie[] = [];
  if (account.profileUri) identificatie.push({ kenmerk: account.profileUri, bron: accountUriBron(ctx.platform) });
  const begin = account.opened ?? account.firstItemAt;
  const end = account.closed ?? account.lastItemAt;
  const event: MdtoEvent[] = account.closed ? [{ type: eventType('Bevriezing'), tijd: utcDate(account.closed), resultaat: 'Account gesloten.' }] : [];
  const online = account.profileUri ? absoluteUrl(account.profileUri) : undefined;
  return {
    content: {
      identificatie,
      naam: `${label}-account @${account.handle} van ${ctx.organisation.name}`,
      aggregatieniveau: aggregatieniveau('Serie'),
      omschrijving: account.purpose ? [account.purpose] : undefined,
      raadpleeglocatie: online ? [{ online: [online] }] : undefined,
      dekkingInTijd: begin ? [period(begin, end ?? undefined)] : undefined,
      event,
      ...selectionFields(ctx.selection, { trigger: eventType('Bevriezing'), start: account.closed ?? undefined }),
      archiefvormer: [archiefvormer(ctx.organisation)],
      beperkingGebruik: aggregateBeperkingen(parts),
    },
    relations: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Thread (Dossier)

export interface SocialThread {
  /** Canonical URI of the account's post that starts the thread. */
  rootUri: string;
  rootUrl?: string | undefined;
  /** Plain text of the root post, for the dossier's name. */
  rootText: string;
  rootPlatformId: string;
  /** Publication times of the first and the last item in the thread. */
  firstAt: string;
  lastAt: string;
  /** Renderings of the whole thread (PDF/A and PNG), one Conversie event each. */
  renditions?: { at: string; description: string }[] | undefined;
}

export function threadDossier(ctx: MappingContext, thread: SocialThread, parts: PrivacySummary): MappedObject {
  const title = titleFrom(thread.rootText);
  const online = thread.rootUrl ? absoluteUrl(thread.rootUrl) : undefined;
  const event = (thread.renditions ?? []).map((r): MdtoEvent => ({ type: eventType('Conversie'), tijd: utcDateTime(r.at), actor: toolActor(ctx), resultaat: r.description }));
  return {
    content: {
      identificatie: [{ kenmerk: thread.rootUri, bron: `${PLATFORM_LABEL[ctx.platform]} (draad, canonieke URI van het startbericht)` }],
      naam: `Draad: ${title || `bericht ${thread.rootPlatformId}`}`,
      aggregatieniveau: aggregatieniveau('Dossier'),
      raadpleeglocatie: online ? [{ online: [online] }] : undefined,
      dekkingInTijd: [period(thread.firstAt, thread.lastAt)],
      event: event.length > 0 ? event : undefined,
      // The thread's term runs from its last publication: a later reply keeps the thread alive.
      ...selectionFields(ctx.selection, { trigger: eventType('Publicatie'), start: thread.lastAt }),
      archiefvormer: [archiefvormer(ctx.organisation)],
      beperkingGebruik: aggregateBeperkingen(parts),
    },
    relations: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Post or reply (Archiefstuk)

export interface SocialItem {
  kind: 'post' | 'reply';
  platformId: string;
  /** Canonical URI: becomes identificatieKenmerk. */
  uri: string;
  /** Web page of the item: becomes raadpleeglocatieOnline. */
  url?: string | undefined;
  /** Plain text of the latest version. */
  text: string;
  author: Author & { uri?: string | undefined };
  /** True when the author is not the registered account. */
  thirdParty: boolean;
  language?: string | null | undefined;
  tags?: string[] | undefined;
  publishedAt: string;
  /** Times of later versions (edits), any order. */
  editedAt?: string[] | undefined;
  /** When the item was first captured. */
  capturedAt: string;
  /** Derivatives made (PDF/A, PNG): one Conversie event each. */
  renditions?: { at: string; description: string }[] | undefined;
  /** Set when the item disappeared from the platform. */
  deleted?: { at: string; evidence?: string | undefined } | undefined;
  privacy: PrivacyState;
  /** The post or reply this one answers. */
  replyTo?: RelatedRef | undefined;
  /** The post this one quotes. */
  quoteOf?: RelatedRef | undefined;
  /** Plan key of the redacted public copy, when one exists. */
  publicCopyKey?: string | undefined;
}

/** The name of a post or reply. Third-party text never goes into a name: names are shown everywhere. */
function itemName(item: SocialItem): string {
  const when = utcDateTime(item.publishedAt).slice(0, 16).replace('T', ' ');
  if (item.thirdParty) return `Reactie van derde, ${when} UTC (${item.platformId})`;
  const title = titleFrom(item.text);
  return title || `${item.kind === 'post' ? 'Bericht' : 'Reactie'} ${item.platformId}, ${when} UTC`;
}

function authorActor(ctx: MappingContext, author: SocialItem['author']): Verwijzing {
  const naam = author.displayName ? `${author.displayName} (@${author.handle})` : `@${author.handle}`;
  return { naam, identificatie: { kenmerk: author.uri ?? author.handle, bron: accountUriBron(ctx.platform) } };
}

export function itemArchiefstuk(ctx: MappingContext, item: SocialItem): MappedObject {
  const edits = [...(item.editedAt ?? [])].sort((a, b) => Date.parse(a) - Date.parse(b));
  const author = authorActor(ctx, item.author);
  const event: MdtoEvent[] = [
    { type: eventType('Publicatie'), tijd: utcDateTime(item.publishedAt), actor: author },
    ...edits.map((t): MdtoEvent => ({ type: eventType('Wijziging'), tijd: utcDateTime(t), actor: author, resultaat: 'Nieuwe versie op het platform.' })),
    {
      type: eventType('Opname'),
      tijd: utcDateTime(item.capturedAt),
      actor: toolActor(ctx),
      resultaat: `Vastgelegd via ${PLATFORM_LABEL[ctx.platform]}; platformgegevens ongewijzigd bewaard.`,
    },
    ...(item.renditions ?? []).map((r): MdtoEvent => ({ type: eventType('Conversie'), tijd: utcDateTime(r.at), actor: toolActor(ctx), resultaat: r.description })),
  ];
  if (item.deleted) {
    event.push({
      type: VERWIJDERING_VAN_PLATFORM,
      tijd: utcDateTime(item.deleted.at),
      resultaat: item.deleted.evidence ?? 'Niet meer beschikbaar op het platform; het archief bewaart de vastgelegde versies.',
    });
  }
  const betrokkene: Betrokkene[] = item.thirdParty ? [{ relatie: relatieBetrokkene('Rechthebbende'), actor: author }] : [];
  const { internal, external } = relations(ctx, [
    { ref: item.replyTo, relatie: relatieInformatieobject('Refereert aan') },
    { ref: item.quoteOf, relatie: relatieInformatieobject('Refereert aan') },
    { ref: item.publicCopyKey === undefined ? undefined : { key: item.publicCopyKey }, relatie: relatieInformatieobject('Heeft Versie') },
  ]);
  const online = item.url ? absoluteUrl(item.url) : undefined;
  const language = languageTag(item.language ?? undefined);
  const lastChange = maxIso([...edits, ...(item.deleted ? [item.deleted.at] : [])]);
  return {
    content: {
      identificatie: [{ kenmerk: item.uri, bron: itemUriBron(ctx.platform) }],
      naam: itemName(item),
      aggregatieniveau: aggregatieniveau('Archiefstuk'),
      trefwoord: item.tags,
      // The account's own text is public information of the organisation; third-party text stays in the files.
      omschrijving: item.thirdParty || item.text.trim() === '' ? undefined : [item.text],
      raadpleeglocatie: online ? [{ online: [online] }] : undefined,
      dekkingInTijd: [period(item.publishedAt, lastChange)],
      taal: language ? [language] : undefined,
      event,
      ...selectionFields(ctx.selection, { trigger: eventType('Publicatie'), start: item.publishedAt }),
      gerelateerdInformatieobject: external,
      archiefvormer: [archiefvormer(ctx.organisation)],
      betrokkene,
      beperkingGebruik: beperkingen(item.privacy),
    },
    relations: internal,
  };
}

// ---------------------------------------------------------------------------------------------
// Redacted public copy (Archiefstuk beside the original)

export interface PublicCopy {
  /** Plan key of the original. */
  originalKey: string;
  /** The original item, for names and dates. */
  original: SocialItem;
  /** When the redacted copy was made. */
  madeAt: string;
  /** What was redacted, for people (no personal data). */
  description: string;
}

export function publicCopyArchiefstuk(ctx: MappingContext, copy: PublicCopy): MappedObject {
  const base = itemArchiefstuk(ctx, { ...copy.original, privacy: { status: 'clear' }, publicCopyKey: undefined, replyTo: undefined, quoteOf: undefined });
  const content: InformatieobjectContent = {
    ...base.content,
    identificatie: [],
    naam: `${base.content.naam} (openbare versie)`,
    omschrijving: undefined,
    event: [{ type: eventType('Kopie'), tijd: utcDateTime(copy.madeAt), actor: toolActor(ctx), resultaat: copy.description }],
    betrokkene: undefined,
    beperkingGebruik: beperkingen({ status: 'clear' }),
  };
  return { content, relations: [{ relatie: relatieInformatieobject('Is een versie van'), key: copy.originalKey }] };
}

// ---------------------------------------------------------------------------------------------
// Profile snapshot and run capture (Archiefstukken under the account)

export function profileSnapshotArchiefstuk(
  ctx: MappingContext,
  /** `privacy`: the review state of the snapshot's images (default: clear). */
  snap: { handle: string; profileUri?: string | undefined; capturedAt: string; privacy?: PrivacyState | undefined },
): MappedObject {
  const online = snap.profileUri ? absoluteUrl(snap.profileUri) : undefined;
  return {
    content: {
      identificatie: [],
      naam: `Profiel @${snap.handle}, vastgelegd ${utcDateTime(snap.capturedAt).slice(0, 16).replace('T', ' ')} UTC`,
      aggregatieniveau: aggregatieniveau('Archiefstuk'),
      raadpleeglocatie: online ? [{ online: [online] }] : undefined,
      dekkingInTijd: [period(snap.capturedAt)],
      event: [{ type: eventType('Opname'), tijd: utcDateTime(snap.capturedAt), actor: toolActor(ctx) }],
      ...selectionFields(ctx.selection, { trigger: eventType('Opname'), start: snap.capturedAt }),
      archiefvormer: [archiefvormer(ctx.organisation)],
      beperkingGebruik: beperkingen(snap.privacy ?? { status: 'clear' }),
    },
    relations: [],
  };
}

export function runCaptureArchiefstuk(
  ctx: MappingContext,
  /** `accounts`: the registry ids of every account the run captured (one WARC holds them all). */
  run: { runId: string; startedAt: string; finishedAt?: string | undefined; parts: PrivacySummary; accounts?: string[] | undefined },
): MappedObject {
  const accounts = run.accounts ?? [];
  return {
    content: {
      identificatie: [],
      naam: `Vastlegging ${run.runId}: HTTP-verkeer met ${PLATFORM_LABEL[ctx.platform]} (WARC), ${utcDate(run.startedAt)}`,
      aggregatieniveau: aggregatieniveau('Archiefstuk'),
      omschrijving: accounts.length > 1 ? [`Bevat het HTTP-verkeer van de vastlegging van de accounts ${accounts.join(', ')}.`] : undefined,
      dekkingInTijd: [period(run.startedAt, run.finishedAt)],
      event: [
        {
          type: eventType('Opname'),
          tijd: utcDateTime(run.startedAt),
          actor: toolActor(ctx),
          resultaat: 'Alle verzoeken en antwoorden van deze vastlegging, ongewijzigd (WARC).',
        },
      ],
      ...selectionFields(ctx.selection, { trigger: eventType('Opname'), start: run.startedAt }),
      archiefvormer: [archiefvormer(ctx.organisation)],
      // A capture holds every reply it fetched, so it is as restricted as the most restricted of them.
      beperkingGebruik: aggregateBeperkingen(run.parts),
    },
    relations: [],
  };
}

