import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../../crawlers/mastodon/fake/server.js';
import { openWorkspace } from '../../src/workspace.js';
import { makeWorkspaceDirs, FAST_HTTP } from '../helpers/workspace.js';
import { cli as run } from '../helpers/cli.js';

const TOKEN = 'cli-test-token-1a2b3c4d5e6f';
const cli = (args: string[], env: Record<string, string> = {}) => run(args, { env });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

let fake: FakeMastodon;
beforeAll(async () => {
  fake = await startFakeMastodon({ tokens: [TOKEN] });
});
afterAll(async () => fake.close());

describe('the command line', () => {
  it('init makes a workspace whose example registry validates', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cli-init-'));
    const args = ['--config', join(root, 'config'), '--data', join(root, 'data')];
    const init = await cli([...args, 'init']);
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(root, 'config', 'accounts.yaml'))).toBe(true);
    expect(existsSync(join(root, 'config', 'socialarchive.yaml'))).toBe(true);
    const check = await cli([...args, 'accounts', 'check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('nog geen profiel vastgelegd');
    const list = await cli([...args, '--lang', 'en', 'accounts', 'list']);
    expect(list.stdout).toMatch(/voorbeeldstad-mastodon\s+mastodon\s+voorbeeldstad\s+active/);
  });

  const bad: [string, (yaml: string) => string, RegExp][] = [
    ['bad YAML', (y) => y.replace('    status: active\n', '    status: active\n   bad: [unclosed\n'), /accounts\.yaml:\d+/],
    ['unknown platform', (y) => y.replace('platform: mastodon', 'platform: mastodn'), /accounts\.yaml:6: accounts\[0\]\.platform: unknown platform "mastodn"/],
    ['duplicate id', (y) => y + y.slice(y.indexOf('  - id:')).replace(/handle: \w+/, 'handle: other'), /accounts\.yaml:\d+: accounts\[1\]\.id: duplicate id "voorbeeldstad", already used by accounts\[0\]/],
    ['bad date', (y) => y.replace('    status: active\n', '    status: active\n    opened: 2023-02-30\n'), /accounts\.yaml:10: accounts\[0\]\.opened: /],
    ['http to another host', (y) => y.replace(/instance: http:\/\/127\.0\.0\.1:\d+/, 'instance: http://social.overheid.nl'), /accounts\.yaml:8: accounts\[0\]\.instance: /],
    ['bewaartermijn with B', (y) => y.replace('waardering: V, bewaartermijn: P10Y', 'waardering: B, bewaartermijn: P10Y'), /accounts\.yaml:11: accounts\[0\]\.selection\.bewaartermijn: /],
  ];
  for (const [name, breakIt, want] of bad) {
    it(`a registry with ${name} gives one clear message with its line, and nothing is loaded`, async () => {
      const dirs = makeWorkspaceDirs('http://127.0.0.1:1', [{ id: 'voorbeeldstad', handle: 'voorbeeldstad' }]);
      const file = join(dirs.config, 'accounts.yaml');
      writeFileSync(file, breakIt(readFileSync(file, 'utf8')));
      const r = await cli(['--config', dirs.config, '--data', dirs.data, 'accounts', 'list']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(want);
      expect(r.stderr.split('\n').filter((l) => /accounts\.yaml:\d+/.test(l))).toHaveLength(1);
      const ws = await openWorkspace({ configDir: dirs.config, dataDir: dirs.data });
      expect(await ws.store.registryHistory()).toEqual([]);
      await ws.close();
    });
  }

  it('run captures, prints a summary, and keeps the token out of every file it writes', async () => {
    const dirs = makeWorkspaceDirs(fake.url, [
      { id: 'voorbeeldstad', handle: 'voorbeeldstad', tokenEnv: 'CLI_TEST_TOKEN' },
      { id: 'burgemeester', handle: 'burgemeester' },
    ], FAST_HTTP);
    const args = ['--config', dirs.config, '--data', dirs.data];
    const env = { CLI_TEST_TOKEN: TOKEN, SOCIALARCHIVE_LOG_LEVEL: 'debug' };
    const run = await cli([...args, 'run'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/voorbeeldstad\s+voltooid\s+\d+\s+\d+/);
    expect(run.stdout).toMatch(/totaal\s+voltooid/);
    expect(run.stderr).toContain('voorbeeldstad: voltooid');

    const show = await cli([...args, '--lang', 'en', 'accounts', 'show', 'burgemeester']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/archived: \d+ posts, \d+ replies/);
    expect(show.stdout).toContain('✗ links to the privacy statement');
    // The mayor's profile lacks the privacy link: check reports it and says so in its exit code.
    const check = await cli([...args, 'accounts', 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/voorbeeldstad[\s\S]*✓ link naar privacyverklaring/);

    const unknown = await cli([...args, 'run', '--account', 'nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown account id(s): nope');

    const written = filesUnder(dirs.data);
    expect(written.some((f) => f.endsWith('.log'))).toBe(true);
    for (const f of written) expect(readFileSync(f).includes(TOKEN), f).toBe(false);
  });

  it('every command answers --help', async () => {
    for (const c of [[], ['init'], ['accounts'], ['accounts', 'check'], ['run'], ['demo']]) {
      const r = await cli([...c, '--help']);
      expect(r.code, c.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: socialarchive');
    }
  });
});
