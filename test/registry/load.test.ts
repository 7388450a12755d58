import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isUserError } from '../../src/domain/errors.js';
import { loadRegistry, loadRegistryWithSource, MAX_REGISTRY_BYTES, parseRegistry } from '../../src/registry/load.js';
import { RegistryError, type RegistryProblem } from '../../src/registry/registry-error.js';

const FILE = 'config/accounts.yaml';

// A valid registry; tests change one line (numbered as in the file) and assert where the problem is reported.
const BASE = [
  /*  1 */ 'organisation:',
  /*  2 */ '  name: Gemeente Voorbeeldstad',
  /*  3 */ '  id: https://identifier.overheid.nl/tooi/id/gemeente/gm9999',
  /*  4 */ 'accounts:',
  /*  5 */ '  - id: voorbeeldstad-mastodon',
  /*  6 */ '    platform: mastodon',
  /*  7 */ '    handle: voorbeeldstad',
  /*  8 */ '    instance: https://social.overheid.nl',
  /*  9 */ '    status: active',
  /* 10 */ '    opened: 2023-05-01',
  /* 11 */ '    managers:',
  /* 12 */ '      - { name: Team Online, email: online@voorbeeldstad.nl }',
  /* 13 */ '    selection:',
  /* 14 */ '      list: Selectielijst gemeenten en intergemeentelijke organen 2020',
  /* 15 */ '      category: "1.1"',
  /* 16 */ '      label: Communicatie',
  /* 17 */ '      waardering: V',
  /* 18 */ '      bewaartermijn: P10Y',
  /* 19 */ '    schedule: "0 3 * * *"',
  /* 20 */ '    credentials: env:VOORBEELDSTAD_MASTODON_TOKEN',
];

/** A second account, starting at line 21 when appended to BASE. */
const SECOND = [
  /* 21 */ '  - id: voorbeeldstad-bluesky',
  /* 22 */ '    platform: bluesky',
  /* 23 */ '    handle: voorbeeldstad.bsky.social',
  /* 24 */ '    status: dormant',
  /* 25 */ '    managers: [{ name: Team Online }]',
  /* 26 */ '    selection: { list: Selectielijst 2020, category: "1.1", label: Communicatie, waardering: B }',
];

/** BASE with line `n` (1-based) replaced by `text` (or removed when text is undefined). */
function edit(lines: string[], n: number, text?: string): string[] {
  const out = [...lines];
  if (text === undefined) out.splice(n - 1, 1);
  else out[n - 1] = text;
  return out;
}

const yaml = (lines: string[]) => `${lines.join('\n')}\n`;

function problemsOf(lines: string[]): RegistryProblem[] {
  try {
    parseRegistry(yaml(lines), FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    return (e as RegistryError).problems;
  }
  throw new Error('expected the registry to be refused');
}

/** The single problem of a registry, as `[line, path]` plus its message. */
function onlyProblem(lines: string[]): { at: [number, string]; message: string } {
  const problems = problemsOf(lines);
  expect(problems.map((p) => p.message)).toHaveLength(1);
  const [p] = problems;
  return { at: [p!.line, p!.path], message: p!.message };
}

describe('valid registry', () => {
  test('loads with defaults filled in', () => {
    const registry = parseRegistry(yaml([...BASE, ...SECOND]), FILE);
    expect(registry.organisation.id).toBe('https://identifier.overheid.nl/tooi/id/gemeente/gm9999');
    expect(registry.accounts.map((a) => a.id)).toEqual(['voorbeeldstad-mastodon', 'voorbeeldstad-bluesky']);
    expect(registry.accounts[0]!.capture).toEqual({ replies: true, media: true, render: true });
    expect(registry.accounts[0]!.selection.bewaartermijn).toBe('P10Y');
    expect(registry.accounts[1]!.instance).toBeUndefined();
  });

  test.each(['http://127.0.0.1:8080', 'http://localhost:3000', 'http://[::1]:9000'])('http:// to loopback %s is allowed', (url) => {
    const registry = parseRegistry(yaml(edit(BASE, 8, `    instance: ${url}`)), FILE);
    expect(registry.accounts[0]!.instance).toBe(url);
  });
});

describe('YAML syntax errors carry their line', () => {
  test('tab used for indentation', () => {
    const { at, message } = onlyProblem(edit(BASE, 12, '\t- { name: Team Online }'));
    expect(at).toEqual([12, '']);
    expect(message).toBe('tabs are not allowed for indentation in YAML; use spaces');
  });

  test('bad indentation', () => {
    const { at, message } = onlyProblem(edit(BASE, 9, '   status: active'));
    expect(at[0]).toBe(9);
    expect(message).toMatch(/^YAML syntax error: /);
  });

  test('duplicate key: the second occurrence is named, and the rest is still checked', () => {
    const problems = problemsOf(edit(edit(BASE, 10, '    handle: voorbeeldstad2'), 17, '      waardering: B'));
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [10, '', 'the field "handle" appears twice in the same entry'],
      [18, 'accounts[0].selection.bewaartermijn', expect.stringMatching(/^not allowed with waardering B/)],
    ]);
  });

  test('unquoted cron starting with * names the line and the fix', () => {
    const { at, message } = onlyProblem(edit(BASE, 19, '    schedule: */15 * * * *'));
    expect(at[0]).toBe(19);
    expect(message).toMatch(/in quotes/);
  });
});

