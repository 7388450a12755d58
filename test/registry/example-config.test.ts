import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { loadRegistry, parseRegistry } from '../../src/registry/load.js';
import { RegistryError } from '../../src/registry/registry-error.js';

const EXAMPLE = 'config/accounts.yaml';

test('the example registry loads and holds the accounts it documents', async () => {
  const registry = await loadRegistry(EXAMPLE);
  expect(registry.organisation).toEqual({
    name: 'Gemeente Voorbeeldstad',
    id: 'https://identifier.overheid.nl/tooi/id/gemeente/gm9999',
  });
  const byId = new Map(registry.accounts.map((a) => [a.id, a]));
  expect(byId.get('voorbeeldstad-mastodon')).toMatchObject({
    platform: 'mastodon',
    instance: 'https://social.overheid.nl',
    status: 'active',
    credentials: 'env:VOORBEELDSTAD_MASTODON_TOKEN',
    selection: { waardering: 'V', bewaartermijn: 'P10Y', category: '1.1' },
  });
  expect(byId.get('burgemeester-mastodon')).toMatchObject({ status: 'active', selection: { waardering: 'B' } });
  expect(byId.get('burgemeester-mastodon')!.selection.bewaartermijn).toBeUndefined();
  expect(byId.get('voorbeeldstad-bluesky')).toMatchObject({ platform: 'bluesky', status: 'dormant', capture: { render: false, replies: true } });
  expect(byId.get('voorbeeldstad-x')).toMatchObject({ platform: 'x', status: 'closed', closed: '2024-01-31' });
});

test('a typo in the example is caught on the line where it was made', () => {
  const lines = readFileSync(EXAMPLE, 'utf8').split('\n');
  const n = lines.findIndex((l) => l.includes('waardering: B'));
  lines[n] = lines[n]!.replace('waardering: B', 'waardering: b');
  try {
    parseRegistry(lines.join('\n'), EXAMPLE);
    expect.unreachable();
  } catch (e) {
    expect((e as RegistryError).problems.map((p) => [p.line, p.path])).toEqual([[n + 1, 'accounts[1].selection.waardering']]);
  }
});
