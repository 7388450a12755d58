// The people and bodies of the demo: the municipality, its mayor, the safety region, and citizens
// on this server and on other instances. Profiles follow the national profile template; the
// mayor's lacks the privacy-statement link, so the profile check has something to find.
import type { AccountSpec, DatasetBuilder } from './builder.js';
import { BASE, escapeHtml, linkHtml, mentionHtml } from './html.js';
import type { FakeAccount } from './store.js';

const ME = 'nofollow noopener me';

const MUNICIPALITY: AccountSpec = {
  username: 'voorbeeldstad',
  displayName: 'Gemeente Voorbeeldstad',
  createdOn: '2023-05-01',
  note:
    '<p>Dit is het officiële account van de gemeente Voorbeeldstad. Hier vindt u nieuws over werkzaamheden, ' +
    'evenementen en dienstverlening in onze gemeente. We lezen mee op werkdagen van 9.00 tot 17.00 uur.</p>' +
    '<p>Wij reageren hier niet op formele verzoeken, bezwaren of klachten; gebruik daarvoor ' +
    `${linkHtml('https://www.voorbeeldstad.nl/contact')} of bel 14 0555.</p>` +
    `<p>Hoe wij met uw gegevens omgaan: ${linkHtml('https://www.voorbeeldstad.nl/privacy')}</p>`,
  fields: [
    { name: 'Website', value: linkHtml('https://www.voorbeeldstad.nl', ME), verifiedAt: '2023-05-02T09:14:31.205+00:00' },
    { name: 'Privacyverklaring', value: linkHtml('https://www.voorbeeldstad.nl/privacy'), verifiedAt: null },
    { name: 'Contact', value: `14 0555 of ${linkHtml('https://www.voorbeeldstad.nl/contact')}`, verifiedAt: null },
    { name: 'Reactietijd', value: 'Werkdagen 9.00-17.00 uur', verifiedAt: null },
  ],
  avatar: { format: 'png' },
  header: { format: 'jpeg' },
  followers: 4821,
  following: 112,
};

const MAYOR: AccountSpec = {
  username: 'burgemeester',
  displayName: 'Burgemeester Voorbeeldstad',
  createdOn: '2023-06-12',
  note:
    '<p>Officiële account van Anne van Dijk, burgemeester van Voorbeeldstad. Over werkbezoeken, ' +
    'ontmoetingen en wat mij opvalt in onze gemeente.</p>' +
    '<p>Dit account is niet bedoeld voor formele verzoeken, bezwaren of klachten; neem daarvoor contact op ' +
    'met de gemeente via 14 0555.</p>',
  fields: [
    { name: 'Website', value: linkHtml('https://www.voorbeeldstad.nl/burgemeester', ME), verifiedAt: '2023-06-13T11:02:10.877+00:00' },
    { name: 'Gemeente', value: mentionHtml(`${BASE}/@voorbeeldstad`, 'voorbeeldstad'), verifiedAt: null },
  ],
  avatar: { format: 'png' },
  header: { format: 'jpeg' },
  followers: 2210,
  following: 87,
};

const SAFETY_REGION: AccountSpec = {
  username: 'veiligheidsregio',
  displayName: 'Veiligheidsregio Voorbeeldland',
  createdOn: '2023-09-04',
  note: `<p>Officieel account van de Veiligheidsregio Voorbeeldland. Bij spoed altijd 112. ${escapeHtml('Geen spoed? 0900-8844.')}</p>`,
  fields: [{ name: 'Website', value: linkHtml('https://www.vrvoorbeeldland.nl', ME), verifiedAt: null }],
  avatar: { format: 'png' },
  followers: 6400,
  following: 40,
};

type CitizenSpec = [username: string, domain: string | null, displayName: string, createdOn: string, avatar?: boolean];

const CITIZENS: CitizenSpec[] = [
  ['pietjansen', null, 'Piet Jansen', '2024-01-15'],
  ['mariadevries', null, 'Maria de Vries', '2024-03-02'],
  ['oudebuurt', null, 'Ria | Oude Buurt', '2023-11-20'],
  ['fietsfan', null, 'Fietsfan Voorbeeldstad 🚲', '2024-06-30'],
  ['jan', 'mastodon.social', 'Jan de Boer', '2018-04-11', true],
  ['anouk', 'mastodon.nl', 'Anouk Visser', '2022-11-05'],
  ['ruud', 'toot.community', 'Ruud', '2022-11-19'],
  ['sanne', 'mstdn.social', 'Sanne 🌻', '2023-01-08'],
  ['kees', 'mastodon.online', 'Kees van der Linden', '2022-12-01'],
  ['fatima', 'mastodon.nl', 'Fatima El Amrani', '2023-02-14'],
  ['henk', 'fosstodon.org', 'Henk Vermeulen', '2021-07-23'],
  ['lisa', 'todon.nl', 'Lisa', '2022-11-10'],
  ['mo', 'mastodon.social', 'Mo Haddou', '2023-04-03', true],
  ['els', 'mastodon.nl', 'Els', '2022-11-28'],
  ['thijs', 'social.tchncs.de', 'Thijs Brouwer', '2020-03-17'],
];

export interface DemoAccounts {
  municipality: FakeAccount;
  mayor: FakeAccount;
  safetyRegion: FakeAccount;
  /** A citizen by username (throws for a name the demo does not have). */
  citizen(username: string): FakeAccount;
}

export function addDemoAccounts(b: DatasetBuilder): DemoAccounts {
  const municipality = b.account(MUNICIPALITY);
  const mayor = b.account(MAYOR);
  const safetyRegion = b.account(SAFETY_REGION);
  const citizens = new Map<string, FakeAccount>();
  for (const [username, domain, displayName, createdOn, avatar] of CITIZENS) {
    const a = b.account({
      username,
      domain,
      displayName,
      createdOn,
      note: '<p></p>',
      avatar: avatar ? { format: 'png' } : null,
      followers: 40 + (username.length * 37) % 300,
      following: 60 + (username.length * 53) % 400,
      remoteStatusesCount: domain === null ? 0 : 150 + (username.length * 211) % 3000,
    });
    citizens.set(username, a);
  }
  const citizen = (username: string): FakeAccount => {
    const a = citizens.get(username);
    if (!a) throw new Error(`demo has no citizen ${username}`);
    return a;
  };
  return { municipality, mayor, safetyRegion, citizen };
}