describe('schema errors name file, line, field and problem', () => {
  test('unknown platform, in the exact format of the specification', () => {
    try {
      parseRegistry(yaml(edit(BASE, 6, '    platform: mastodn')), FILE);
      expect.unreachable();
    } catch (e) {
      const err = e as RegistryError;
      expect(isUserError(err)).toBe(true);
      expect(err.code).toBe('registry.invalid');
      expect(err.message).toBe('config/accounts.yaml: the account registry has 1 problem; nothing was loaded');
      expect(err.details).toEqual([
        'config/accounts.yaml:6: accounts[0].platform: unknown platform "mastodn" (expected one of: mastodon, bluesky, x, facebook, instagram, youtube, linkedin, tiktok, web)',
      ]);
      expect(err.problems[0]).toEqual({ file: FILE, line: 6, column: 5, path: 'accounts[0].platform', message: expect.any(String) });
    }
  });

  test('duplicate id: the second is reported and the first one named', () => {
    const lines = [...BASE, ...edit(SECOND, 1, '  - id: voorbeeldstad-mastodon')];
    const { at, message } = onlyProblem(lines);
    expect(at).toEqual([21, 'accounts[1].id']);
    expect(message).toBe('duplicate id "voorbeeldstad-mastodon", already used by accounts[0] (line 5)');
  });

  test('the same platform account registered twice under two ids', () => {
    const lines = [...BASE, ...SECOND, ...edit(edit(SECOND, 1, '  - id: bluesky-again'), 3, '    handle: VoorbeeldStad.bsky.social')];
    const { at, message } = onlyProblem(lines);
    expect(at).toEqual([29, 'accounts[2].handle']);
    expect(message).toMatch(/same account as accounts\[1\].*\(line 23\)$/);
  });

  test('a date that does not exist', () => {
    const { at, message } = onlyProblem(edit(BASE, 10, '    opened: 2023-02-30'));
    expect(at).toEqual([10, 'accounts[0].opened']);
    expect(message).toBe('not a real calendar date: "2023-02-30" (expected YYYY-MM-DD, e.g. 2023-05-01)');
  });

  test('http:// to a host that is not loopback', () => {
    const { at, message } = onlyProblem(edit(BASE, 8, '    instance: http://social.overheid.nl'));
    expect(at).toEqual([8, 'accounts[0].instance']);
    expect(message).toMatch(/only allowed for a loopback host.*not social\.overheid\.nl; use https:\/\//);
  });

  test('mastodon needs an instance, bluesky does not', () => {
    const { at, message } = onlyProblem([...edit(BASE, 8), ...SECOND]);
    expect(at).toEqual([5, 'accounts[0].instance']);
    expect(message).toMatch(/^required for mastodon/);
  });

  test('bewaartermijn with waardering B', () => {
    const { at, message } = onlyProblem(edit(BASE, 17, '      waardering: B'));
    expect(at).toEqual([18, 'accounts[0].selection.bewaartermijn']);
    expect(message).toBe('not allowed with waardering B: a B record is kept permanently');
  });

  test('waardering V without bewaartermijn points at the selection', () => {
    const { at, message } = onlyProblem(edit(BASE, 18));
    expect(at).toEqual([13, 'accounts[0].selection.bewaartermijn']);
    expect(message).toMatch(/^required when waardering is V/);
  });

  test('bewaartermijn that is not an ISO 8601 duration', () => {
    const { at, message } = onlyProblem(edit(BASE, 18, '      bewaartermijn: 10 jaar'));
    expect(at).toEqual([18, 'accounts[0].selection.bewaartermijn']);
    expect(message).toMatch(/not an ISO 8601 duration: "10 jaar"/);
  });

  test('unknown key (a typo) is an error with a suggestion', () => {
    const { at, message } = onlyProblem(edit(BASE, 19, '    schedul: "0 3 * * *"'));
    expect(at).toEqual([19, 'accounts[0].schedul']);
    expect(message).toBe('unknown field "schedul" (did you mean "schedule"?)');
  });

  test('missing required field is reported at its entry', () => {
    const { at, message } = onlyProblem(edit(BASE, 7));
    expect(at).toEqual([5, 'accounts[0].handle']);
    expect(message).toBe('required field is missing');
  });

  test('an unquoted number where text is expected says to quote it', () => {
    const { at, message } = onlyProblem(edit(BASE, 15, '      category: 1.10'));
    expect(at).toEqual([15, 'accounts[0].selection.category']);
    expect(message).toMatch(/put it in quotes/);
  });

  test('a literal secret in credentials is refused without repeating it', () => {
    const secret = 'Zx9-very-secret-token-4711';
    try {
      parseRegistry(yaml(edit(BASE, 20, `    credentials: ${secret}`)), FILE);
      expect.unreachable();
    } catch (e) {
      const err = e as RegistryError;
      expect(err.problems.map((p) => [p.line, p.path])).toEqual([[20, 'accounts[0].credentials']]);
      expect(err.problems[0]!.message).toMatch(/env:NAME/);
      const everything = JSON.stringify({ message: err.message, details: err.details, problems: err.problems, stack: err.stack });
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain('4711');
    }
  });

  test('closed before opened', () => {
    const lines = [...edit(BASE, 9, '    status: closed'), '    closed: 2022-12-31'];
    const { at, message } = onlyProblem(lines);
    expect(at).toEqual([21, 'accounts[0].closed']);
    expect(message).toBe('2022-12-31 is before the opening date 2023-05-01');
  });

  test('status closed without a closing date', () => {
    const { at, message } = onlyProblem(edit(BASE, 9, '    status: closed'));
    expect(at).toEqual([5, 'accounts[0].closed']);
    expect(message).toMatch(/^required when status is closed/);
  });

  test('invalid schedule, e-mail and organisation id', () => {
    const lines = edit(edit(edit(BASE, 19, '    schedule: "61 3 * * *"'), 12, '      - { name: Team Online, email: online-at-voorbeeldstad }'), 3, '  id: gm9999');
    expect(problemsOf(lines).map((p) => [p.line, p.path])).toEqual([
      [3, 'organisation.id'],
      [12, 'accounts[0].managers[0].email'],
      [19, 'accounts[0].schedule'],
    ]);
  });

  test('several errors at once are all reported, in file order', () => {
    let lines = edit(BASE, 6, '    platform: mastodn');
    lines = edit(lines, 10, '    opened: 2023-13-01');
    lines = edit(lines, 17, '      waardering: B');
    lines = [...lines, ...edit(SECOND, 1, '  - id: voorbeeldstad-mastodon'), '    capture: { replies: yes }'];
    const problems = problemsOf(lines);
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [6, 'accounts[0].platform'],
      [10, 'accounts[0].opened'],
      [18, 'accounts[0].selection.bewaartermijn'],
      [21, 'accounts[1].id'],
      [27, 'accounts[1].capture.replies'],
    ]);
    expect(problems[4]!.message).toBe('expected true or false, got "yes"');
  });

  test('an empty file', () => {
    const { at, message } = onlyProblem([]);
    expect(at).toEqual([1, '']);
    expect(message).toMatch(/the file is empty/);
  });
});

