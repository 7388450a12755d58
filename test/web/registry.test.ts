import { describe, expect, test } from 'vitest';
import { parseRegistry } from '../../src/registry/load.js';
import { RegistryError, type RegistryProblem } from '../../src/registry/registry-error.js';
import { isUnderDomain, registeredDomain } from '../../src/registry/browser-capture.js';

// The page URLs of browser-capture accounts come from the registry: `urls:` (and `domain:` where
// the platform has no fixed site). Problems are reported at their line like every registry problem.
const FILE = 'config/accounts.yaml';

const BASE = [
  /*  1 */ 'organisation:',
  /*  2 */ '  name: Gemeente Voorbeeldstad',
  /*  3 */ '  id: https://identifier.overheid.nl/tooi/id/gemeente/gm9999',
  /*  4 */ 'accounts:',
  /*  5 */ '  - id: voorbeeldstad-web',
  /*  6 */ '    platform: web',
  /*  7 */ '    handle: voorbeeldstad.nl',
  /*  8 */ '    domain: voorbeeldstad.nl',
  /*  9 */ '    status: active',
  /* 10 */ '    managers: [{ name: Team Online }]',
  /* 11 */ '    selection: { list: Selectielijst 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }',
  /* 12 */ '    urls:',
  /* 13 */ '      - https://www.voorbeeldstad.nl/nieuws/2026/04/werkzaamheden-stationsplein',
  /* 14 */ '      - https://voorbeeldstad.nl/nieuws/2026/04/koningsdag-2026',
  /* 15 */ '  - id: voorbeeldstad-linkedin',
  /* 16 */ '    platform: linkedin',
  /* 17 */ '    handle: gemeente-voorbeeldstad',
  /* 18 */ '    status: active',
  /* 19 */ '    managers: [{ name: Team Online }]',
  /* 20 */ '    selection: { list: Selectielijst 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }',
  /* 21 */ '    urls:',
  /* 22 */ '      - https://www.linkedin.com/posts/gemeente-voorbeeldstad_stationsplein-activity-7191234567890123456-AbCd',
];

const edit = (lines: string[], n: number, text?: string) => {
  const out = [...lines];
  if (text === undefined) out.splice(n - 1, 1);
  else out[n - 1] = text;
  return out;
};

