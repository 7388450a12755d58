import { htmlLinks, htmlToPlainText, type HtmlLink } from '../../formats/normalise/html.js';

/** Profile texts are a few hundred characters; a remote server may send anything. */
const MAX_HTML_CHARS = 100_000;

function read(html: string): { text: string; links: HtmlLink[] } {
  const bounded = html.slice(0, MAX_HTML_CHARS);
  return { text: htmlToPlainText(bounded), links: htmlLinks(bounded) };
}

// The profile-text check: the national profile template for government accounts asks that a profile
// (a) says it is the official account of the organisation, (b) says it is not for formal messages
// (requests, objections, complaints) and (c) links to the privacy statement. Matching is on
// normalised text (lower case, no accents, single spaces); the phrase lists below are data.

/** A captured profile, in the shape of a Mastodon Account: `note` and field values are HTML. */
export interface CapturedProfile {
  note: string;
  fields: { name: string; value: string }[];
  /** A website link of the profile, where the platform has one. */
  url?: string | undefined;
}

export interface ProfilePart {
  ok: boolean;
  /** The text (or link) that satisfied the part. */
  evidence?: string | undefined;
}

export interface ProfileCheck {
  official: ProfilePart;
  noFormalMessaging: ProfilePart;
  privacyLink: ProfilePart;
  /** All three parts are present. */
  ok: boolean;
}

export interface PhraseList {
  /** Phrases; `…` stands for at most `maxGapWords` other words of the same sentence. */
  phrases: string[];
  maxGapWords: number;
}

export interface ProfilePhrases {
  official: PhraseList;
  noFormalMessaging: PhraseList;
  /** A link counts as the privacy statement when its URL or text contains one of these. */
  privacyWords: string[];
}

export const PROFILE_PHRASES: ProfilePhrases = {
  official: {
    // A small gap allows "officiële Mastodon-account", but not "officiële verzoeken via dit account".
    maxGapWords: 2,
    phrases: [
      'officiële account', 'officieel account', 'officiële … account', 'officieel … account',
      'officiële kanaal', 'officieel kanaal', 'officiële … kanaal', 'officieel … kanaal',
      'officiële pagina', 'officiële … pagina', 'officieel profiel', 'officiële … profiel',
      'official account', 'official … account', 'official channel', 'official page', 'official profile',
    ],
  },
  noFormalMessaging: {
    maxGapWords: 8,
    phrases: [
      'niet voor formele', 'niet bedoeld voor formele', 'geen formele', 'formele verzoeken', 'formele berichten',
      'niet voor officiële', 'niet bedoeld voor officiële', 'bezwaar', 'klachten … via', 'klacht … via',
      'not for formal', 'not intended for formal', 'no formal', 'formal requests', 'formal complaints',
      'complaints … via', 'objections',
    ],
  },
  privacyWords: ['privacy', 'gegevensbescherming', 'data protection', 'data-protection'],
};

/** Normalised text with, per normalised character, the range of the original it came from. */
interface Normalised {
  text: string;
  from: number[];
  to: number[];
}

const foldChar = (ch: string): string =>
  ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[‘’`´]/g, "'").replace(/[‐‑‒–—]/g, '-');

function normalise(original: string): Normalised {
  const out: Normalised = { text: '', from: [], to: [] };
  let i = 0;
  for (const ch of original) {
    const next = i + ch.length;
    if (/\s/u.test(ch)) {
      // A run of white space becomes one space, or one line break if it holds one (a sentence boundary).
      const last = out.text.at(-1);
      const sep = ch === '\n' ? '\n' : ' ';
      if (last === ' ' && sep === '\n') out.text = `${out.text.slice(0, -1)}\n`;
      else if (last !== ' ' && last !== '\n' && out.text !== '') {
        out.text += sep;
        out.from.push(i);
        out.to.push(next);
      }
    } else {
      for (const f of foldChar(ch)) {
        out.text += f;
        out.from.push(i);
        out.to.push(next);
      }
    }
    i = next;
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD = '[^\\s.!?,;:/-]+';
const SEP = '[\\s,;:/-]+';

function compile(list: PhraseList): RegExp[] {
  return list.phrases.map((phrase) => {
    const parts = normalise(phrase)
      .text.split('…')
      .map((p) => escape(p.trim()));
    const gap = `(?:${SEP}${WORD}){0,${list.maxGapWords}}?${SEP}`;
    return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join(gap)}`, 'u');
  });
}

