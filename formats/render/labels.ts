// Words on a rendition, in Dutch (default) and English.

export type RenderLang = 'nl' | 'en';

export interface Labels {
  locale: string;
  thread: string;
  account: string;
  post: string;
  reply: string;
  share: string;
  ownAccount: string;
  thirdParty: string;
  published: string;
  edited: string;
  version: string;
  deleted: string;
  captured: string;
  source: string;
  inReplyTo: string;
  contentWarning: string;
  sensitive: string;
  image: string;
  video: string;
  audio: string;
  attachment: string;
  notShown: string;
  poll: string;
  votes: string;
  link: string;
  replies: (n: number) => string;
  footer: string;
  /** Why a media file is not shown, by error code (UserError codes and a few of the renderer's own). */
  refusals: Record<string, string>;
}

export const LABELS: Record<RenderLang, Labels> = {
  nl: {
    locale: 'nl-NL',
    thread: 'Draad',
    account: 'Account',
    post: 'Bericht',
    reply: 'Reactie',
    share: 'Gedeeld bericht',
    ownAccount: 'eigen account',
    thirdParty: 'reactie van derde',
    published: 'Geplaatst',
    edited: 'Bewerkt',
    version: 'versie van',
    deleted: 'Verwijderd van het platform; voor het eerst gemist op',
    captured: 'Vastgelegd op',
    source: 'Bron',
    inReplyTo: 'Antwoord op een bericht dat niet in deze draad is vastgelegd',
    contentWarning: 'Inhoudswaarschuwing',
    sensitive: 'gevoelige inhoud',
    image: 'Afbeelding',
    video: 'Video',
    audio: 'Audio',
    attachment: 'Bijlage',
    notShown: 'niet getoond',
    poll: 'Peiling',
    votes: 'stemmen',
    link: 'Link',
    replies: (n) => (n === 1 ? '1 reactie' : `${n} reacties`),
    footer:
      'Weergave gemaakt door socialarchive uit de gearchiveerde gegevens van het platform. De oorspronkelijke gegevens (JSON, WARC) zijn leidend.',
    refusals: {
      FORMAT_POLYGLOT: 'geweigerd: het bestand bevat een verborgen zip-archief',
      FORMAT_TRUNCATED: 'geweigerd: het bestand is afgebroken',
      FORMAT_ACTIVE_CONTENT: 'geweigerd: het bestand bevat script of externe verwijzingen',
      IMAGE_TOO_LARGE: 'geweigerd: de afbeelding heeft te veel pixels',
      IMAGE_UNDECODABLE: 'geweigerd: de afbeelding is beschadigd',
      NOT_CAPTURED: 'niet vastgelegd',
      NOT_AN_IMAGE: 'geen afbeelding',
      TOOL_MISSING: 'het programma om dit formaat te lezen ontbreekt',
    },
  },
  en: {
    locale: 'en-GB',
    thread: 'Thread',
    account: 'Account',
    post: 'Post',
    reply: 'Reply',
    share: 'Shared post',
    ownAccount: 'own account',
    thirdParty: 'third-party reply',
    published: 'Published',
    edited: 'Edited',
    version: 'version of',
    deleted: 'Removed from the platform; first found missing on',
    captured: 'Captured on',
    source: 'Source',
    inReplyTo: 'In reply to a post not captured in this thread',
    contentWarning: 'Content warning',
    sensitive: 'sensitive content',
    image: 'Image',
    video: 'Video',
    audio: 'Audio',
    attachment: 'Attachment',
    notShown: 'not shown',
    poll: 'Poll',
    votes: 'votes',
    link: 'Link',
    replies: (n) => (n === 1 ? '1 reply' : `${n} replies`),
    footer: "Rendition made by socialarchive from the platform's archived data. The original data (JSON, WARC) is authoritative.",
    refusals: {
      FORMAT_POLYGLOT: 'refused: the file hides a zip archive',
      FORMAT_TRUNCATED: 'refused: the file is truncated',
      FORMAT_ACTIVE_CONTENT: 'refused: the file contains script or external references',
      IMAGE_TOO_LARGE: 'refused: the image has too many pixels',
      IMAGE_UNDECODABLE: 'refused: the image is damaged',
      NOT_CAPTURED: 'not captured',
      NOT_AN_IMAGE: 'not an image',
      TOOL_MISSING: 'the program to read this format is missing',
    },
  },
};

/** Times as people read them, always in Europe/Amsterdam, from the data (never "now"). */
export function formatTime(iso: string, labels: Labels): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(labels.locale, {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'long',
    timeStyle: 'medium',
  }).format(d);
}
