// Is what the browser shows the page, or a wall in front of it? Pure: reads the facts gathered from
// the rendered page (page-facts.ts) and the platform's patterns (profiles.ts). A wall is recorded as
// the reason a URL was not archived; a banner that leaves the page readable is only noted.
import { CONSENT_FRAMEWORKS, GENERIC_LOGIN_URLS, type WallPatterns } from './profiles.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An element the page shows, with where it is and whether it holds the page captive. */
export interface Shown {
  box: Box;
  /** `aria-modal`, an open `<dialog>`, or `role=dialog` with a fixed position. */
  modal: boolean;
}

export interface PageFacts {
  /** Where the page ended up (after redirects and script navigation). */
  url: string;
  title: string;
  lang: string | null;
  /** The rendered text (`innerText`), cut at the text limit. */
  text: string;
  /** Length of the whole text before any cut. */
  textLength: number;
  viewport: { width: number; height: number };
  /** Visible password fields, each with the dialog or fixed layer around it (if any). */
  passwordFields: { box: Box; layer: Shown | null }[];
  /** Visible elements matching the pattern selectors, by key (`login:<selector>`, `consent:<name>`). */
  matches: ({ key: string } & Shown)[];
  /** Fixed layers covering a large part of the window, with the start of their text. */
  overlays: (Shown & { text: string })[];
  /** From `article:published_time` or JSON-LD `datePublished`/`uploadDate`, as the page says it. */
  published: string | null;
  description: string | null;
}

export type WallKind = 'login-wall' | 'consent-wall';

export interface WallReading {
  wall: { kind: WallKind; evidence: string } | null;
  /** Things shown that did not stop the capture, kept with it. */
  notes: string[];
}

/** A layer covering this share of the window blocks the page. */
const BLOCKING_SHARE = 0.35;
/** A title that names logging in: with a password field, the page is a login page. */
const LOGIN_TITLE = /\b(log ?in|sign ?in|inloggen|aanmelden|anmelden|se connecter|connexion)\b/i;
const COOKIE_WORDS = /cookie|toestemming|consent|privacyvoorkeur|tracking/i;

const share = (b: Box, v: PageFacts['viewport']) => {
  const w = Math.max(0, Math.min(b.x + b.width, v.width) - Math.max(b.x, 0));
  const h = Math.max(0, Math.min(b.y + b.height, v.height) - Math.max(b.y, 0));
  return (w * h) / (v.width * v.height);
};

const blocks = (s: Shown, v: PageFacts['viewport']) => s.modal || share(s.box, v) >= BLOCKING_SHARE;

/** The selectors page-facts must look for, keyed so a match can be named. */
export function wallSelectors(p: WallPatterns): { key: string; selector: string }[] {
  return [
    ...p.loginSelectors.map((selector) => ({ key: `login:${selector}`, selector })),
    ...p.consentSelectors.map((selector) => ({ key: `consent:${selector}`, selector })),
    ...CONSENT_FRAMEWORKS.map((f) => ({ key: `consent:${f.name}`, selector: f.selector })),
  ];
}

export function readWalls(f: PageFacts, p: WallPatterns): WallReading {
  const notes: string[] = [];
  const where = (() => {
    try {
      const u = new URL(f.url);
      return `${u.pathname}${u.search}`;
    } catch {
      return f.url;
    }
  })();
  const login = (evidence: string): WallReading => ({ wall: { kind: 'login-wall', evidence }, notes });
  const consent = (evidence: string): WallReading => ({ wall: { kind: 'consent-wall', evidence }, notes });

  const loginUrl = p.loginUrls.find((r) => r.test(where));
  if (loginUrl) return login(`the page went to a login page (${where.slice(0, 200)})`);
  const loginShown = f.matches.find((m) => m.key.startsWith('login:'));
  if (loginShown) return login(`a login prompt is shown (${loginShown.key.slice('login:'.length)})`);
  const password = f.passwordFields[0];
  const loginText = p.loginTexts.find((r) => r.test(f.text));
  if (loginText && password) return login(`the page asks to log in ("${loginText.exec(f.text)![0].slice(0, 80)}")`);
  if (password) {
    const layered = f.passwordFields.find((pw) => pw.layer && blocks(pw.layer, f.viewport));
    if (layered) return login('a login dialog with a password field covers the page');
    if (GENERIC_LOGIN_URLS.some((r) => r.test(where))) return login(`the page went to a login page with a password field (${where.slice(0, 200)})`);
    if (LOGIN_TITLE.test(f.title)) return login(`the page is a login form ("${f.title.slice(0, 80)}", with a password field)`);
    notes.push('a password field is shown beside the content (not a wall)');
  }

  for (const m of f.matches.filter((x) => x.key.startsWith('consent:'))) {
    const name = m.key.slice('consent:'.length);
    if (blocks(m, f.viewport)) return consent(`a consent dialog (${name}) covers the page`);
    notes.push(`a consent banner (${name}) was shown beside the content and is in the screenshot`);
  }
  const cover = f.overlays.find((o) => blocks(o, f.viewport) && COOKIE_WORDS.test(o.text));
  if (cover) return consent(`a layer about cookies or consent covers the page ("${cover.text.replace(/\s+/g, ' ').trim().slice(0, 80)}")`);
  return { wall: null, notes };
}
