import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { htmlToPlainText, sanitisePostHtml } from '../../formats/normalise/html.js';
import type { NormalisedItem } from '../../formats/normalise/item.js';
import { normaliseMastodonStatus, normaliseMastodonStatusEdit } from '../../formats/normalise/mastodon.js';
import { MASTODON_EDIT_FIELDS, MASTODON_STATUS_FIELDS, leafPaths, ruleFor } from '../../formats/normalise/mastodon-fields.js';
import { sharedPath } from '../helpers/shared.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const FIXTURES = sharedPath('fixtures', 'platforms', 'mastodon');
const fixture = (name: string): unknown => {
  // .jsonc files elide fields with `// ...` lines; drop them (and the comma they leave) to parse.
  const text = readFileSync(join(FIXTURES, name), 'utf8')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(text);
};

const schema = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'docs', 'normalised-item.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const expectValid = (item: NormalisedItem) => {
  const ok = validate(item);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
};

/** A status that carries every kind of sub-entity of the fixtures, so the field map is exercised whole. */
function richStatus(): Record<string, unknown> {
  const status = fixture('status.entity-example.json') as Record<string, unknown>;
  return {
    ...status,
    id: '103270115826048976',
    in_reply_to_id: '103270115826048975',
    in_reply_to_account_id: '1',
    edited_at: '2019-12-08T04:00:00.000Z',
    media_attachments: [
      fixture('media-attachment.image.json'),
      fixture('media-attachment.video.json'),
      fixture('media-attachment.gifv.json'),
      fixture('media-attachment.audio.json'),
    ],
    mentions: [{ id: '23634', username: 'noiob', url: 'https://awoo.space/@noiob', acct: 'noiob@awoo.space' }],
    tags: [{ name: 'awoo', url: 'https://mastodon.social/tags/awoo' }],
    emojis: (fixture('account.entity-example.json') as { emojis: unknown[] }).emojis,
    poll: fixture('poll.entity-example.json'),
    card: fixture('preview-card.example-1.json'),
  };
}

const ctx = {
  capturedAt: '2024-05-01T10:00:00.000Z',
  ownAccountId: '1',
  threadRootPlatformId: '103270115826048975',
  rawSha256: 'a'.repeat(64),
  media: { '22345792': { sha256: 'b'.repeat(64), size: 1234, puid: 'fmt/43' } },
};

/** Value at a target path of the item; `[]` maps over arrays, `links[card]` selects the card link. */
function at(item: unknown, target: string): unknown {
  const steps = target.split('.');
  const walk = (v: unknown, i: number): unknown => {
    if (i === steps.length || v === null || v === undefined) return v;
    const step = steps[i]!;
    if (step.endsWith('[]')) return ((v as Record<string, unknown[]>)[step.slice(0, -2)] ?? []).map((x) => walk(x, i + 1));
    const card = /^(\w+)\[card\]$/.exec(step);
    if (card) return walk(((v as Record<string, { source: string }[]>)[card[1]!] ?? []).find((l) => l.source === 'card'), i + 1);
    return walk((v as Record<string, unknown>)[step], i + 1);
  };
  return walk(item, 0);
}

/** Values at a source path of the payload, in the same shape as `at` returns for the target. */
const from = (payload: unknown, path: string): unknown => at(payload, path.replace(/\[\]/g, '[]'));

/** Mapping may turn '' into null (empty spoiler text, empty card title) and round pixel sizes. */
const same = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((x, i) => same(x, b[i]))
    : (a === '' || a === null || a === undefined) && (b === '' || b === null || b === undefined)
      ? true
      : a === b;

