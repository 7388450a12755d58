import { expect, test } from 'vitest';
import { diffRegistries, snapshotRegistry } from '../../src/registry/history.js';
import { parseRegistry } from '../../src/registry/load.js';
import type { Registry } from '../../src/domain/types.js';

const BEFORE = `
organisation:
  name: Gemeente Voorbeeldstad
  id: https://identifier.overheid.nl/tooi/id/gemeente/gm9999
accounts:
  - id: voorbeeldstad-mastodon
    platform: mastodon
    handle: voorbeeldstad
    instance: https://social.overheid.nl
    status: active
    opened: 2023-05-01
    managers: [{ name: Team Online, email: online@voorbeeldstad.nl }]
    selection: { list: Selectielijst 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    credentials: env:OLD_TOKEN
  - id: voorbeeldstad-x
    platform: x
    handle: GemVoorbeeldstad
    status: active
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
`;

const parse = (text: string): Registry => parseRegistry(text, 'config/accounts.yaml');

test('the snapshot hash ignores comments, key order, account order and defaults spelled out', () => {
  const reordered = `
# a comment
accounts:
  - handle: GemVoorbeeldstad
    id: voorbeeldstad-x
    platform: x
    status: active
    managers: [{ name: Team Online }]
    selection: { waardering: V, bewaartermijn: P10Y, list: Selectielijst 2020, category: "1.1", label: Communicatie }
    capture: { replies: true }
  - id: voorbeeldstad-mastodon
    platform: mastodon
    handle: voorbeeldstad
    instance: https://social.overheid.nl
    status: active
    opened: 2023-05-01
    closed: null
    managers: [{ name: Team Online, email: online@voorbeeldstad.nl }]
    selection: { list: Selectielijst 2020, category: "1.1", label: Communicatie, waardering: V, bewaartermijn: P10Y }
    credentials: env:OLD_TOKEN
organisation:
  id: https://identifier.overheid.nl/tooi/id/gemeente/gm9999
  name: Gemeente Voorbeeldstad
`;
  const a = snapshotRegistry(parse(BEFORE));
  expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(snapshotRegistry(parse(reordered))).toEqual(a);
  expect(snapshotRegistry(parse(BEFORE.replace('handle: voorbeeldstad\n', 'handle: voorbeeldstad2\n'))).sha256).not.toBe(a.sha256);
  expect(JSON.parse(a.canonical).accounts.map((x: { id: string }) => x.id)).toEqual(['voorbeeldstad-mastodon', 'voorbeeldstad-x']);
});

test('the diff names every change with old → new', () => {
  const after = BEFORE
    .replace('name: Gemeente Voorbeeldstad', 'name: Gemeente Voorbeeldstad-Noord')
    .replace('credentials: env:OLD_TOKEN', 'credentials: env:NEW_TOKEN')
    .replace(/  - id: voorbeeldstad-x\n    platform: x\n    handle: GemVoorbeeldstad\n    status: active/, '  - id: voorbeeldstad-x\n    platform: x\n    handle: GemVoorbeeldstad\n    status: closed\n    closed: 2024-01-31')
    .replace('[{ name: Team Online }]', '[{ name: Team Online }, { name: J. de Vries, email: j.devries@voorbeeldstad.nl }]')
    .concat(`  - id: voorbeeldstad-bluesky
    platform: bluesky
    handle: voorbeeldstad.bsky.social
    status: dormant
    managers: [{ name: Team Online }]
    selection: { list: Selectielijst 2020, category: "1.1", label: Communicatie, waardering: B }
`);
  const changes = diffRegistries(parse(BEFORE), parse(after)).map((c) => c.text);
  expect(changes).toEqual([
    'organisation name: Gemeente Voorbeeldstad → Gemeente Voorbeeldstad-Noord',
    'account voorbeeldstad-mastodon: credentials: env:OLD_TOKEN → env:NEW_TOKEN',
    'account voorbeeldstad-x: status: active → closed',
    'account voorbeeldstad-x: closed: (none) → 2024-01-31',
    'account voorbeeldstad-x: managers: Team Online → Team Online; J. de Vries <j.devries@voorbeeldstad.nl>',
    'account voorbeeldstad-bluesky added (bluesky voorbeeldstad.bsky.social, dormant)',
  ]);
  const removed = diffRegistries(parse(after), parse(BEFORE)).filter((c) => c.kind === 'account-removed');
  expect(removed.map((c) => c.text)).toEqual(['account voorbeeldstad-bluesky removed (was bluesky voorbeeldstad.bsky.social, dormant)']);
  expect(diffRegistries(parse(BEFORE), parse(BEFORE))).toEqual([]);
});

test('the diff never prints a credentials value that is not a reference', () => {
  const before = parse(BEFORE);
  const tampered: Registry = structuredClone(before);
  tampered.accounts[0]!.credentials = 'glpat-literal-secret-123';
  const text = diffRegistries(before, tampered).map((c) => c.text).join('\n');
  expect(text).toMatch(/credentials: env:OLD_TOKEN → \(a value that is not an env: reference, not shown\)/);
  expect(JSON.stringify(diffRegistries(before, tampered))).not.toContain('literal-secret');
});
