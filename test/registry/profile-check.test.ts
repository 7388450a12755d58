import { describe, expect, test } from 'vitest';
import { htmlLinks, htmlToPlainText } from '../../formats/normalise/html.js';
import { checkProfileText, PROFILE_PHRASES, type CapturedProfile } from '../../src/registry/profile-check.js';

// As Mastodon renders a profile: `note` and field values are HTML, links split into invisible spans.
const mastodonLink = (url: string) => {
  const u = new URL(url);
  const prefix = `${u.protocol}//${u.host.startsWith('www.') ? 'www.' : ''}`;
  return `<a href="${url}" target="_blank" rel="nofollow noopener me" translate="no"><span class="invisible">${prefix}</span><span class="">${url.slice(prefix.length)}</span><span class="invisible"></span></a>`;
};

const COMPLIANT: CapturedProfile = {
  note:
    '<p>Dit is het offici&#235;le account van de gemeente Voorbeeldstad. Wij lezen mee op werkdagen van 8.30 tot 17.00 uur.</p>' +
    '<p>Via dit account kunt u geen formele verzoeken, bezwaren of klachten indienen; kijk daarvoor op ' +
    `${mastodonLink('https://www.voorbeeldstad.nl/contact')}.</p>` +
    '<p><a href="https://social.overheid.nl/tags/Voorbeeldstad" class="mention hashtag" rel="tag">#<span>Voorbeeldstad</span></a></p>',
  fields: [
    { name: 'Website', value: mastodonLink('https://www.voorbeeldstad.nl') },
    { name: 'Privacyverklaring', value: mastodonLink('https://www.voorbeeldstad.nl/privacyverklaring') },
  ],
};

describe('profile-text check', () => {
  test('a profile following the national template passes all three parts, with evidence', () => {
    const result = checkProfileText(COMPLIANT);
    expect(result).toEqual({
      official: { ok: true, evidence: 'Dit is het officiële account van de gemeente Voorbeeldstad.' },
      noFormalMessaging: {
        ok: true,
        evidence: 'Via dit account kunt u geen formele verzoeken, bezwaren of klachten indienen; kijk daarvoor op https://www.voorbeeldstad.nl/contact.',
      },
      privacyLink: { ok: true, evidence: 'https://www.voorbeeldstad.nl/privacyverklaring' },
      ok: true,
    });
  });

  test('a marketing-style profile fails every part', () => {
    const result = checkProfileText({
      note: '<p>Nieuws, evenementen en werk in uitvoering in Voorbeeldstad. Vragen? Stuur ons een bericht!</p>',
      fields: [{ name: 'Website', value: mastodonLink('https://www.voorbeeldstad.nl') }],
    });
    expect(result).toEqual({ official: { ok: false }, noFormalMessaging: { ok: false }, privacyLink: { ok: false }, ok: false });
  });

  test('a privacy field whose URL does not say privacy still counts, by the field name', () => {
    const result = checkProfileText({
      note: '<p>Officieel Mastodon-account van Waterschap Voorbeeld. Niet voor formele meldingen.</p>',
      fields: [{ name: 'Privacy', value: mastodonLink('https://www.waterschapvoorbeeld.nl/avg') }],
    });
    expect(result.official).toEqual({ ok: true, evidence: 'Officieel Mastodon-account van Waterschap Voorbeeld.' });
    expect(result.privacyLink).toEqual({ ok: true, evidence: 'Privacy: https://www.waterschapvoorbeeld.nl/avg' });
    expect(result.ok).toBe(true);
  });

  test('"officiële … account" needs the words close together', () => {
    const result = checkProfileText({
      note: '<p>U kunt geen officiële verzoeken via dit account doen.</p>',
      fields: [],
    });
    expect(result.official.ok).toBe(false);
    expect(result.noFormalMessaging.ok).toBe(false);
  });

  test('English phrasing, and "privacy" in a link title or a script does not count as a link', () => {
    const result = checkProfileText({
      note:
        '<p>Official account of the Province of Voorbeeld. Not for formal requests or complaints.</p>' +
        '<p><a title="privacy > statement" href="https://www.voorbeeld.nl/contact">contact</a></p>' +
        '<script>document.write("<a href=https://x.nl/privacy>privacy</a>")</script>',
      fields: [],
    });
    expect(result.official.evidence).toBe('Official account of the Province of Voorbeeld.');
    expect(result.noFormalMessaging.evidence).toBe('Not for formal requests or complaints.');
    expect(result.privacyLink.ok).toBe(false);
  });

  test('a plain-text profile (Bluesky) with a bare privacy URL passes', () => {
    const result = checkProfileText({
      note: 'Officieel account van gemeente Voorbeeldstad 🏛️\nNiet voor formele verzoeken of klachten.\nPrivacy: voorbeeldstad.nl/privacyverklaring',
      fields: [],
    });
    expect(result.privacyLink).toEqual({ ok: true, evidence: 'voorbeeldstad.nl/privacyverklaring' });
    expect(result.ok).toBe(true);
  });

  test('evidence from a very long sentence is a window around the match', () => {
    const filler = 'en nog meer nieuws over wegwerkzaamheden '.repeat(20);
    const { official } = checkProfileText({ note: `<p>${filler}op het officiële account van Voorbeeldstad ${filler}</p>`, fields: [] });
    expect(official.evidence!.length).toBeLessThanOrEqual(202);
    expect(official.evidence).toMatch(/^….*officiële account.*…$/);
  });

  test('the phrase lists are data: an organisation can add its own wording', () => {
    const profile = { note: '<p>Het enige echte kanaal van gemeente Voorbeeldstad.</p>', fields: [] };
    expect(checkProfileText(profile).official.ok).toBe(false);
    const phrases = { ...PROFILE_PHRASES, official: { ...PROFILE_PHRASES.official, phrases: [...PROFILE_PHRASES.official.phrases, 'enige echte kanaal'] } };
    expect(checkProfileText(profile, phrases).official).toEqual({ ok: true, evidence: 'Het enige echte kanaal van gemeente Voorbeeldstad.' });
  });
});

describe('HTML of a profile', () => {
  test('attributes may hold ">" and quotes; comments, scripts and styles are not text', () => {
    const html =
      '<p class="a>b" data-x=\'say "hi"\'>Gemeente&nbsp;Voorbeeldstad &amp; co<!-- <b>hidden</b> --></p>' +
      '<style>p { content: "nope" }</style><br/>Tel. &lt;14 0xx&gt; <a href=https://a.nl/x?q=1&amp;r=2>link</a> &bogus; 3 < 4';
    // The <br> after the paragraph is an empty line of its own, as a browser shows it.
    expect(htmlToPlainText(html)).toBe('Gemeente Voorbeeldstad & co\n\n\nTel. <14 0xx> link &bogus; 3 < 4');
    expect(htmlLinks(html)).toEqual([{ href: 'https://a.nl/x?q=1&r=2', text: 'link' }]);
  });

  test('unterminated markup does not throw or loop', () => {
    expect(htmlToPlainText('tekst <!-- open')).toBe('tekst');
    expect(htmlToPlainText('<script>alles weg')).toBe('');
    expect(htmlLinks('<a href="https://x.nl/privacy">privacy<script>x</script>')).toEqual([{ href: 'https://x.nl/privacy', text: 'privacy' }]);
    expect(htmlToPlainText('&#xD800; &#99999999; &euml;&Iuml;')).toBe('\uFFFD \uFFFD ëÏ');
  });
});
