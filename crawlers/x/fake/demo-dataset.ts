// The demo story on X: Gemeente Voorbeeldstad (@voorbeeldstad) over three months, with citizens who
// answer (some giving away more than they should), the municipality answering them, a retweet of
// the safety region, an answer in a citizen's own conversation, photos, a video and a GIF, an edited
// post, and a next day with new posts, new replies on an old and a recent thread, an edit within
// X's 30 minutes, and deletions. Nothing here is about real people.
import { FakeXDataset, type FakeXTweet } from './dataset.js';
import { XStoryBuilder } from './builder.js';

export const DEMO_NOW = '2026-06-01T06:00:00.000Z';
const DAY = 86_400_000;

/** `now` shifts the whole story (ids follow the times), so a wall-clock run sees recent posts as recent. */
export function demoDataset(opts: { now?: Date } = {}): FakeXDataset {
  const nowMs = Math.floor((opts.now?.getTime() ?? Date.parse(DEMO_NOW)) / 1000) * 1000;
  const ds = new FakeXDataset('x-demo', { now: new Date(nowMs).toISOString(), nextDayNow: new Date(nowMs + DAY).toISOString() }, '2876543210');
  const b = new XStoryBuilder(ds, nowMs);

  const town = b.user({
    id: '2876543210',
    username: 'voorbeeldstad',
    name: 'Gemeente Voorbeeldstad',
    description:
      'Officieel account van de gemeente Voorbeeldstad. Meldingen, klachten of bezwaar? Niet via X, maar via voorbeeldstad.nl/melden. Privacyverklaring: voorbeeldstad.nl/privacy',
    location: 'Voorbeeldstad',
    url: b.link('https://www.voorbeeldstad.nl'),
    createdAt: '2011-03-14T09:12:44.000Z',
    verifiedType: 'government',
    followers: 18250,
    following: 312,
    listed: 140,
    email: 'online@voorbeeldstad.nl',
  });
  const region = b.user({ username: 'VRVoorbeeld', name: 'Veiligheidsregio Voorbeeld', verifiedType: 'government', createdAt: '2012-01-10T08:00:00.000Z' });
  const wouter = b.user({ username: 'wouterjansen', name: 'Wouter Jansen' });
  const fleur = b.user({ username: 'fleur_devries', name: 'Fleur de Vries', createdAt: '2016-04-02T19:20:00.000Z' });
  const ahmed = b.user({ username: 'ahmedbakkali', name: 'Ahmed Bakkali' });
  const zoe = b.user({ username: 'zoe_vandijk', name: 'Zoë van Dijk', createdAt: '2020-09-09T09:09:09.000Z' });
  const fenna = b.user({ username: 'fenna_hw', name: 'Fenna Hoekstra-Wâldman' });
  const jurgen = b.user({ username: 'jurgen_muller', name: 'Jürgen Müller' });
  const anais = b.user({ username: 'anais_bakker', name: 'Anaïs Bakker 🌻' });
  const gertjan = b.user({ username: 'gertjan1967', name: 'Gert-Jan' });
  const linde = b.user({ username: 'bewonersdelinde', name: 'Bewonersvereniging De Linde' });
  const marieke = b.user({ username: 'marieke_s', name: 'Marieke S.' });
  const exif = (date: string, gps?: { lat: number; lon: number }) => ({ make: 'Canon', model: 'EOS R6', dateTime: date, gps });

  // Winter gritting (80 days ago), one old reply.
  const gritting = b.tweet({ author: town, daysAgo: 80, text: 'Het is glad! 🧂 Strooiwagens rijden sinds 04:00 uur op de hoofdroutes. Fietsers: let op bij bruggen en viaducten. #gladheid #Voorbeeldstad', likes: 41, retweets: 12 });
  b.tweet({ author: gertjan, daysAgo: 79.9, text: 'Mijn straat is weer vergeten. Elk jaar hetzelfde.', replyTo: gritting });

  // Waste collection (77 days ago): the "old thread" that gets a new reply the next day.
  const waste = b.tweet({ author: town, daysAgo: 77, text: 'Vanaf 1 april wordt het gft-afval in Noord en De Linde op dinsdag opgehaald in plaats van op vrijdag. Bekijk de afvalkalender: {0}', links: [b.link('https://www.voorbeeldstad.nl/afvalkalender')], likes: 9 });
  const wasteQ = b.tweet({ author: marieke, daysAgo: 76, text: "En de kliko's bij de Lindelaan? Die zijn al twee weken niet geleegd.", replyTo: waste });
  b.tweet({ author: town, daysAgo: 75.9, text: 'Vervelend! Wilt u dit melden via voorbeeldstad.nl/melden? Dan pakken we het direct op.', replyTo: wasteQ });
  b.tweet({ author: gertjan, daysAgo: 2, text: 'Nog steeds niks opgehaald in de Beukenstraat. Bel me maar: 06-12345678', replyTo: waste, pii: ['phone'] });
  b.tweet({ author: zoe, daysAgo: -0.4, text: 'Bij ons ook niet, Eikenlaan 3 in De Linde. Wanneer komt de wagen?', replyTo: waste, pii: ['address'], nextDay: true });

  // Road works (45 days ago) with two photos; the municipality answers a citizen.
  const roadworks = b.tweet({
    author: town,
    daysAgo: 45,
    text: 'Let op: van 3 t/m 14 maart is de Stationsweg afgesloten voor rioleringswerkzaamheden. Omleiding via de Parallelweg. 🚧',
    media: [
      b.photo(45, 'Afzetting op de Stationsweg met omleidingsborden', { seed: 101, exif: exif('2026:03:02 10:14:00', { lat: 52.0907, lon: 5.1214 }) }),
      b.photo(45, 'Graafmachine bij de kruising Stationsweg–Kerkstraat', { seed: 102 }),
    ],
    likes: 23,
  });
  b.tweet({ author: wouter, daysAgo: 44.9, text: 'Weer?! Vorig jaar lag daar ook alles open.', replyTo: roadworks });
  const bakery = b.tweet({ author: fleur, daysAgo: 44.8, text: 'Is de bakker op de hoek nog bereikbaar?', replyTo: roadworks });
  b.tweet({ author: town, daysAgo: 44.7, text: 'Ja, winkels blijven te voet en met de fiets bereikbaar. 🚲', replyTo: bakery });

  // King's Day with a video.
  const kingsday = b.tweet({ author: town, daysAgo: 40, text: 'Koningsdag in Voorbeeldstad 🇳🇱🧡 Bekijk de terugblik op de vrijmarkt en het defilé!', media: [b.video(40, 'Terugblik Koningsdag: vrijmarkt en defilé op de Markt', 7)], likes: 88, retweets: 20 });
  b.tweet({ author: anais, daysAgo: 39.9, text: 'Wat een mooie dag was het! 🧡', replyTo: kingsday });

  // Elections (60 days ago): opinions (special categories) in old replies.
  const elections = b.tweet({ author: town, daysAgo: 60, text: 'Op 18 maart zijn de gemeenteraadsverkiezingen. Stemmen kan van 7.30 tot 21.00 uur. 🗳️ #GR2026' });
  b.tweet({ author: anais, daysAgo: 59.9, text: 'Ik stem op de partij die het zwembad open houdt!', replyTo: elections, pii: ['political'] });
  b.tweet({ author: wouter, daysAgo: 59.8, text: 'Waar is het stembureau in De Linde?', replyTo: elections });

  // Holidays, non-ASCII throughout, no replies.
  b.tweet({ author: town, daysAgo: 30, text: 'Fijne feestdagen! 🎄 Het stadhuis is van 24 december t/m 1 januari gesloten. Café ‘De Gouden Leeuw’ en het Súdwest-plein zijn het hart van de nieuwjaarsviering — tot ziens! ✨' });

  // A GIF.
  b.tweet({ author: town, daysAgo: 25, text: 'Fijne vakantie allemaal! ☀️ #zomer', media: [b.gif(25, null, 31)] });

  // The safety region's storm warning, retweeted.
  const storm = b.tweet({ author: region, daysAgo: 20.1, text: '⚠️ Code oranje: zware windstoten verwacht vanavond. Zet losse spullen vast & blijf binnen. Meer info: {0}', links: [b.link('https://www.vrvoorbeeld.nl/storm')], likes: 300, retweets: 150 });
  b.retweet(town, storm, 20);

  // Council meeting (15 days ago): an old question, a recent one with an e-mail address.
  const council = b.tweet({ author: town, daysAgo: 15, text: 'Vanavond om 19.30 uur vergadert de gemeenteraad over de begroting 2027. Volg de vergadering live via {0} #raadsvergadering', links: [b.link('https://www.voorbeeldstad.nl/live')] });
  b.tweet({ author: jurgen, daysAgo: 14.9, text: 'Gaat het ook over de sluiting van het zwembad?', replyTo: council });
  b.tweet({ author: fenna, daysAgo: 5, text: 'Ik wil inspreken over het zwembad. Mijn e-mail is fenna.hoekstra@example.nl, kunt u mij terugmailen?', replyTo: council, pii: ['email'] });

  // A bekendmaking with a long link (deleted the next day).
  const notice = b.tweet({
    author: town,
    daysAgo: 12,
    text: 'Nieuwe bekendmaking: omgevingsvergunning verleend voor De Gouden Leeuw, Markt 1. Bezwaar maken kan tot zes weken na publicatie: {0}',
    links: [b.link('https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html', undefined, { title: 'Omgevingsvergunning Markt 1', description: 'Gemeenteblad 2026, 123456' })],
  });
  b.deleteNextDay(notice, -0.2);

  // The town hall's opening hours, corrected four minutes after posting.
  const hours = b.tweet({ author: town, daysAgo: 10, text: 'Het stadhuis is op Hemelvaartsdag gesloten. Op vrijdag zijn we open van 9.00 tot 12.00 uur.' });
  b.edit(hours, 4, 'Het stadhuis is op Hemelvaartsdag gesloten. Op vrijdag zijn we open van 9.00 tot 16.00 uur. (Tijd aangepast)');

  // A thread of two (9 days ago): the wind farm, with an opinion about it.
  const wind = b.tweet({ author: town, daysAgo: 9, text: 'Draagvlakonderzoek windpark Noord: de uitkomsten 🧵 (1/2)', media: [b.photo(9, 'Staafdiagram: 62% positief, 25% negatief, 13% neutraal', { seed: 55, pattern: 'chart' })] });
  b.tweet({ author: town, daysAgo: 8.999, text: '(2/2) 62% van de inwoners is positief. Het volledige rapport: {0}', links: [b.link('https://www.voorbeeldstad.nl/windpark')], replyTo: wind });
  b.tweet({ author: jurgen, daysAgo: 8.5, text: 'Een windmolen op 400 meter van mijn huis is niet oké. Ik stem volgende keer op een andere partij.', replyTo: wind, pii: ['political'] });

  // Parking permits (6 days ago): a citizen shares his BSN and IBAN.
  const parking = b.tweet({ author: town, daysAgo: 6, text: 'Vanaf vandaag vraagt u uw parkeervergunning digitaal aan via Mijn Voorbeeldstad: {0}', links: [b.link('https://mijn.voorbeeldstad.nl/parkeren')] });
  const bsn = b.tweet({ author: gertjan, daysAgo: 5.9, text: 'Lukt niet. Mijn BSN is 111222333 en mijn rekeningnummer NL91ABNA0417164300, wat nu?', replyTo: parking, pii: ['bsn', 'iban'] });
  b.tweet({ author: town, daysAgo: 5.8, text: 'Deel nooit uw BSN online! Belt u ons op 14 0555? Dan helpen we u verder.', replyTo: bsn });

  // A citizen's own post about fallen leaves; the municipality answers there, and others answer that.
  const leaves = b.tweet({ author: fleur, daysAgo: 5.1, text: '@voorbeeldstad Wanneer worden de bladeren in de Kastanjelaan weer geruimd? Het is spekglad. 🍂' });
  b.tweet({ author: jurgen, daysAgo: 5.05, text: 'Hier ook!', replyTo: leaves });
  const answer = b.tweet({ author: town, daysAgo: 5, text: 'Goed dat u het meldt. De veegwagen komt donderdag langs in de Kastanjelaan.', replyTo: leaves });
  b.tweet({ author: fleur, daysAgo: 4.9, text: 'Top, bedankt!', replyTo: answer });
  b.tweet({ author: wouter, daysAgo: 4.8, text: '@voorbeeldstad @fleur_devries En de Esdoornstraat?', replyTo: answer });

  // The new playground (3 days ago): the "recent thread".
  const playground = b.tweet({
    author: town,
    daysAgo: 3,
    text: 'De nieuwe speeltuin aan de Lindelaan is open! 🛝 Met dank aan de bewoners voor hun ideeën.',
    media: [b.photo(3, 'Kinderen op de nieuwe klimtoren in de speeltuin aan de Lindelaan', { seed: 202, exif: exif('2026:05:29 15:02:11', { lat: 52.1, lon: 5.11 }) })],
    likes: 57,
  });
  const thanks = b.tweet({ author: linde, daysAgo: 2.95, text: 'Prachtig geworden, dank aan iedereen die heeft meegeholpen!', replyTo: playground });
  const glass = b.tweet({ author: ahmed, daysAgo: 2.5, text: 'Er ligt al glas bij de schommel. Ik woon op Lindelaan 14, 1234 AB, kom gerust kijken.', replyTo: playground, pii: ['address'] });
  b.tweet({ author: town, daysAgo: 2.4, text: 'Dank voor uw melding! We sturen vandaag iemand langs.', replyTo: glass });
  const foot = b.tweet({ author: zoe, daysAgo: 2, text: 'Klopt, mijn dochter had bijna haar voet open.', replyTo: glass });
  b.tweet({ author: marieke, daysAgo: -0.3, text: 'Wanneer komt er een bankje voor de ouders?', replyTo: playground, nextDay: true });
  b.tweet({ author: anais, daysAgo: -0.25, text: 'Mooi werk! 👏', replyTo: thanks, nextDay: true });
  b.deleteNextDay(foot, -0.1);

  // Yesterday's photo of the cycle bridge.
  const bridge = b.tweet({
    author: town,
    daysAgo: 1,
    text: 'Drukte op de fietsbrug over de Dommel ☀️ Eén van de drukste fietsroutes van Voorbeeldstad.',
    media: [b.photo(1, 'Fietsers op de brug over de Dommel — één van de drukste routes', { seed: 303, width: 800, height: 450 })],
  });
  b.tweet({ author: anais, daysAgo: 0.9, text: 'Mooie foto! 📷', replyTo: bridge });

  // Posted ten minutes before "now" and edited five minutes after it: the next day's edit.
  const market = b.tweet({ author: town, daysAgo: 10 / 1440, text: 'Let op: morgen tussen 8.00 en 12.00 uur is de Markt afgesloten voor de opbouw van de weekmarkt.' });
  b.edit(market, 15, 'Let op: morgen tussen 7.00 en 12.00 uur is de Markt afgesloten voor de opbouw van de weekmarkt. (Tijd aangepast)', { nextDay: true });

  // The next day: two new posts, one with a reply.
  const rink = b.tweet({ author: town, daysAgo: -0.5, text: 'Goedemorgen! De ijsbaan op de Markt is vanaf vandaag open ⛸️', media: [b.photo(-0.5, 'Schaatsers op de ijsbaan op de Markt', { seed: 404 })], nextDay: true });
  b.tweet({ author: zoe, daysAgo: -0.45, text: 'Gaan we doen! Tot hoe laat is hij open?', replyTo: rink, nextDay: true });
  b.tweet({ author: town, daysAgo: -0.6, text: 'Vergeet niet: de inzameling van grof afval is deze week op woensdag.', nextDay: true });

  return ds;
}

export type { FakeXTweet };
