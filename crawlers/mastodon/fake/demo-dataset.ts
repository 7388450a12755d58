// The demo story: Gemeente Voorbeeldstad and its mayor on Mastodon, February to May 2026, with
// citizens' replies (some carrying personal data, some only look like it), media, edits, a boost,
// a busy storm thread, and a "next day" with new posts, new replies, edits and deletions.
import { DatasetBuilder, type MediaSpec, type StatusSpec } from './builder.js';
import { addDemoAccounts } from './demo-accounts.js';
import { addStormThread, type StoryClock } from './demo-storm.js';
import type { FakeAccount, FakeDataset, FakeStatus } from './store.js';

/** "Today" of the demo before `nextDay()`; every story time is shifted by `now - DEMO_NOW`. */
export const DEMO_NOW = '2026-06-01T06:00:00.000Z';
const DAY_MS = 86_400_000;

export interface DemoOptions {
  /** Move the whole story so that this is "today" (e.g. the wall clock for `socialarchive demo`). */
  now?: string | Date;
}

const roadworksPhoto: MediaSpec = {
  format: 'jpeg',
  description: 'Wegafzetting met hekken en een graafmachine op de Stationsweg',
  exif: { make: 'samsung', model: 'SM-A546B', dateTime: '2026:02:02 08:12:40', gps: { lat: 52.09071, lon: 5.12142 } },
  focus: { x: 0.1, y: -0.2 },
};

