// The demo story on Bluesky: Gemeente Voorbeeldstad (`voorbeeldstad.nl`, a domain handle) from
// February to May 2026, with citizens' replies (some carrying personal data), photos, a link card,
// a quote, a repost, a deep argument that the thread depth cuts, the municipality answering in
// someone else's conversation, and a "next day" with new posts, replies, an overwrite and deletions.
import { BlueskyBuilder, type ImageOpts, type PostSpec } from './builder.js';
import type { Segment } from './richtext.js';
import type { BlueskyDataset, FakeActor, FakePost } from './store.js';

export const BLUESKY_DEMO_NOW = '2026-06-01T06:00:00.000Z';
export const DEMO_HANDLE = 'voorbeeldstad.nl';
const DAY_MS = 86_400_000;

export interface BlueskyDemoOptions {
  /** Move the whole story so that this is "today". */
  now?: string | Date;
}

const roadworksPhoto: ImageOpts = {
  format: 'jpeg',
  alt: 'Wegafzetting met hekken en een graafmachine op de Stationsweg',
  exif: { make: 'samsung', model: 'SM-A546B', dateTime: '2026:02:02 08:12:40', gps: { lat: 52.09071, lon: 5.12142 } },
};

export function blueskyDemoDataset(opts: BlueskyDemoOptions = {}): BlueskyDataset {
  const now = opts.now === undefined ? Date.parse(BLUESKY_DEMO_NOW) : new Date(opts.now).getTime();
  if (Number.isNaN(now)) throw new Error(`blueskyDemoDataset: invalid "now" ${String(opts.now)}`);
  const shift = now - Date.parse(BLUESKY_DEMO_NOW);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const b = new BlueskyBuilder('bluesky-demo', { now: iso(now), nextDayNow: iso(now + DAY_MS) });
  const at = (when: string) => iso(Date.parse(`${when.replace(' ', 'T')}:00.000Z`) + shift);
  const after = (p: FakePost, minutes: number) => iso(Date.parse(p.createdAt) + minutes * 60_000 + ((minutes * 7919) % 50_000) + 3_000);

  const V = b.actor({
    handle: DEMO_HANDLE,
    displayName: 'Gemeente Voorbeeldstad',
    createdOn: '2024-11-12',
    description:
      'Officieel account van de gemeente Voorbeeldstad. Geen formele verzoeken, bezwaren of klachten via dit account: ' +
      'gebruik voorbeeldstad.nl/contact of bel 14 0555. Privacyverklaring: voorbeeldstad.nl/privacy',
    avatar: 'png',
    banner: 'jpeg',
    followers: 3120,
  });
  const region = b.actor({ handle: 'vrvoorbeeldland.bsky.social', displayName: 'Veiligheidsregio Voorbeeldland', createdOn: '2024-11-20', avatar: 'png' });
  const citizen = (handle: string, name: string) => b.actor({ handle: `${handle}.bsky.social`, displayName: name, createdOn: '2024-12-01', avatar: handle.length % 2 ? 'jpeg' : null });
  const piet = citizen('pietjansen', 'Piet Jansen');
  const jan = citizen('jan-de-vries', 'Jan');
  const fiets = citizen('fietsfan', 'Fietsfan 🚲');
  const sanne = citizen('sanne', 'Sanne');
  const thijs = citizen('thijs', 'Thijs');
  const marieke = citizen('marieke-b', 'Marieke Bakker');
  const ruud = citizen('ruud', 'Ruud');
  const ilse = citizen('ilse', 'Ilse');
  const noor = citizen('noor', 'Noor');

  type Extra = Omit<PostSpec, 'key' | 'by' | 'at' | 'text' | 'replyTo'>;
  const post = (key: string, by: FakeActor, when: string, text: Segment[], extra: Extra = {}) => b.post({ key, by, at: at(when), text, ...extra });
  const reply = (key: string, parent: FakePost, by: FakeActor, minutes: number, text: Segment[], extra: Extra = {}) =>
    b.post({ key, by, replyTo: parent, at: after(parent, minutes), text, ...extra });

  // ---- February ----
  const v1 = post(
    'v1-stationsweg',
    V,
    '2026-02-02 08:30',
    [
      'Vanaf maandag 9 februari vernieuwen we de riolering onder de Stationsweg. De weg is tot en met 27 maart afgesloten tussen de Julianastraat en de Parallelweg.\n\nMeer informatie: ',
      { link: 'https://www.voorbeeldstad.nl/werkzaamheden/stationsweg-riolering' },
      ' ',
      { tag: 'wegwerkzaamheden' },
    ],
    { images: [roadworksPhoto] },
  );
  const v1piet = reply(
    'v1/piet',
    v1,
    piet,
    95,
    ['Goedemorgen, bij ons voor de deur (Lindelaan 14, 1234 AB Voorbeeldstad) staan de hekken al sinds vrijdag op de stoep. Mijn vrouw kan met de rollator niet meer langs. Kunt u mij bellen op 06-12345678?\n\nMet vriendelijke groet,\nPiet Jansen'],
    { pii: ['postal_address', 'postcode', 'phone', 'person_name'] },
  );
  reply('v1/piet/answer', v1piet, V, 48, [
    'Dank voor uw melding, meneer Jansen. We hebben de aannemer gevraagd de hekken vandaag te verplaatsen. Uw melding staat geregistreerd onder nummer 2026-004512.',
  ], { pii: ['person_name'] });
  const v1jan = reply('v1/jan', v1, jan, 180, ["Wordt de Stationsweg ook 's avonds afgesloten? Ik werk in ploegendienst."]);
  reply('v1/jan/answer', v1jan, V, 65, ["De weg is dicht van 7.00 tot 19.00 uur; 's avonds kunt u via de Parallelweg rijden."]);
  reply('v1/fiets', v1, fiets, 260, ['Ook het fietspad ernaast ligt vol gaten, zie foto. Graag meenemen!'], {
    images: [{ format: 'jpeg', alt: 'Gat in het fietspad', exif: { make: 'Fairphone', model: 'FP5', dateTime: '2026:02:02 12:41:03', gps: { lat: 52.09112, lon: 5.12398 } } }],
  });

  const v2 = post('v2-winterdienst', V, '2026-02-04 17:00', [
    '❄️ Vannacht kan het glad worden. Vanaf 22.00 uur rijden onze strooiwagens over de hoofdwegen en busroutes. Wees voorzichtig! ',
    { tag: 'winterdienst' },
  ]);
  const v2q = reply('v2/fiets', v2, fiets, 30, ['Worden de fietspaden ook gestrooid? 🚲❄️']);
  reply('v2/answer', v2q, V, 20, ['Ja, de hoofdfietsroutes worden als eerste gestrooid, daarna de rest.']);

  const v3 = post('v3-carnaval', V, '2026-02-09 10:00', [
    '🎉 Zondag 15 februari trekt de carnavalsoptocht door de binnenstad. Tussen 12.00 en 18.00 uur zijn de Markt en de Kerkstraat afgesloten. Alaaf! ',
    { tag: 'carnaval' },
  ]);
  const v3sanne = reply('v3/sanne', v3, sanne, 14, ['Alaaf! 🎉🥳']);
  const v3q = reply('v3/thijs', v3, thijs, 75, ['Welke straten zijn er precies dicht?']);
  reply('v3/answer', v3q, V, 40, ['Een overzicht van de afsluitingen staat op ', { link: 'https://www.voorbeeldstad.nl/carnaval' }]);

  // The storm: the safety region warns, the municipality reposts and posts its own advice; two
  // citizens argue 25 replies deep, deeper than one thread request shows.
  const storm = post('r1-storm', region, '2026-02-14 07:10', [
    'Code oranje: zware windstoten tot 110 km/u vanmiddag. Blijf binnen en zet losse spullen vast. ',
    { tag: 'storm' },
  ], { likes: 140 });
  b.repost('v-repost-storm', V, at('2026-02-14 07:25'), storm);
  const v4 = post('v4-storm', V, '2026-02-14 07:40', [
    'Door de storm zijn de parken en de begraafplaatsen vandaag gesloten. Meld omgevallen bomen via ',
    { link: 'https://www.voorbeeldstad.nl/melding-openbare-ruimte' },
    ' of bel 14 0555. Advies van ',
    { mention: region },
    ' 👇',
  ], { quote: storm });
  let chain = reply('v4/ruud', v4, ruud, 20, ['Waarom zijn de parken dicht? Een beetje wind, meer is het niet.']);
  for (let i = 1; i <= 24; i++) {
    const by = i % 2 ? ilse : ruud;
    chain = reply(`v4/argue/${i}`, chain, by, 3, [i % 2 ? `Omdat takken naar beneden komen, Ruud. Lees het advies (${i}).` : `Overdreven, vroeger deden we daar niet zo moeilijk over (${i}).`]);
  }
  const v4noor = reply('v4/noor', v4, noor, 55, ['Bij ons in de straat (Beukenlaan) ligt een boom over de weg. Mijn buurman mevrouw de Wit is 89 en kan er niet langs.'], { pii: ['person_name'] });
  reply('v4/noor/answer', v4noor, V, 12, ['Dank u, we sturen direct een ploeg naar de Beukenlaan.']);
  const v4leaf = reply('v4/thijs', v4, thijs, 90, ['Stroom is hier ook uitgevallen 😬']);

  // ---- March ----
  const v5 = post('v5-terrassen', V, '2026-03-02 09:00', [
    'Inspraakavond over het coördinatieplan café-terrassen op donderdag 12 maart, 19.30 uur in het gemeentehuis. Geïnteresseerd? Meld u aan via ',
    { link: 'https://www.voorbeeldstad.nl/inspraak/terrassen-2026' },
  ], { external: { uri: 'https://www.voorbeeldstad.nl/inspraak/terrassen-2026', title: 'Inspraakavond terrassen 2026', description: 'Praat mee over de nieuwe regels voor terrassen in de binnenstad.' } });
  reply('v5/jan', v5, jan, 33, ['Komt er ook een verslag voor wie niet kan?']);

  post('v6-verkiezingen', V, '2026-03-16 08:00', [
    'Woensdag 18 maart zijn de gemeenteraadsverkiezingen. Stembureaus zijn open van 7.30 tot 21.00 uur. Neem uw stempas en een geldig identiteitsbewijs mee! 🗳️ ',
    { tag: 'gr2026' },
  ]);

  const v7 = post('v7-afval', V, '2026-03-20 10:00', [
    'Vanaf 1 april wordt het gft-afval in de wijken Noord en Oost op dinsdag opgehaald in plaats van op vrijdag. ',
    { tag: 'afval' },
  ]);
  reply('v7/marieke', v7, marieke, 50, ['Geldt dit ook voor de Kastanjelaan? Wij staan altijd als laatste op de route.']);

  // ---- April and May ----
  post('v8-koningsdag', V, '2026-04-22 12:00', ['Koningsdag in Voorbeeldstad: het programma in één oogopslag. 👑🎈'], {
    images: [{ format: 'png', pattern: 'chart', alt: 'Programma Koningsdag: vrijmarkt, kindermiddag en concert op de Markt' }],
  });

  // Marieke starts a conversation about loose paving stones; the municipality answers inside it.
  const m1 = post('m1-stoeptegels', marieke, '2026-05-12 08:05', ['Al weken liggen de stoeptegels los bij de bushalte Dorpsstraat. ', { mention: V }, ' kunnen jullie hier iets aan doen?']);
  const own1 = reply('m1/answer', m1, V, 40, ['Dank voor het melden! We hebben het doorgegeven aan de wijkbeheerder; binnen twee weken wordt het hersteld.']);
  const m1back = reply('m1/marieke', own1, marieke, 25, ['Top, dank jullie wel! Mijn moeder (82) is er vorige week bijna over gestruikeld.']);
  const own2 = reply('m1/answer2', m1back, V, 15, ['Vervelend om te horen. Beterschap voor uw moeder en we houden u op de hoogte.']);

  const v10 = post('v10-correctie', V, '2026-05-20 09:00', ['Let op: het gemeentehuis is maandag 25 mei gesloten (Pinksteren).']);

  const v11 = post('v11-speeltuin', V, '2026-05-26 11:00', [
    'De vernieuwde speeltuin in het Wilhelminapark is open! Dank aan alle kinderen die meedachten over het ontwerp. 🛝 ',
    { tag: 'wilhelminapark' },
  ], { images: [{ format: 'webp', alt: 'Kinderen op de nieuwe klimtoren in het Wilhelminapark' }] });
  const v11sanne = reply('v11/sanne', v11, sanne, 90, ['Mijn dochter Lotte (6) wil er elke dag naartoe! 😍'], { pii: ['person_name'] });

  post('v12-quote', V, '2026-05-28 16:00', ['Goed advies van de veiligheidsregio, ook voor deze zomer: ', { link: 'https://www.vrvoorbeeldland.nl/hitte' }], { quote: storm });

  // ---- The next day ----
  const next = (minutes: number) => iso(now + minutes * 60_000);
  const n1 = b.nextDayPost({ key: 'n1-zwembad', by: V, at: next(60), text: ['Het buitenbad De Meent gaat zaterdag open. Tot ziens! ☀️ ', { tag: 'zomer' }] });
  b.nextDayPost({ key: 'n1/ilse', by: ilse, replyTo: n1, at: next(75), text: ['Eindelijk! Zijn de openingstijden hetzelfde als vorig jaar?'] });
  b.nextDayPost({ key: 'n2-raad', by: V, at: next(120), text: ['Vanavond vergadert de gemeenteraad over de begroting. Live te volgen via ', { link: 'https://www.voorbeeldstad.nl/raad/live' }] });
  b.nextDayPost({ key: 'v7/noor', by: noor, replyTo: v7, at: next(90), text: ['Sinds april wordt ons gft helemaal niet meer opgehaald in de Kastanjelaan. Bel me gerust: noor.visser@example.nl'], pii: ['email'] });
  const newOnPlayground = b.nextDayPost({ key: 'v11/thijs', by: thijs, replyTo: v11, at: next(95), text: ['Is de speeltuin ook toegankelijk voor kinderen in een rolstoel?'] });
  b.nextDayPost({ key: 'v11/thijs/answer', by: V, replyTo: newOnPlayground, at: next(110), text: ['Ja, de schommel en de zandbak zijn rolstoeltoegankelijk.'] });
  b.nextDayPost({ key: 'v11/sanne/ruud', by: ruud, replyTo: v11sanne, at: next(100), text: ['Die van ons ook 😄'] });
  // A thanks in Marieke's conversation: only a re-check of the thread the municipality's answer roots finds it.
  b.nextDayPost({ key: 'm1/thanks', by: marieke, replyTo: own2, at: next(105), text: ['Het is al gemaakt, top! 👍'] });
  b.nextDayRewrite(v5, next(30), [
    'Inspraakavond over het coördinatieplan café-terrassen op donderdag 19 maart (nieuwe datum!), 19.30 uur in het gemeentehuis. Geïnteresseerd? Meld u aan via ',
    { link: 'https://www.voorbeeldstad.nl/inspraak/terrassen-2026' },
  ]);
  b.nextDayDelete(v10);
  b.nextDayDelete(v3sanne);
  b.nextDayDelete(v4leaf);
  return b.ds;
}