describe('bounded input', () => {
  test('a file over the size limit is refused before parsing', () => {
    const big = `${yaml(BASE)}#${'x'.repeat(MAX_REGISTRY_BYTES)}\n`;
    const { at, message } = onlyProblem([big]);
    expect(at).toEqual([1, '']);
    expect(message).toMatch(/at most 5\.0 MB/);
  });

  test('an alias bomb is refused with the line of the first alias', () => {
    const bomb = [
      ...BASE,
      'x-bomb:',
      '  a: &a [x, x, x, x, x, x, x, x, x, x]',
      '  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      '  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      '  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ];
    const { at, message } = onlyProblem(bomb);
    expect(at[0]).toBe(23);
    expect(message).toMatch(/aliases cannot be expanded/);
  });
});

describe('loadRegistry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socialarchive-registry-'));

  test('reads and validates a file', async () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, yaml(BASE));
    expect((await loadRegistry(file)).accounts).toHaveLength(1);
    expect((await loadRegistryWithSource(file)).source).toBe(yaml(BASE));
  });

  test('a missing file is a clear user error', async () => {
    await expect(loadRegistry(join(dir, 'nope.yaml'))).rejects.toMatchObject({ code: 'registry.not-found' });
  });

  test('a file that is not UTF-8 names the line', async () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from(yaml(edit(BASE, 2, '  name: Gemeente Officiële')), 'latin1'));
    await expect(loadRegistry(file)).rejects.toMatchObject({ problems: [{ line: 2, message: expect.stringMatching(/UTF-8/) }] });
  });
});
