// The demo story on Instagram: Gemeente Voorbeeldstad's professional account, spring 2026. Pictures
// and a carousel, citizens' comments (some with personal data), the municipality's replies, one busy
// comment with more replies than fit on a page, emoji and non-ASCII names; and a next day with a new
// post, new replies on an old comment, a caption edit and deletions.
import { InstagramDataset, type IgFakeComment, type IgFakeMedia } from './dataset.js';

export const IG_DEMO_NOW = '2026-06-01T06:00:00.000Z';
const DAY = 86_400_000;

export function instagramDemoDataset(opts: { now?: string | Date } = {}): InstagramDataset {
  const now = new Date(opts.now ?? IG_DEMO_NOW).getTime();
  const at = (days: number, hhmm: string): string => {
    const d = new Date(now - days * DAY);
    const [h, m] = hhmm.split(':').map(Number);
    d.setUTCHours(h!, m!, 0, 0);
    return d.toISOString();
  };
  const after = (t: string, minutes: number) => new Date(Date.parse(t) + minutes * 60_000).toISOString();

  const ds = new InstagramDataset('demo', new Date(now).toISOString(), {
    username: 'gemeentevoorbeeldstad',
    name: 'Gemeente Voorbeeldstad',
    biography: 'Officieel account van de gemeente Voorbeeldstad 🏛️ Geen formele verzoeken via Instagram. Privacy: voorbeeldstad.nl/privacy',
    website: 'https://www.voorbeeldstad.nl',
    followers: 6_420,
    follows: 112,
  });
  const self = ds.self;
  const u = (name: string) => ds.user(name);
  const comment = (m: IgFakeMedia, key: string, by: ReturnType<typeof u>, minutes: number, text: string, pii?: string[]): IgFakeComment =>
    ds.addComment(m, { key, by, at: after(m.createdAt, minutes), text, pii });
  const reply = (to: IgFakeComment, key: string, by: ReturnType<typeof u>, minutes: number, text: string, pii?: string[]): IgFakeComment =>
    ds.addComment(ds.mediaOf(to), { key, by, at: after(to.createdAt, minutes), text, replyTo: to, pii });

  const koningsdag = ds.addMedia({ key: 'koningsdag', at: at(35, '17:00'), caption: 'Één dag oranje! 🇳🇱🎉 Bedankt aan iedereen die Koningsdag tot een feest maakte. #koningsdag #voorbeeldstad', likes: 512 });
  const zoe = comment(koningsdag, 'koningsdag/zoe', u('zoe.vandijk'), 20, 'Wat een sfeer! 😍');
  reply(zoe, 'koningsdag/zoe/self', self, 45, '@zoe.vandijk Dank je wel! Tot volgend jaar 🧡');

  const brandweer = ds.addMedia({
    key: 'open-dag',
    at: at(25, '12:00'),
    caption: 'Open dag bij de brandweerkazerne: blussen, de hoogwerker in en een kijkje in de meldkamer. Swipe voor meer foto’s 👉',
    pictures: [{}, { pattern: 'photo' }, { pattern: 'chart' }],
    likes: 301,
  });
  comment(brandweer, 'open-dag/mehmet', u('mehmet.yilmaz'), 30, 'Mijn zoon wil nu brandweerman worden 🚒');
  const klacht = comment(brandweer, 'open-dag/klacht', u('h.groen1961'), 90, 'Leuk allemaal, maar bij mij op de Dorpsstraat 8 staat al weken een lantaarnpaal uit. Bel me maar: 0612345678', ['postal_address', 'phone']);
  reply(klacht, 'open-dag/klacht/self', self, 60, '@h.groen1961 Vervelend! Wilt u het melden via voorbeeldstad.nl/melding? Dan komt het bij de juiste collega terecht.');

  const storm = ds.addMedia({ key: 'storm', at: at(20, '07:00'), caption: 'Code oranje 🌬️ Blijf vandaag zo veel mogelijk binnen. Schade aan gemeentebomen? Bel 14 0555.', likes: 88 });
  comment(storm, 'storm/sanne', u('sannebakker'), 40, 'Boom omgewaaid bij de Beukenlaan, auto 12-KLB-3 staat eronder!', ['licence_plate']);

  // A busy discussion: more replies than the first page of a nested `replies` edge holds.
  const speeltuin = ds.addMedia({ key: 'speeltuin', at: at(6, '15:30'), caption: 'De nieuwe speeltuin in het Julianapark is open! ☀️', pictures: [{ exif: { make: 'Apple', model: 'iPhone 15', dateTime: '2026:05:26 15:02:11', gps: { lat: 52.0907, lon: 5.1214 } } }], likes: 740 });
  const schaduw = comment(speeltuin, 'speeltuin/schaduw', u('lisa.hoekstra'), 15, 'Mooi, maar waarom staat er geen enkele boom voor schaduw? Mijn dochter Emma verbrandde gisteren.', ['person_name', 'health']);
  const voices = ['jan.devries', 'fatima.elamrani', 'joelle.smit', 'ravi.ramdin', 'tomvisser', 'ria_deboer', 'gerrit.mulder', 'anouk.peeters'];
  const lines = [
    'Helemaal mee eens, het is daar een oven.',
    'Er komen toch bomen in het najaar?',
    'Een schaduwdoek zou al helpen.',
    'Wij gaan daarom naar het andere park.',
    'Ik heb het gemeld, nog niks gehoord.',
    'Misschien een parasol meenemen 😅',
  ];
  for (let i = 0; i < 30; i++) reply(schaduw, `speeltuin/schaduw/${i}`, u(voices[i % voices.length]!), 10 + i * 7, `${lines[i % lines.length]} (${i + 1})`);
  reply(schaduw, 'speeltuin/schaduw/self', self, 260, '@lisa.hoekstra Terechte vraag! In oktober worden er zes bomen geplant en deze zomer komt er een schaduwdoek.');

  const mantelzorg = ds.addMedia({ key: 'mantelzorg', at: at(2, '08:00'), caption: 'Deze week zetten we alle mantelzorgers in het zonnetje 💛 Vraag de mantelzorgwaardering aan vóór 1 juli.', likes: 203 });
  const ria = comment(mantelzorg, 'mantelzorg/ria', u('ria_deboer'), 30, 'Ik zorg al vijf jaar voor mijn man met dementie. Fijn dat er aandacht voor is 🙏', ['health']);
  comment(mantelzorg, 'mantelzorg/iban', u('tomvisser'), 50, 'Komt het geld op NL91ABNA0417164300?', ['iban']);

  const raad = ds.addMedia({ key: 'raad', at: at(1, '10:00'), caption: 'Donderdag praat de gemeenteraad over de omgevingsvisie. Live te volgen via de website.', likes: 41 });

  ds.onNextDay(() => {
    const zwembad = ds.addMedia({ key: 'zwembad', at: at(-1, '05:00'), caption: 'Het buitenbad is weer open! 🏊', likes: 12 });
    ds.addComment(zwembad, { key: 'zwembad/vraag', by: u('zoe.vandijk'), at: at(-1, '05:20'), text: 'Tot hoe laat is het open?' });
    ds.addComment(koningsdag, { key: 'koningsdag/zoe/later', by: u('mehmet.yilmaz'), at: at(-1, '04:00'), text: '@zoe.vandijk zeker weten!', replyTo: zoe });
    ds.editCaption(raad, 'Donderdag 4 juni praat de gemeenteraad over de omgevingsvisie "Één stad, één plan". Live te volgen via de website.');
    ds.deleteMedia(storm);
    ds.deleteComment(ria);
  });
  return ds;
}