function problems(lines: string[]): [number, string, string][] {
  try {
    parseRegistry(`${lines.join('\n')}\n`, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    return (e as RegistryError).problems.map((p: RegistryProblem) => [p.line, p.path, p.message]);
  }
  throw new Error('expected the registry to be refused');
}

describe('browser-capture accounts in the registry', () => {
  test('load with their URLs; LinkedIn and TikTok have their own domain, a website names its own', () => {
    const registry = parseRegistry(`${BASE.join('\n')}\n`, FILE);
    const [web, li] = registry.accounts as (typeof registry.accounts[number] & { urls?: string[]; domain?: string })[];
    expect(web!.urls).toHaveLength(2);
    expect(registeredDomain(web!)).toBe('voorbeeldstad.nl');
    expect(registeredDomain(li!)).toBe('linkedin.com');
    expect(registeredDomain({ platform: 'tiktok', instance: 'http://127.0.0.1:4000' })).toBe('127.0.0.1:4000');
  });

  test('a URL off the domain is refused at its own line', () => {
    expect(problems(edit(BASE, 14, '      - https://www.voorbeeldstad-nieuws.nl/koningsdag'))).toEqual([
      [14, 'accounts[0].urls[1]', "www.voorbeeldstad-nieuws.nl is not under the account's domain voorbeeldstad.nl; only pages of that domain are captured"],
    ]);
    expect(problems(edit(BASE, 22, '      - https://www.linkedin.com.evil.example/posts/x'))).toEqual([
      [22, 'accounts[1].urls[0]', "www.linkedin.com.evil.example is not under the account's domain linkedin.com; only pages of that domain are captured"],
    ]);
  });

  test('plain http, credentials, fragments and non-URLs are refused with the reason', () => {
    const found = problems([
      ...BASE.slice(0, 12),
      '      - http://www.voorbeeldstad.nl/nieuws',
      '      - https://beheer:geheim@voorbeeldstad.nl/nieuws',
      '      - https://voorbeeldstad.nl/nieuws#reacties',
      '      - nieuws/koningsdag',
      ...BASE.slice(14),
    ]);
    expect(found.map(([line, path]) => [line, path])).toEqual([
      [13, 'accounts[0].urls[0]'],
      [14, 'accounts[0].urls[1]'],
      [15, 'accounts[0].urls[2]'],
      [16, 'accounts[0].urls[3]'],
    ]);
    expect(found.map(([, , m]) => m)).toEqual([
      'http:// is only allowed for a loopback host; use https://www.voorbeeldstad.nl/nieuws',
      'must not contain a user name or password',
      'must not contain a fragment (#...): the page is captured whole',
      'not an absolute URL: "nieuws/koningsdag" (expected e.g. https://www.voorbeeldstad.nl/nieuws/...)',
    ]);
  });

  test('the same page twice names the first line', () => {
    expect(problems(edit(BASE, 14, '      - https://www.voorbeeldstad.nl/nieuws/2026/04/werkzaamheden-stationsplein'))).toEqual([
      [14, 'accounts[0].urls[1]', 'the same page as urls[0]; list each page once (line 13)'],
    ]);
  });

  test('a website needs a domain (or an instance), and every account needs pages', () => {
    expect(problems(edit(BASE, 8))).toEqual([[5, 'accounts[0].domain', 'required for web: the domain whose pages are captured, e.g. voorbeeldstad.nl']]);
    expect(problems(edit(edit(BASE, 22), 21))).toEqual([[15, 'accounts[1].urls', 'list at least one page URL to capture (required for linkedin unless the account is closed)']]);
  });

  test('a domain is a host name, not an address', () => {
    expect(problems(edit(BASE, 8, '    domain: https://voorbeeldstad.nl/'))).toEqual([
      [8, 'accounts[0].domain', 'not a domain name: "https://voorbeeldstad.nl/" (write only the host, e.g. voorbeeldstad.nl, without https:// or a path)'],
    ]);
    expect(problems(edit(BASE, 8, '    domain: nl'))[0]).toEqual([8, 'accounts[0].domain', '"nl" is a top-level domain on its own; name the organisation\'s domain (e.g. voorbeeldstad.nl)']);
    expect(problems(edit(BASE, 8, '    domain: Voorbeeldstad.NL'))[0]![2]).toBe('write the domain as "voorbeeldstad.nl" (lower case; punycode for international names)');
  });

  test('one handle on two domains is two accounts; on one domain it is the same account twice', () => {
    const second = (domain: string) => ['  - id: ander-web', '    platform: web', '    handle: voorbeeldstad.nl', `    domain: ${domain}`, ...BASE.slice(8, 12), `      - https://${domain}/a`];
    expect(() => parseRegistry(`${[...BASE, ...second('voorbeeldstad.org')].join('\n')}\n`, FILE)).not.toThrow();
    expect(problems([...BASE, ...second('voorbeeldstad.nl')]).map(([line, path]) => [line, path])).toEqual([[25, 'accounts[2].handle']]);
  });

  test('urls and domain belong to browser capture only', () => {
    const mastodon = [...BASE.slice(0, 5), '    platform: mastodon', '    handle: voorbeeldstad', '    instance: https://social.overheid.nl', ...BASE.slice(8, 14)];
    expect(problems(mastodon).map(([line, path]) => [line, path])).toEqual([[12, 'accounts[0].urls']]);
  });
});

describe('under the domain', () => {
  test.each([
    ['https://voorbeeldstad.nl/a', 'voorbeeldstad.nl', true],
    ['https://www.voorbeeldstad.nl/a', 'voorbeeldstad.nl', true],
    ['https://evilvoorbeeldstad.nl/a', 'voorbeeldstad.nl', false],
    ['https://voorbeeldstad.nl.evil.example/a', 'voorbeeldstad.nl', false],
    ['https://voorbeeldstad.nl:8443/a', 'voorbeeldstad.nl', false],
    ['http://127.0.0.1:4000/a', '127.0.0.1:4000', true],
    ['http://127.0.0.1:4001/a', '127.0.0.1:4000', false],
  ])('%s under %s: %s', (url, domain, under) => {
    expect(isUnderDomain(new URL(url), domain)).toBe(under);
  });
});
