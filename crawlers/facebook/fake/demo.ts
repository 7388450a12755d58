// The demo story on Facebook: Gemeente Voorbeeldstad's Page from February to June 2026, citizens'
// comments (some with personal data written naturally, some only looking like it), photos with EXIF,
// an album, link shares, a hidden comment, non-ASCII names and emoji; and a next day with new posts,
// new comments on an old and a recent thread, edits and deletions.
import { FacebookDataset, type FbFakeComment, type FbFakePost } from './dataset.js';

export const FB_DEMO_NOW = '2026-06-01T06:00:00.000Z';
const DAY = 86_400_000;

export interface FbDemoOptions {
  /** "Today" of the story (default FB_DEMO_NOW); every time moves with it. */
  now?: string | Date;
}

export function facebookDemoDataset(opts: FbDemoOptions = {}): FacebookDataset {
  const now = new Date(opts.now ?? FB_DEMO_NOW).getTime();
  /** `days` before today at `hh:mm` (UTC). */
  const at = (days: number, hhmm: string): string => {
    const d = new Date(now - days * DAY);
    const [h, m] = hhmm.split(':').map(Number);
    d.setUTCHours(h!, m!, 0, 0);
    return d.toISOString();
  };
  const after = (t: string, minutes: number): string => new Date(Date.parse(t) + minutes * 60_000).toISOString();

  const ds = new FacebookDataset('demo', new Date(now).toISOString(), {
    username: 'gemeentevoorbeeldstad',
    name: 'Gemeente Voorbeeldstad',
    about: 'Dit is de officiële Facebookpagina van de gemeente Voorbeeldstad. Formele verzoeken, bezwaren en klachten kunt u hier niet indienen. Privacyverklaring: https://www.voorbeeldstad.nl/privacy',
    description: 'Nieuws, werkzaamheden en evenementen in Voorbeeldstad. Wij reageren op werkdagen tussen 8.30 en 17.00 uur.',
    category: 'Overheidsorganisatie',
    website: 'https://www.voorbeeldstad.nl',
    phone: '14 0555',
    emails: ['info@voorbeeldstad.nl'],
    address: 'Raadhuisplein 1, 1234 AA Voorbeeldstad',
    fans: 18_240,
    followers: 19_115,
  });
  const page = ds.pageUser;
  const u = (name: string) => ds.user(name);
  const comment = (post: FbFakePost, key: string, by: ReturnType<typeof u>, t: string, message: string, extra: Partial<Parameters<FacebookDataset['addComment']>[1]> = {}): FbFakeComment =>
    ds.addComment(post, { key, by, at: t, message, ...extra });
  const reply = (to: FbFakeComment, key: string, by: ReturnType<typeof u>, minutes: number, message: string, extra: Partial<Parameters<FacebookDataset['addComment']>[1]> = {}): FbFakeComment =>
    ds.addComment(ds.postOf(to), { key, by, at: after(to.createdAt, minutes), message, replyTo: to, ...extra });

  // ---- road works, three months ago ----
  const riool = ds.addPost({
    key: 'riolering',
    at: at(90, '08:30'),
    message:
      'Vanaf maandag 9 maart vernieuwen we de riolering onder de Stationsweg. De weg is tot en met 24 april afgesloten tussen de Julianastraat en de Parallelweg. Fietsers en voetgangers kunnen er langs.\n\nMeer informatie: https://www.voorbeeldstad.nl/werkzaamheden/stationsweg',
    photos: [{ caption: 'Afzetting op de Stationsweg', exif: { make: 'samsung', model: 'SM-A546B', dateTime: '2026:03:02 08:12:40', gps: { lat: 52.09071, lon: 5.12142 } } }],
    reactions: 41,
    shares: 6,
  });
  const piet = comment(riool, 'riool/piet', u('Piet Jansen'), after(riool.createdAt, 95),
    'Goedemorgen, bij ons voor de deur (Lindelaan 14, 1234 AB Voorbeeldstad) staan de hekken al sinds vrijdag op de stoep. Mijn vrouw kan met de rollator niet meer langs. Kunt u mij even bellen op 06-12345678?\n\nMet vriendelijke groet,\nPiet Jansen',
    { pii: ['postal_address', 'postcode', 'phone', 'person_name'] });
  reply(piet, 'riool/piet/answer', page, 48, 'Dank voor uw melding, meneer Jansen. We hebben de aannemer gevraagd de hekken vandaag te verplaatsen. Uw melding staat geregistreerd onder nummer 2026-004512. Voor vragen kunt u ook bellen met 14 0555.', { pii: ['person_name'] });
  const jan = comment(riool, 'riool/jan', u('Jan de Vries'), after(riool.createdAt, 180), "Wordt de Stationsweg ook 's avonds afgesloten? Ik werk in ploegendienst.");
  reply(jan, 'riool/jan/answer', page, 65, 'Goedemiddag Jan, de afsluiting geldt de hele dag. U kunt omrijden via de Parallelweg.', { pii: ['person_name'] });

  // ---- waste calendar, 45 days ago: an old thread that gets new comments tomorrow ----
  const afval = ds.addPost({
    key: 'afvalkalender',
    at: at(45, '09:00'),
    message: 'De nieuwe afvalkalender staat online. Vanaf 1 mei wordt het gft in de zomermaanden elke week opgehaald. Bekijk uw ophaaldagen via de link.',
    link: { url: 'https://www.voorbeeldstad.nl/afval/kalender-2026', title: 'Afvalkalender 2026 | Gemeente Voorbeeldstad', description: 'Bekijk wanneer uw container wordt geleegd.' },
    reactions: 12,
  });
  const fatima = comment(afval, 'afval/fatima', u('Fatima el Amrani'), after(afval.createdAt, 30),
    'Mijn groene container aan de Kerkstraat 12 is al twee weken niet geleegd. Mijn buurman zegt dat het aan de chip ligt?', { pii: ['postal_address', 'person_name'] });
  reply(fatima, 'afval/fatima/answer', page, 120, 'Vervelend! Wilt u dit melden via www.voorbeeldstad.nl/melding? Dan kijkt de inzameldienst naar de chip van uw container.');
  comment(afval, 'afval/jurgen', u('Jürgen Müller'), after(afval.createdAt, 300), 'Eindelijk elke week gft in de zomer, top! 👍');

  // ---- King's Day album, 35 days ago ----
  const koningsdag = ds.addPost({
    key: 'koningsdag',
    at: at(35, '18:00'),
    message: 'Wat een feest was het! Één dag vol muziek, vrijmarkt en oranje 🇳🇱🎉 Bedankt aan alle vrijwilligers die Koningsdag in Voorbeeldstad mogelijk maakten.',
    photos: [{ caption: 'Vrijmarkt op het Raadhuisplein' }, { caption: 'Optreden van de harmonie' }, { caption: 'Oranjeloop' }],
    albumTitle: 'Koningsdag 2026 in Voorbeeldstad',
    reactions: 230,
    shares: 14,
  });
  const zoe = comment(koningsdag, 'koningsdag/zoe', u('Zoë van Dijk'), after(koningsdag.createdAt, 12), 'Wat een mooie dag! 😍 Onze kinderen hebben de hele dag op de vrijmarkt gestaan.');
  reply(zoe, 'koningsdag/zoe/mehmet', u('Mehmet Yılmaz'), 40, 'Ja, en het weer was ook perfect ☀️');
  comment(koningsdag, 'koningsdag/joelle', u('Joëlle Smit'), after(koningsdag.createdAt, 95), 'Volgend jaar graag meer prullenbakken op het plein, het was een rommel na afloop.');

  // ---- storm warning, 20 days ago ----
  const storm = ds.addPost({
    key: 'storm',
    at: at(20, '06:45'),
    message: 'Code oranje: vandaag worden zware windstoten tot 110 km/u verwacht. Zet losse spullen vast en blijf zo veel mogelijk binnen. Schade aan bomen in de openbare ruimte? Bel 14 0555.',
    reactions: 97,
    shares: 55,
  });
  const sanne = comment(storm, 'storm/sanne', u('Sanne Bakker'), after(storm.createdAt, 90),
    'Er ligt een grote tak op de weg bij de Beukenlaan, auto met kenteken 12-KLB-3 staat eronder. Ik ben bereikbaar op 06-98765432.', { photo: true, pii: ['licence_plate', 'phone'] });
  reply(sanne, 'storm/sanne/answer', page, 25, 'Dank u, Sanne. Er is een ploeg onderweg.', { pii: ['person_name'] });
  comment(storm, 'storm/troll', u('Kees Kortekaas'), after(storm.createdAt, 130), 'Waar betalen we eigenlijk belasting voor, idioten.', { hidden: true });
  const anouk = comment(storm, 'storm/anouk', u('Anouk Peeters'), after(storm.createdAt, 200), 'Bij ons is de stroom uitgevallen, weet iemand meer?');
  reply(anouk, 'storm/anouk/jan', u('Jan de Vries'), 15, 'Hier ook, Stedin zegt dat het rond 14.00 uur weer werkt.');

  // ---- council meeting, 12 days ago ----
  const raad = ds.addPost({
    key: 'raad',
    at: at(12, '10:00'),
    message: 'Donderdag vergadert de gemeenteraad over de omgevingsvisie "Één stad, één plan". De vergadering is openbaar en live te volgen via de website.',
    place: { name: 'Raadhuis Voorbeeldstad', city: 'Voorbeeldstad', street: 'Raadhuisplein 1', zip: '1234 AA', latitude: 52.0912, longitude: 5.1223 },
    reactions: 18,
  });
  const stem = comment(raad, 'raad/stem', u('Henk Groen'), after(raad.createdAt, 45), 'Ik stem al twintig jaar op de SP en dit plan gaat mijn stem niet krijgen. De binnenstad wordt onbetaalbaar.', { pii: ['political_opinion'] });
  reply(stem, 'raad/stem/answer', page, 80, 'Dank voor uw reactie. U kunt ook inspreken tijdens de vergadering; aanmelden kan tot woensdag 12.00 uur via griffie@voorbeeldstad.nl.');

  // ---- new playground, 5 days ago: a recent thread that gets new comments tomorrow ----
  const speeltuin = ds.addPost({
    key: 'speeltuin',
    at: at(5, '15:30'),
    message: 'De nieuwe speeltuin in het Julianapark is open! Met een rolstoeltoegankelijke schommel en een waterspeelplaats.',
    photos: [{ caption: 'Kinderen op de nieuwe schommel' }],
    reactions: 156,
  });
  const moeder = comment(speeltuin, 'speeltuin/moeder', u('Lisa Hoekstra'), after(speeltuin.createdAt, 60),
    'Geweldig! Mijn dochter Emma (geboren op 12-03-2019) heeft een beperking en kan nu eindelijk mee schommelen.', { pii: ['person_name', 'date_of_birth', 'health'] });
  reply(moeder, 'speeltuin/moeder/answer', page, 30, 'Wat fijn om te horen, Lisa! Veel speelplezier.');

  // ---- bulky waste, 3 days ago: no comments ----
  ds.addPost({ key: 'grofvuil', at: at(3, '09:15'), message: 'Grofvuil laten ophalen? Maak een afspraak via de website of bel 14 0555. Ophalen is gratis tot 2 m³ per keer.' });

  // ---- vacancy, 2 days ago: deleted tomorrow ----
  const vacature = ds.addPost({
    key: 'vacature',
    at: at(2, '11:00'),
    message: 'Vacature: beleidsmedewerker duurzaamheid (32–36 uur). Reageren kan tot 20 juni.',
    link: { url: 'https://werkenbij.voorbeeldstad.nl/vacatures/beleidsmedewerker-duurzaamheid', title: 'Beleidsmedewerker duurzaamheid', description: 'Werken aan een duurzame gemeente.' },
  });
  comment(vacature, 'vacature/vraag', u('Ravi Ramdin'), after(vacature.createdAt, 70), 'Kan ik mijn cv ook sturen naar r.ramdin@gmail.com voor meer info?', { pii: ['email'] });

  // ---- informal carers, yesterday ----
  const zorg = ds.addPost({ key: 'mantelzorg', at: at(1, '08:00'), message: 'Deze week zetten we alle mantelzorgers in het zonnetje. Ook mantelzorger? Vraag de mantelzorgwaardering aan vóór 1 juli.' });
  const ria = comment(zorg, 'mantelzorg/ria', u('Ria de Boer'), after(zorg.createdAt, 30),
    'Ik zorg al vijf jaar voor mijn man met dementie. Na de kerkdienst op zondag is het even mijn eigen tijd. Fijn dat er aandacht voor is.', { pii: ['health', 'religion_belief'] });
  const iban = comment(zorg, 'mantelzorg/iban', u('Tom Visser'), after(zorg.createdAt, 55), 'Wordt de waardering overgemaakt op NL91ABNA0417164300? Dat is de rekening van mijn moeder.', { pii: ['iban'] });
  reply(iban, 'mantelzorg/iban/answer', page, 20, 'Goedemorgen Tom, deel alstublieft geen rekeningnummers op Facebook. Stuur ons een privébericht, dan helpen we u verder.');

  // ---- the next day ----
  const tomorrow = (hhmm: string) => at(-1, hhmm);
  ds.onNextDay(() => {
    const markt = ds.addPost({ key: 'weekmarkt', at: tomorrow('05:00'), message: 'De weekmarkt verhuist tijdelijk naar het Stationsplein.', photos: [{ caption: 'Marktkramen op het Stationsplein' }] });
    ds.addComment(markt, { key: 'weekmarkt/vraag', by: u('Zoë van Dijk'), at: tomorrow('05:20'), message: 'Staat de viskraam er ook?' });
    ds.addPost({ key: 'zwembad', at: tomorrow('05:30'), message: 'Het buitenbad gaat zaterdag open. Kaartjes zijn online te koop.' });
    ds.addComment(afval, { key: 'afval/nieuw', by: u('Mehmet Yılmaz'), at: tomorrow('04:10'), message: 'Wordt het papier in juli ook vaker opgehaald?' });
    ds.addComment(speeltuin, { key: 'speeltuin/opa', by: u('Gerrit Mulder'), at: tomorrow('04:30'), message: 'Mooi gedaan. Komt er ook een bankje voor de opa’s en oma’s?' });
    ds.addComment(speeltuin, { key: 'speeltuin/moeder/dank', by: u('Lisa Hoekstra'), at: tomorrow('04:40'), message: 'Dank jullie wel! 🙏', replyTo: moeder });
    ds.editPost(raad, 'Donderdag 4 juni vergadert de gemeenteraad over de omgevingsvisie "Één stad, één plan". De vergadering is openbaar en live te volgen via de website.', tomorrow('04:00'));
    ds.editComment(anouk, 'Bij ons is de stroom uitgevallen, weet iemand meer? (update: werkt weer)');
    ds.deletePost(vacature);
    ds.deleteComment(ria);
  });
  return ds;
}