export function demoDataset(opts: DemoOptions = {}): FakeDataset {
  const now = opts.now === undefined ? Date.parse(DEMO_NOW) : new Date(opts.now).getTime();
  if (Number.isNaN(now)) throw new Error(`demoDataset: invalid "now" ${String(opts.now)}`);
  const shift = now - Date.parse(DEMO_NOW);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const b = new DatasetBuilder('demo', { now: iso(now), nextDayNow: iso(now + DAY_MS) });
  const clock: StoryClock = {
    at: (when) => iso(Date.parse(`${when.replace(' ', 'T')}:00.000Z`) + shift),
    after: (s, minutes) => iso(Date.parse(s.createdAt) + minutes * 60_000 + 7_000 + (minutes * 7919) % 50_000),
  };
  const acc = addDemoAccounts(b);
  const V = acc.municipality;
  const B = acc.mayor;
  const c = acc.citizen;

  type Extra = Omit<StatusSpec, 'key' | 'by' | 'at' | 'text' | 'replyTo'>;
  const post = (key: string, by: FakeAccount, when: string, text: string, extra: Extra = {}): FakeStatus =>
    b.status({ key, by, at: clock.at(when), text, ...extra });
  const reply = (key: string, parent: FakeStatus, by: FakeAccount, minutes: number, text: string, extra: Extra = {}): FakeStatus =>
    b.status({ key, by, replyTo: parent, at: clock.after(parent, minutes), text, ...extra });

  // ---- Gemeente Voorbeeldstad ----
  const v1 = post(
    'v1-stationsweg',
    V,
    '2026-02-02 08:30',
    'Vanaf maandag 9 februari vernieuwen we de riolering onder de Stationsweg. De weg is tot en met 27 maart ' +
      'afgesloten tussen de Julianastraat en de Parallelweg. Fietsers en voetgangers kunnen er langs.\n\n' +
      'Meer informatie: https://www.voorbeeldstad.nl/werkzaamheden/stationsweg #wegwerkzaamheden',
    { media: [roadworksPhoto] },
  );
  const v1piet = reply(
    'v1/piet',
    v1,
    c('pietjansen'),
    95,
    'Goedemorgen, bij ons voor de deur (Lindelaan 14, 1234 AB Voorbeeldstad) staan de hekken al sinds vrijdag op de stoep. ' +
      'Mijn vrouw kan met de rollator niet meer langs. Kunt u mij even bellen op 06-12345678?\n\n' +
      'Met vriendelijke groet,\nPiet Jansen',
    { pii: ['postal_address', 'postcode', 'phone', 'person_name'] },
  );
  reply(
    'v1/piet/answer',
    v1piet,
    V,
    48,
    'Dank voor uw melding, meneer Jansen. We hebben de aannemer gevraagd de hekken vandaag te verplaatsen. ' +
      'Uw melding staat geregistreerd onder nummer 2026-004512. Voor vragen kunt u ook bellen met 14 0555.',
    { pii: ['person_name'] },
  );
  const v1jan = reply('v1/jan', v1, c('jan'), 180, "Wordt de Stationsweg ook 's avonds afgesloten? Ik werk in ploegendienst.");
  reply(
    'v1/jan/answer',
    v1jan,
    V,
    65,
    "Dank voor uw vraag. De weg is dicht van 7.00 tot 19.00 uur; 's avonds kunt u via de Parallelweg rijden.",
  );
  reply('v1/fietsfan', v1, c('fietsfan'), 260, 'Ook het fietspad ernaast ligt vol gaten, zie foto. Graag meenemen!', {
    media: [
      {
        format: 'jpeg',
        description: 'Gat in het fietspad',
        exif: { make: 'Fairphone', model: 'FP5', dateTime: '2026:02:02 12:41:03', gps: { lat: 52.09112, lon: 5.12398 } },
      },
    ],
  });

  const v2 = post(
    'v2-winterdienst',
    V,
    '2026-02-04 17:00',
    'Vannacht kan het glad worden. Vanaf 22.00 uur rijden onze strooiwagens over de hoofdwegen en busroutes. ' +
      'Wees voorzichtig onderweg! #winterdienst',
  );
  const v2q = reply('v2/fietsfan', v2, c('fietsfan'), 30, 'Worden de fietspaden ook gestrooid?');
  reply('v2/answer', v2q, V, 20, 'Ja, de hoofdfietsroutes worden als eerste gestrooid, daarna de rest.');

  const v3 = post(
    'v3-carnaval',
    V,
    '2026-02-09 10:00',
    'Zondag 15 februari trekt de carnavalsoptocht door de binnenstad. Tussen 12.00 en 18.00 uur zijn de Markt, ' +
      'de Kerkstraat en de Molenstraat afgesloten voor verkeer. Alaaf! #carnaval',
  );
  reply('v3/sanne', v3, c('sanne'), 14, 'Alaaf! 🎉');
  const v3q = reply('v3/thijs', v3, c('thijs'), 75, 'Welke straten zijn er precies dicht?');
  reply('v3/answer', v3q, V, 40, 'Dank voor uw vraag. Een overzicht van de afsluitingen staat op https://www.voorbeeldstad.nl/carnaval');

  addStormThread(b, acc, clock);

  const v5 = post(
    'v5-belastingen',
    V,
    '2026-02-16 09:00',
    'De aanslag gemeentelijke belastingen 2026 is verstuurd, via de Berichtenbox of per post. ' +
      'Betalen in termijnen kan via https://www.voorbeeldstad.nl/belastingen',
  );
  const v5q = reply('v5/piet', v5, c('pietjansen'), 210, 'Ik heb vorige maand bezwaar gemaakt tegen mijn WOZ-waarde, maar nog niets gehoord.');
  reply(
    'v5/answer',
    v5q,
    V,
    35,
    'Dank voor uw bericht. Wij kunnen hier geen bezwaren behandelen; u krijgt binnen zes weken schriftelijk antwoord. ' +
      'Vragen? Bel 14 0555 of mail info@voorbeeldstad.nl.',
  );

  const v6 = post(
    'v6-stembureau',
    V,
    '2026-02-19 09:00',
    'Op woensdag 18 maart zijn de gemeenteraadsverkiezingen. We zoeken nog stembureauleden en tellers! ' +
      'Aanmelden kan tot 1 maart via https://www.voorbeeldstad.nl/stembureau #verkiezingen',
  );
  reply(
    'v6/henk',
    v6,
    c('henk'),
    60,
    'Aangemeld! Ik ben bereikbaar via h.vermeulen@ziggo.nl als jullie nog mensen zoeken voor de telling.\n\nHenk Vermeulen',
    { pii: ['email', 'person_name'] },
  );
  const v6q = reply('v6/fatima', v6, c('fatima'), 130, 'Moet je daarvoor in de gemeente wonen?');
  reply('v6/answer', v6q, V, 30, 'Nee, iedereen vanaf 18 jaar die in Nederland mag stemmen kan stembureaulid worden.');

  const v7 = post(
    'v7-snoei',
    V,
    '2026-02-24 08:00',
    'Deze week snoeien we de bomen in het Wilhelminapark. Sommige paden zijn dan tijdelijk afgesloten. #groen',
  );
  reply('v7/ria', v7, c('oudebuurt'), 45, 'Worden de bomen bij de vijver ook gesnoeid? Die hangen over het pad.');

  const v8 = post(
    'v8-raad',
    V,
    '2026-03-02 09:00',
    'Donderdag 12 maart vergadert de gemeenteraad om 19.30 uur over de nieuwe woonvisie. De vergadering is openbaar. #gemeenteraad',
  );
  b.edit(
    v8,
    clock.after(v8, 22),
    'Donderdag 12 maart vergadert de gemeenteraad om 20.00 uur over de nieuwe woonvisie. De vergadering is openbaar. #gemeenteraad',
  );
  b.edit(
    v8,
    clock.after(v8, 130),
    'Donderdag 12 maart vergadert de gemeenteraad om 20.00 uur over de nieuwe woonvisie. De vergadering is openbaar ' +
      'en live te volgen via https://voorbeeldstad.raadsinformatie.nl #gemeenteraad',
  );
  const v8q = reply('v8/els', v8, c('els'), 150, 'Kun je de vergadering ook online volgen?');
  reply('v8/answer', v8q, V, 25, 'Ja, via de livestream op https://voorbeeldstad.raadsinformatie.nl');

  const v9 = post(
    'v9-isolatie',
    V,
    '2026-03-09 10:00',
    'Uw huis beter isoleren? Vanaf vandaag kunt u weer isolatiesubsidie aanvragen, tot maximaal € 1.500 per woning. ' +
      'https://www.voorbeeldstad.nl/isolatiesubsidie #duurzaam',
    {
      card: {
        url: 'https://www.voorbeeldstad.nl/isolatiesubsidie',
        title: 'Isolatiesubsidie 2026 | Gemeente Voorbeeldstad',
        description: 'Vraag subsidie aan voor dak-, vloer- of spouwmuurisolatie.',
        providerName: 'Gemeente Voorbeeldstad',
      },
    },
  );
  reply(
    'v9/ruud',
    v9,
    c('ruud'),
    300,
    'Ik heb de subsidie in januari al aangevraagd (zaaknummer Z-2026-000871) en het geld is nog steeds niet op ' +
      'NL91ABNA0417164300 bijgeschreven. Hoe lang duurt dat nog?',
    { pii: ['iban'] },
  );
  const v9q = reply('v9/henk', v9, c('henk'), 340, 'Geldt dit ook voor huurders?');
  reply('v9/answer', v9q, V, 50, 'Dank voor uw vraag. Huurders kunnen de subsidie niet zelf aanvragen; uw verhuurder wel.');

  const v10 = post(
    'v10-afval',
    V,
    '2026-03-16 08:00',
    'Vanaf 1 april verandert de afvalinzameling: GFT wordt elke week opgehaald, restafval eens per vier weken. ' +
      'Bekijk uw nieuwe ophaaldagen in de afvalkalender. #afval',
    { media: [{ format: 'png', pattern: 'chart', description: 'Afvalkalender april tot en met juni 2026' }] },
  );
  const v10maria = reply(
    'v10/maria',
    v10,
    c('mariadevries'),
    90,
    'Mijn moeder heeft dementie en kan de container niet meer zelf aan de straat zetten. Is daar een regeling voor? ' +
      'U kunt mij mailen op maria.devries82@gmail.com.\n\nGroetjes, Maria',
    { pii: ['health', 'email', 'person_name'] },
  );
  reply(
    'v10/maria/answer',
    v10maria,
    V,
    70,
    'Dank voor uw bericht. Ja, er is een aanbiedservice voor inwoners die dat zelf niet kunnen. ' +
      'U kunt die aanvragen via info@voorbeeldstad.nl of 14 0555, dan nemen wij contact met u op.',
  );
  reply('v10/jan', v10, c('jan'), 400, 'Waarom wordt het GFT in de zomer niet vaker opgehaald? Het stinkt echt.');

  const v11 = post(
    'v11-verkiezingen',
    V,
    '2026-03-18 06:30',
    'Vandaag zijn de gemeenteraadsverkiezingen! De stembureaus zijn open van 7.30 tot 21.00 uur. ' +
      'Vergeet uw stempas en identiteitsbewijs niet. #verkiezingen #gr2026',
  );
  const stempas = reply('v11/anouk', v11, c('anouk'), 100, 'Mijn stempas is kwijt, wat nu?');
  b.edit(
    stempas,
    clock.after(stempas, 35),
    'Mijn stempas is kwijt, wat moet ik nu doen? (Edit: gevonden, lag bij de post van de buren 🙈)',
  );
  reply('v11/mo', v11, c('mo'), 160, 'Gestemd! Lekker rustig bij het stembureau in de bibliotheek.');

  const v12 = post(
    'v12-opschoondag',
    V,
    '2026-03-21 08:00',
    'Vandaag is het Landelijke Opschoondag! Doet u mee? Samen maken we Voorbeeldstad schoon. #opschoondag',
  );
  reply('v12/lisa', v12, c('lisa'), 40, 'Wij doen mee met de hele klas van groep 6!');
  const v12q = reply('v12/ria', v12, c('oudebuurt'), 55, 'Waar kunnen we grijpers en vuilniszakken ophalen?');
  reply('v12/answer', v12q, V, 15, 'Bij de gemeentewerf aan de Industrieweg, vanaf 9.00 uur.');

  const v13 = post(
    'v13-paspoort',
    V,
    '2026-03-30 09:00',
    'Op vakantie deze zomer? Kijk nu of uw paspoort of ID-kaart nog geldig is. Een afspraak maakt u via ' +
      'https://www.voorbeeldstad.nl/afspraak #paspoort',
  );
  const v13fatima = reply(
    'v13/fatima',
    v13,
    c('fatima'),
    120,
    'Ik heb op 2 april een afspraak gemaakt maar kreeg geen bevestiging. Mijn BSN is 111222333, geboren op 12-03-1985. ' +
      'Kunt u kijken of de afspraak bestaat?\n\nFatima El Amrani',
    { pii: ['bsn', 'date_of_birth', 'person_name'] },
  );
  reply(
    'v13/fatima/answer',
    v13fatima,
    V,
    30,
    'Goedemiddag, deel alstublieft nooit uw BSN of geboortedatum op sociale media. Persoonlijke zaken kunnen we hier ' +
      'niet behandelen; bel ons op 14 0555 of gebruik het contactformulier op https://www.voorbeeldstad.nl/contact',
  );
  reply('v13/kees', v13, c('kees'), 260, 'Waarom kan ik geen afspraak op zaterdag maken?');

  post(
    'v14-bekendmaking',
    V,
    '2026-04-07 10:00',
    'Bekendmaking: omgevingsvergunning verleend voor het bouwen van 48 woningen aan de Vlonderweg. ' +
      'https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html #bekendmaking',
  );

  const v15 = post(
    'v15-vlonders',
    V,
    '2026-04-14 12:00',
    'Informatieavond over de nieuwe wijk De Vlonders: donderdag 23 april om 19.30 uur in het gemeentehuis. ' +
      'Iedereen is welkom. #wonen',
  );
  const v15q = reply('v15/thijs', v15, c('thijs'), 80, 'Komen er ook sociale huurwoningen?');
  reply('v15/answer', v15q, V, 45, 'Ja, ongeveer 30 procent wordt sociale huur. Meer hierover op de informatieavond.');
  reply('v15/piet', v15, c('pietjansen'), 200, 'Wordt er ook aan parkeren gedacht? Het is nu al vol in de wijk.');

  const v16 = post(
    'v16-koningsdag',
    V,
    '2026-04-20 09:00',
    'Maandag 27 april is het Koningsdag! Vrijmarkt in de binnenstad van 7.00 tot 15.00 uur, muziek op de Markt tot 23.00 uur. ' +
      '#koningsdag',
  );
  reply('v16/jan', v16, c('jan'), 25, 'Wij hebben er zin in! 🧡', {
    media: [{ format: 'gif', pattern: 'header', description: 'Wapperende oranje vlag' }],
  });
  const v16q = reply(
    'v16/sanne',
    v16,
    c('sanne'),
    140,
    'Waar kan ik me aanmelden voor een kraampje op de vrijmarkt? Ik heb al gemaild naar info@voorbeeldstad.nl maar nog niets gehoord.',
  );
  reply('v16/answer', v16q, V, 35, 'Dank voor uw geduld. Aanmelden kan tot 24 april via https://www.voorbeeldstad.nl/koningsdag');

  const v18 = post(
    'v18-wateroverlast',
    V,
    '2026-04-29 07:30',
    'Door de hevige regen van vannacht staan op verschillende plekken straten en kelders onder water. ' +
      'Meld wateroverlast via 14 0555. Houd putten vrij van bladeren. #wateroverlast',
  );
  const v18anouk = reply(
    'v18/anouk',
    v18,
    c('anouk'),
    50,
    'Onze kelder aan de Kerkstraat 8 staat weer blank, foto erbij. Wie kan ik bellen? Overdag op 0591-123456, ' +
      'na 18.00 uur op 06 98765432.',
    {
      pii: ['postal_address', 'phone'],
      media: [
        {
          format: 'jpeg',
          description: null,
          exif: { make: 'Apple', model: 'iPhone 13', dateTime: '2026:04:29 08:10:55', gps: { lat: 52.08867, lon: 5.11811 } },
        },
      ],
    },
  );
  reply('v18/anouk/answer', v18anouk, V, 40, 'Dank voor uw melding, mevrouw Visser. Een medewerker neemt vandaag contact met u op.', {
    pii: ['person_name'],
  });
  reply('v18/maria', v18, c('mariadevries'), 120, 'Bij ons in de straat staan de putten ook vol.');

  const v19 = post(
    'v19-herdenking',
    V,
    '2026-05-04 08:00',
    'Vanavond om 20.00 uur houden we twee minuten stilte. De kranslegging bij het monument op het Kerkplein begint om 19.30 uur. ' +
      '#4mei #dodenherdenking',
  );
  reply('v19/els', v19, c('els'), 120, 'Wij zijn erbij.');

  const v20 = post(
    'v20-bevrijding',
    V,
    '2026-05-05 09:00',
    'Vandaag vieren we de vrijheid! Het Bevrijdingsfestival in het Wilhelminapark begint om 13.00 uur. #5mei',
  );
  const v20mo = reply(
    'v20/mo',
    v20,
    c('mo'),
    35,
    'Is er ook een plek voor mensen in een rolstoel bij het podium? Mijn broer zit sinds zijn ongeluk in een rolstoel.',
    { pii: ['health'] },
  );
  reply('v20/answer', v20mo, V, 20, 'Ja, er is een verhoogd podium voor rolstoelgebruikers naast de geluidstoren.');

  const v21 = post(
    'v21-weekmarkt',
    V,
    '2026-05-11 08:00',
    'Let op: de weekmarkt staat van 18 mei tot en met 29 juni op het Kerkplein, omdat de Markt opnieuw wordt bestraat. #markt',
  );
  reply('v21/ria', v21, c('oudebuurt'), 70, 'Staat de viskraam er ook?');

  const v22 = post(
    'v22-grofvuil',
    V,
    '2026-05-14 09:00',
    'Grofvuil laten ophalen? Maak een afspraak via https://www.voorbeeldstad.nl/grofvuil. Per afspraak mag u maximaal 2 m3 aanbieden. #afval',
  );
  const plate = reply(
    'v22/kees',
    v22,
    c('kees'),
    65,
    'Al drie weken staat er een aanhanger met kenteken 12-KLB-3 op de parkeerplaats bij de Vijverstraat. Mag dat zomaar?',
    { pii: ['licence_plate'] },
  );
  const v22q = reply('v22/ruud', v22, c('ruud'), 150, 'Kun je ook een matras kwijt bij het grofvuil?');
  reply('v22/answer', v22q, V, 30, 'Ja, een matras kunt u gewoon meegeven.');

  const v23 = post(
    'v23-sportpark',
    V,
    '2026-05-19 10:00',
    'Vandaag start de renovatie van sportpark De Meent: nieuwe kleedkamers en een kunstgrasveld. Klaar in het najaar. #sport',
  );
  reply('v23/thijs', v23, c('thijs'), 55, 'Eindelijk! De kleedkamers waren echt aan vervanging toe.');

  const v24 = post(
    'v24-speeltuin',
    V,
    '2026-05-26 11:00',
    'De vernieuwde speeltuin in het Wilhelminapark is open! Met een klimrek, een waterpomp en toestellen voor alle kinderen. #spelen',
    { media: [{ format: 'webp', description: 'Kinderen op het nieuwe klimrek in het Wilhelminapark' }] },
  );
  const v24lisa = reply('v24/lisa', v24, c('lisa'), 30, 'Leuk! Mijn zoontje Daan (6) wil meteen gaan spelen 😄', {
    pii: ['person_name'],
  });
  const v24q = reply('v24/sanne', v24, c('sanne'), 90, 'Zijn er ook toestellen voor kinderen met een beperking?');
  reply('v24/answer', v24q, V, 25, 'Ja! Er is een rolstoelschommel en een zandtafel op hoogte.');

  const v25 = post(
    'v25-blauwalg',
    V,
    '2026-05-28 09:00',
    'Waarschuwing: in de Grote Plas is blauwalg aangetroffen. Zwem er voorlopig niet en houd honden uit het water. #zwemwater',
  );
  reply('v25/henk', v25, c('henk'), 75, 'Is het strandje aan de noordkant ook dicht?');

  const milieustraat = post(
    'v26-milieustraat',
    V,
    '2026-05-30 15:00',
    'Let op: de milieustraat is zaterdag 6 juni gesloten.',
  );

  // ---- Burgemeester ----
  post('b1-school', B, '2026-02-03 13:00', 'Vanochtend op bezoek bij basisschool De Regenboog. Wat een nieuwsgierige vragen kreeg ik van groep 8!', {
    media: [{ format: 'jpeg', description: 'De burgemeester in een klaslokaal', exif: { make: 'Canon', model: 'EOS R6', dateTime: '2026:02:03 10:22:09' } }],
  });
  const b2 = post(
    'b2-spreekuur',
    B,
    '2026-02-10 10:00',
    'Elke eerste vrijdag van de maand houd ik spreekuur in het gemeentehuis. Iedereen is welkom met vragen of ideeën.',
    { pinned: true },
  );
  const b2q = reply('b2/piet', b2, c('pietjansen'), 45, 'Moet je je daarvoor aanmelden?');
  reply('b2/answer', b2q, B, 60, 'Graag wel, via het secretariaat: burgemeester@voorbeeldstad.nl of 14 0555.');
  const b3 = post(
    'b3-stormdank',
    B,
    '2026-02-13 09:00',
    'Dank aan alle hulpverleners, medewerkers van de buitendienst en vrijwilligers die gisteren tijdens de storm klaarstonden. #storm',
  );
  reply('b3/mo', b3, c('mo'), 30, 'Dank aan alle vrijwilligers!');
  reply('b3/vr', b3, acc.safetyRegion, 90, 'Dank voor de goede samenwerking, burgemeester.');
  const b4 = post(
    'b4-100jaar',
    B,
    '2026-02-20 15:00',
    'Vandaag mocht ik mevrouw Bakker feliciteren met haar 100e verjaardag. Wat een bijzondere vrouw! 💐',
    { pii: ['person_name'] },
  );
  reply('b4/els', b4, c('els'), 50, 'Wat mooi! Mevrouw Bakker was vroeger mijn juf op De Regenboog 💐', { pii: ['person_name'] });
  const b5 = post('b5-brandweer', B, '2026-02-27 11:00', 'Werkbezoek aan de brandweerkazerne. Petje af voor deze vrijwilligers! #brandweer', {
    media: [{ format: 'jpeg', description: 'Brandweerwagen voor de kazerne' }],
  });
  reply('b5/thijs', b5, c('thijs'), 70, 'Respect voor het werk van deze mensen.');
  post('b6-eerstepaal', B, '2026-03-05 14:00', 'Vandaag de eerste paal geslagen voor 60 nieuwe woningen aan de Vlonderweg. #wonen');
  post('b7-raad', B, '2026-03-12 16:00', 'Vanavond de laatste raadsvergadering van deze raadsperiode. Dank aan alle raadsleden voor hun inzet.');
  const b8 = post(
    'b8-uitslag',
    B,
    '2026-03-19 08:00',
    'De uitslag van de gemeenteraadsverkiezingen is bekend. De opkomst was 58,3 procent. Dank aan alle stembureauleden! #gr2026',
  );
  const political = reply('b8/kees', b8, c('kees'), 40, 'Ik heb op GroenLinks-PvdA gestemd en ben blij met de uitslag.', {
    pii: ['political_opinion'],
  });
  reply('b8/mo', b8, c('mo'), 75, 'Mooie opkomst!');
  post('b9-installatie', B, '2026-03-26 20:00', 'Vanavond is de nieuwe gemeenteraad geïnstalleerd. Veel succes allemaal! #gemeenteraad');
  const b10 = post('b10-zorgcentrum', B, '2026-04-02 14:00', 'Mooi bezoek aan zorgcentrum De Linde. Dank voor de hartelijke ontvangst.');
  reply('b10/thijs', b10, c('thijs'), 90, 'Mijn vader woont daar sinds vorig jaar, hij heeft Parkinson. Het personeel doet fantastisch werk.', {
    pii: ['health'],
  });
  const b11 = post('b11-voedselbank', B, '2026-04-09 10:00', 'De Voedselbank zoekt vrijwilligers, vooral chauffeurs. Kunt u een paar uur per week missen?');
  reply('b11/ria', b11, c('oudebuurt'), 35, 'Ik doe al jaren mee, bel gerust 06-23456789 als jullie chauffeurs zoeken. Groet, Ria Koster', {
    pii: ['phone', 'person_name'],
  });
  const b12 = post('b12-kampioenen', B, '2026-04-16 17:00', 'Ontvangst van de kampioenen van VV Voorbeeldstad op het gemeentehuis. Gefeliciteerd! ⚽', {
    media: [{ format: 'jpeg', description: 'Elftal met beker op het bordes' }],
  });
  reply('b12/jan', b12, c('jan'), 20, 'Hup Voorbeeldstad! ⚽');
  const b13 = post(
    'b13-lintjes',
    B,
    '2026-04-24 12:00',
    'Lintjesregen! Veertien inwoners ontvingen vandaag een Koninklijke onderscheiding voor hun jarenlange inzet. #lintjesregen',
    {
      reblogs: 8,
      media: [
        { format: 'jpeg', description: 'Gedecoreerden in de raadzaal' },
        { format: 'jpeg', description: 'De burgemeester speldt een lintje op' },
      ],
    },
  );
  reply('b13/henk', b13, c('henk'), 30, 'Gefeliciteerd aan alle gedecoreerden!');
  reply('b13/fatima', b13, c('fatima'), 95, 'Mijn buurvrouw Joke zat ertussen, zo verdiend!', { pii: ['person_name'] });
  b.reblog('v17-boost-lintjes', V, clock.at('2026-04-24 16:00'), b13);
  post('b14-koningsdag', B, '2026-04-27 08:00', 'Fijne Koningsdag allemaal! 🧡 #koningsdag');
  post('b15-ondernemers', B, '2026-05-01 13:00', 'Goed gesprek met ondernemers in de binnenstad over de plannen voor de Markt.');
  const b16 = post(
    'b16-toespraak',
    B,
    '2026-05-04 21:00',
    'Vanavond stonden we stil bij alle slachtoffers van oorlog en geweld. Vrijheid is niet vanzelfsprekend. #4mei',
  );
  reply('b16/self', b16, B, 5, 'Lees de hele toespraak op https://www.voorbeeldstad.nl/toespraak-4-mei');
  reply(
    'b16/anouk',
    b16,
    c('anouk'),
    60,
    'Als lid van de Protestantse Gemeente was ik bij de dienst in de Grote Kerk. Mooie woorden, burgemeester.',
    { pii: ['religion_belief'] },
  );
  const b17 = post('b17-noord', B, '2026-05-08 10:00', 'Vandaag op wijkbezoek in Noord. Dank voor alle gesprekken!');
  reply('b17/lisa', b17, c('lisa'), 45, 'Kom ook eens langs in Zuid!');
  post('b18-buurtpreventie', B, '2026-05-13 19:00', 'Buurtpreventie werkt. Samen houden we onze wijken veilig. #veiligheid');
  const b19 = post('b19-vr', B, '2026-05-15 11:00', 'Overleg in het algemeen bestuur van @veiligheidsregio over de crisisplannen voor de zomer.');
  reply('b19/vr', b19, acc.safetyRegion, 30, 'Dank, burgemeester! Samen maken we de regio veiliger.');
  const b20 = post('b20-opendag', B, '2026-05-18 09:00', 'Zaterdag 30 mei is het open dag in het gemeentehuis. Kom kijken achter de schermen!');
  const b20q = reply('b20/sanne', b20, c('sanne'), 40, 'Is er ook iets voor kinderen te doen?');
  reply('b20/answer', b20q, B, 30, 'Zeker! Er is een speurtocht door het hele gemeentehuis.');
  post('b21-jongerenraad', B, '2026-05-20 16:00', 'Inspirerend gesprek met de jongerenraad over wonen en uitgaan in Voorbeeldstad.');
  post('b22-voedselbank', B, '2026-05-22 12:00', 'Vandaag meegeholpen bij het uitdelen van pakketten bij de Voedselbank.');
  const b23 = post(
    'b23-condoleance',
    B,
    '2026-05-25 10:00',
    'Met verdriet hoorden wij van het overlijden van oud-wethouder Henk Smit. Onze gedachten zijn bij zijn familie.',
    { pii: ['person_name'] },
  );
  reply('b23/els', b23, c('els'), 80, 'Gecondoleerd. Henk Smit heeft veel voor de stad betekend.', { pii: ['person_name'] });
  const b24 = post('b24-fietsbrug', B, '2026-05-27 15:00', 'De nieuwe fietsbrug over het kanaal is open! #fiets');
  reply('b24/fietsfan', b24, c('fietsfan'), 25, 'Eindelijk een veilige oversteek!');
  post('b25-kinderen', B, '2026-05-29 14:00', 'Goed gesprek met de Raad van Kinderen. Zij willen meer groen op de schoolpleinen.');

  // ---- The next day ----
  b.nextDayStatus({
    key: 'n1-hitte',
    by: V,
    at: clock.at('2026-06-01 09:00'),
    text: 'Het wordt deze week warm, boven de 30 graden. Zoek de schaduw op, drink genoeg water en let op elkaar. #hitte',
    media: [{ format: 'png', pattern: 'chart', description: 'Temperatuurverwachting voor deze week' }],
  });
  const youth = b.nextDayStatus({
    key: 'n2-jongerenwerk',
    by: B,
    at: clock.at('2026-06-01 13:00'),
    text: 'Vandaag de nieuwe jongerenwerkers verwelkomd. Welkom in Voorbeeldstad!',
    media: [{ format: 'jpeg', description: 'Groepsfoto van de jongerenwerkers' }],
  });
  b.nextDayStatus({ key: 'n2/els', by: c('els'), replyTo: youth, at: clock.after(youth, 60), text: 'Goed bezig!' });
  const paper = b.nextDayStatus({
    key: 'n3-afval/henk',
    by: c('henk'),
    replyTo: v10,
    at: clock.at('2026-06-01 08:30'),
    text: 'Klopt het dat het oud papier in juni op dinsdag wordt opgehaald?',
  });
  b.nextDayStatus({
    key: 'n3-afval/answer',
    by: V,
    replyTo: paper,
    at: clock.at('2026-06-01 10:15'),
    text: 'Dank voor uw vraag. Ja, vanaf juni wordt oud papier op dinsdag opgehaald.',
  });
  b.nextDayStatus({
    key: 'n4-speeltuin/mo',
    by: c('mo'),
    replyTo: v24,
    at: clock.at('2026-06-01 09:40'),
    text: 'De schommel is nu al kapot 🙁',
    media: [{ format: 'jpeg', description: 'Kapotte schommel' }],
  });
  b.nextDayStatus({
    key: 'n4-speeltuin/maria',
    by: c('mariadevries'),
    replyTo: v24lisa,
    at: clock.at('2026-06-01 11:00'),
    text: 'Gezellig! Dan kunnen Daan en mijn dochter Noor samen spelen.',
    pii: ['person_name'],
  });
  b.nextDayStatus({
    key: 'n4-speeltuin/piet',
    by: c('pietjansen'),
    replyTo: v24,
    at: clock.at('2026-06-01 12:30'),
    text: 'Kunt u mij bellen over de bankjes bij de speeltuin? 06-34567890',
    pii: ['phone'],
  });
  b.nextDayEdit(
    v21,
    clock.at('2026-06-01 07:45'),
    'Let op: de weekmarkt staat van 18 mei tot en met 6 juli op het Kerkplein, omdat de Markt opnieuw wordt bestraat. ' +
      'Het werk duurt een week langer dan gepland. #markt',
  );
  b.nextDayEdit(
    stempas,
    clock.at('2026-06-01 10:00'),
    'Mijn stempas is kwijt, wat moet ik nu doen? (Edit: gevonden, lag bij de post van de buren 🙈 Inmiddels gestemd!)',
  );
  b.nextDayDelete(milieustraat);
  b.nextDayDelete(plate);
  b.nextDayDelete(political);
  return b.ds;
}