const MAX_EVIDENCE = 200;

/** The sentence of `text` around [start, end): what a person needs to see why the part was found. */
function sentenceAround(text: string, start: number, end: number): string {
  const boundary = /[.!?](?=\s|$)|\n/g;
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(boundary)) {
    if (m.index < start) from = m.index + 1;
    else if (m.index >= end) {
      to = m.index + (m[0] === '\n' ? 0 : 1);
      break;
    }
  }
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (to - from <= MAX_EVIDENCE) return flat(text.slice(from, to));
  // A long sentence is cut to a window around the match.
  const margin = Math.max(0, Math.floor((MAX_EVIDENCE - (end - start)) / 2));
  const a = Math.max(from, start - margin);
  const b = Math.min(to, end + margin);
  return `${a > from ? '…' : ''}${flat(text.slice(a, b))}${b < to ? '…' : ''}`;
}

function findPhrase(segments: string[], patterns: RegExp[]): ProfilePart {
  for (const segment of segments) {
    const norm = normalise(segment);
    for (const re of patterns) {
      const m = re.exec(norm.text);
      if (m) {
        const start = norm.from[m.index]!;
        const end = norm.to[m.index + m[0].length - 1]!;
        return { ok: true, evidence: sentenceAround(segment, start, end) };
      }
    }
  }
  return { ok: false };
}

// Anchored and unambiguous (no class overlaps '.'), so it runs in linear time on hostile input.
const URL_TOKEN = /^(?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?$/i;

/** Web addresses written as plain text ("voorbeeldstad.nl/privacy"), without trailing punctuation. */
const bareUrls = (text: string): string[] =>
  text
    .split(/[\s<>"()]+/)
    .map((token) => token.replace(/[.,;:!?]+$/, ''))
    .filter((token) => token.length <= 2048 && URL_TOKEN.test(token));

function findPrivacyLink(profile: CapturedProfile, links: HtmlLink[], words: string[]): ProfilePart {
  const mentions = (s: string) => {
    const t = normalise(s).text;
    return words.some((w) => t.includes(normalise(w).text));
  };
  const isWebLink = (href: string) => /^https?:\/\//i.test(href);
  const link = links.find((l) => isWebLink(l.href) && (mentions(l.href) || mentions(l.text)));
  if (link) return { ok: true, evidence: link.text && link.text !== link.href ? `${link.text} → ${link.href}` : link.href };

  // A profile field named "Privacy(verklaring)" whose value is a link, as Mastodon profiles often have.
  for (const field of profile.fields) {
    const value = read(field.value);
    const href = value.links.find((l) => isWebLink(l.href))?.href ?? bareUrls(value.text)[0];
    if (href && mentions(field.name)) return { ok: true, evidence: `${field.name.trim()}: ${href}` };
  }
  // Plain-text profiles (Bluesky) and website fields carry bare URLs.
  const plain = [read(profile.note).text, profile.url ?? ''];
  for (const text of plain) {
    const url = bareUrls(text).find(mentions);
    if (url) return { ok: true, evidence: url };
  }
  return { ok: false };
}

/** Checks the three parts of the profile template in a captured profile. */
export function checkProfileText(profile: CapturedProfile, phrases: ProfilePhrases = PROFILE_PHRASES): ProfileCheck {
  const note = read(profile.note);
  const fields = profile.fields.map((f) => {
    const value = read(f.value);
    return { text: `${read(f.name).text}: ${value.text}`, links: value.links };
  });
  const segments = [note.text, ...fields.map((f) => f.text)];
  const official = findPhrase(segments, compile(phrases.official));
  const noFormalMessaging = findPhrase(segments, compile(phrases.noFormalMessaging));
  const privacyLink = findPrivacyLink(profile, [...note.links, ...fields.flatMap((f) => f.links)], phrases.privacyWords);
  return { official, noFormalMessaging, privacyLink, ok: official.ok && noFormalMessaging.ok && privacyLink.ok };
}