describe('Mastodon Status → normalised item', () => {
  it('maps every field of the fixtures or lists it as kept only in the raw payload', () => {
    for (const payload of [richStatus(), fixture('status.entity-example.json'), fixture('statuses.get.200.json')]) {
      const item = normaliseMastodonStatus(payload, ctx);
      for (const path of leafPaths(payload)) {
        const rule = ruleFor(MASTODON_STATUS_FIELDS, path);
        expect(rule, `no rule for ${path}`).toBeDefined();
        if (rule!.target === null) {
          expect(item.raw.keptOnlyInRaw).toContain(path);
        } else if (path === rule!.key) {
          const a = from(payload, path);
          const b = at(item, rule!.target);
          expect(same(a, b), `${path} → ${rule!.target}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(true);
        }
      }
      expectValid(item);
    }
  });

  it('produces the item a person expects for the documented example', () => {
    const item = normaliseMastodonStatus(fixture('status.entity-example.json'), ctx);
    expect(item).toMatchObject({
      platform: 'mastodon',
      kind: 'post',
      uri: 'https://mastodon.social/users/Gargron/statuses/103270115826048975',
      author: { id: '1', handle: 'Gargron', displayName: 'Eugen', thirdParty: false },
      times: { published: '2019-12-08T03:48:33.901Z', edited: null, captured: ctx.capturedAt, foundDeleted: null },
      language: 'en',
      counts: { replies: 5, reposts: 6, likes: 11, quotes: 2 },
      version: { key: '2019-12-08T03:48:33.901Z', source: 'status', isCurrent: true },
    });
    expect(item.text.plain).toBe(
      '"I lost my inheritance with one wrong digit on my sort code"\n\n' +
        'https://www.theguardian.com/money/2019/dec/07/i-lost-my-193000-inheritance-with-one-wrong-digit-on-my-sort-code',
    );
    expect(item.links.map((l) => l.source)).toEqual(['text', 'card']);
    expect(item.raw.keptOnlyInRaw).toEqual(expect.arrayContaining(['favourited', 'account.followers_count', 'quote_approval.current_user']));
  });

  it('marks replies by others as third-party and carries media checksums', () => {
    const payload = { ...richStatus(), account: { ...(richStatus().account as object), id: '999', acct: 'burger@example.org' } };
    const item = normaliseMastodonStatus(payload, ctx);
    expect(item.kind).toBe('reply');
    expect(item.author.thirdParty).toBe(true);
    expect(item.replyTo).toEqual({ platformId: '103270115826048975', uri: null, authorId: '1' });
    expect(item.media[0]).toMatchObject({ platformId: '22345792', sha256: 'b'.repeat(64), size: 1234, width: 640, height: 480 });
    expect(item.media[1]).toMatchObject({ sha256: null, duration: 88.654 });
  });

  it('maps every StatusEdit of a history to its own version', () => {
    const history = fixture('statuses.history.200.jsonc') as unknown[];
    const status = { ...(fixture('status.entity-example.json') as object), edited_at: '2022-09-05T00:03:32.480Z' };
    const items = history.map((e, index) => normaliseMastodonStatusEdit(e, { ...ctx, status, index, count: history.length }));
    expect(items.map((i) => i.version.key)).toEqual((history as { created_at: string }[]).map((e) => e.created_at));
    expect(items.map((i) => i.times.edited === null)).toEqual([true, false, false, false, false]);
    expect(items.at(-1)!.version.isCurrent).toBe(true);
    expect(items[3]!.poll!.options.map((o) => o.title)).toEqual(['cool', 'uncool', 'spiderman']);
    expect(items[0]!.text.plain).toBe('this is a status that will be edited');
    for (const e of history) for (const path of leafPaths(e)) expect(ruleFor(MASTODON_EDIT_FIELDS, path), path).toBeDefined();
    items.forEach(expectValid);
  });

  it('refuses a payload that is not a status, with a clear message', () => {
    expect(() => normaliseMastodonStatus({ id: '1' }, ctx)).toThrow(/Mastodon status cannot be normalised: uri/);
  });
});

describe('Mastodon HTML', () => {
  it('turns paragraphs, line breaks, invisible spans and entities into plain text', () => {
    const html =
      '<p>Hallo &amp; welkom,<br />regel twee &#x1F600; &quot;citaat&quot;</p><p>Zie <a href="https://example.org/a/very/long/path" rel="nofollow noopener" target="_blank">' +
      '<span class="invisible">https://</span><span class="ellipsis">example.org/a/very</span><span class="invisible">/long/path</span></a> ' +
      '<a href="https://social.example/tags/Voorbeeldstad" class="mention hashtag" rel="tag">#<span>Voorbeeldstad</span></a></p>';
    expect(htmlToPlainText(html)).toBe('Hallo & welkom,\nregel twee 😀 "citaat"\n\nZie https://example.org/a/very/long/path #Voorbeeldstad');
  });

  it('sanitises hostile post HTML to the allow-list', () => {
    const dirty =
      '<p onclick="x()">Hoi<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">klik</a>' +
      '<a href=" https://ok.example/x ">ok</a><iframe src="https://evil.example"></iframe><span class="invisible evil" style="x">s</span></p>';
    const clean = sanitisePostHtml(dirty);
    expect(clean).toBe('<p>Hoiklik<a href="https://ok.example/x">ok</a><span class="invisible">s</span></p>');
    expect(clean).not.toMatch(/script|onerror|onclick|javascript:|iframe|style=/i);
  });
});
