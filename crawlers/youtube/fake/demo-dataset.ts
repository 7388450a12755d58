// The demo story of the fake YouTube: the channel of Gemeente Voorbeeldstad with a dozen videos
// from February to May, comments by residents (some with personal data written as people write
// it), the municipality's answers, one video with comments turned off, one thread too long to come
// with all its replies, and a "next day" with new videos, new comments on an old and a recent
// video, edits and deletions.
import { FakeYouTubeDataset, ids, type FakeAuthor, type FakeComment, type FakeVideo } from './store.js';

export const DEMO_NOW = '2026-06-01T06:00:00Z';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface DemoOptions {
  /** The moment the story is told from; every time shifts with it. Default DEMO_NOW. */
  now?: Date;
}

const resident = (handle: string): FakeAuthor => ({ channelId: ids.channel(`resident:${handle}`), handle: `@${handle}` });

export function demoDataset(opts: DemoOptions = {}): FakeYouTubeDataset {
  const nowMs = Math.floor((opts.now?.getTime() ?? Date.parse(DEMO_NOW)) / 1000) * 1000;
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const ago = (days: number, hours = 0, minutes = 0): string => iso(nowMs - days * DAY - hours * HOUR - minutes * MIN);
  /** Some time after `t` (for replies and edits). */
  const after = (t: string, minutes: number): string => iso(Date.parse(t) + minutes * MIN);
  const ds = new FakeYouTubeDataset('youtube-demo', iso(nowMs));

  const town = ds.addChannel({
    id: ids.channel('voorbeeldstad'),
    handle: '@voorbeeldstad',
    title: 'Gemeente Voorbeeldstad',
    description:
      'Het officiële YouTube-kanaal van de gemeente Voorbeeldstad: uitleg, terugkijken van raadsvergaderingen en nieuws uit de wijken.\n\n' +
      'Via dit kanaal kunt u geen aanvragen, bezwaren of klachten indienen; dat kan via www.voorbeeldstad.nl/contact.\n' +
      'Privacyverklaring: https://www.voorbeeldstad.nl/privacy',
    publishedAt: '2012-03-14T09:12:44Z',
    country: 'NL',
    keywords: 'gemeente Voorbeeldstad raadsvergadering nieuws',
    avatar: { format: 'jpeg', width: 800, height: 800, pattern: 'avatar', seed: 4101 },
    banner: { format: 'jpeg', width: 2048, height: 1152, pattern: 'header', seed: 4102 },
    subscribers: 2840,
  });
  const own: FakeAuthor = { channelId: town.id, handle: '@voorbeeldstad' };

  const jan = resident('jandevries-vbs');
  const fatima = resident('fatima.elamrani');
  const piet = resident('pietbakker1962');
  const lisa = resident('lisa_jansen');
  const henk = resident('henkmulder');
  const sanne = resident('sannevisser');
  const ahmed = resident('ahmedyilmaz');
  const marieke = resident('mariekebos');
  const ruud = resident('ruudsmit');
  const anneke = resident('annekedejong');
  const tom = resident('tomvandijk');
  const region = resident('veiligheidsregio-vbs');

  let seed = 5000;
  const video = (key: string, publishedAt: string, title: string, description: string, more: Partial<FakeVideo> = {}): FakeVideo =>
    ds.addVideo({
      id: ids.video(key),
      channelId: town.id,
      publishedAt,
      title,
      description,
      tags: ['Voorbeeldstad', 'gemeente'],
      categoryId: '25',
      durationSeconds: 180,
      definition: 'hd',
      thumbnailSeed: seed++,
      commentsDisabled: false,
      views: 300 + (seed % 97) * 41,
      likes: 12,
      ...more,
    });
  const comment = (v: FakeVideo, key: string, author: FakeAuthor, text: string, publishedAt: string, more: Partial<FakeComment> = {}): FakeComment =>
    ds.addComment({ id: ids.comment(`${v.id}:${key}`), videoId: v.id, parentId: null, author, text, publishedAt, ...more });
  const reply = (top: FakeComment, key: string, author: FakeAuthor, text: string, minutesLater: number, more: Partial<FakeComment> = {}): FakeComment =>
    ds.addComment({ id: ids.reply(top.id, key), videoId: top.videoId, parentId: top.id, author, text, publishedAt: after(top.publishedAt, minutesLater), ...more });

  // ---- February ----
  const raad = video(
    'raad-feb',
    ago(110, 2),
    'Raadsvergadering 12 februari 2026 – terugkijken',
    'De volledige raadsvergadering van 12 februari 2026.\n\n00:00 Opening\n04:12 Vragenuur\n31:40 Begroting jeugdzorg\n1:12:05 Sluiting\n\nStukken: https://www.voorbeeldstad.nl/raad/2026-02-12',
    { durationSeconds: 4380, tags: ['raadsvergadering', 'gemeenteraad', 'Voorbeeldstad'] },
  );
  const raadC1 = comment(raad, 'c1', piet, 'Goed dat dit terug te kijken is. Jammer dat het geluid bij het vragenuur zo slecht was.', ago(109, 20));
  reply(raadC1, 'r1', own, 'Dank voor uw reactie. We hebben de microfoons in de raadzaal inmiddels laten nakijken.', 900);
  comment(raad, 'c2', anneke, 'Wethouder Jansen zegt bij 31:40 dat de wachtlijsten korter worden, maar mijn zoon wacht al een jaar. Hoe zit dat?', ago(109, 10), { pii: ['person_name'] });

  const carnaval = video('carnaval', ago(100, 5), 'Terugblik carnaval 2026', 'Een sfeerimpressie van de optocht door het centrum. Met dank aan alle vrijwilligers!', { durationSeconds: 95 });
  comment(carnaval, 'c1', lisa, 'Wat een mooie optocht weer! Onze wagen staat er ook op 🎉', ago(99, 3), { likes: 7 });

  const winter = video('winterdienst', ago(95, 8), 'Winterdienst: zo strooien wij', 'Waar en wanneer strooit de gemeente? Uitleg over de strooiroutes.\n\nKaart: https://www.voorbeeldstad.nl/winterdienst', {
    durationSeconds: 142,
  });
  void winter;

  // ---- March ----
  const afval = video(
    'afvalinzameling',
    ago(80, 4),
    'Uitleg: zo werkt de nieuwe afvalinzameling',
    'Vanaf 1 april haalt de gemeente gft en restafval om de week op. In deze video leggen we uit hoe het werkt.\n\nAfvalkalender: https://www.voorbeeldstad.nl/afval',
    { durationSeconds: 214, tags: ['afval', 'gft', 'afvalkalender'] },
  );
  const afvalC1 = comment(afval, 'c1', henk, 'Onze container is al twee keer niet geleegd. Adres Kerkstraat 3, 1234 AC. Wie kan ik bellen?', ago(79, 6), { pii: ['postal_address', 'postcode'] });
  reply(afvalC1, 'r1', own, 'Vervelend! Wilt u dit melden via www.voorbeeldstad.nl/melding of 14 0555? Dan lossen we het zo snel mogelijk op.', 120);
  reply(afvalC1, 'r2', henk, 'Gemeld, dank u.', 300);
  comment(afval, 'c2', sanne, 'Duidelijke uitleg, dank jullie wel.', ago(78, 2));

  const stationsweg = video(
    'stationsweg',
    ago(60, 3),
    'Werkzaamheden Stationsweg: omleiding voor fietsers',
    'Van 15 maart tot en met 30 april is de Stationsweg afgesloten. Fietsers volgen de omleiding via de Parklaan.',
    { durationSeconds: 76 },
  );
  const swC1 = comment(
    stationsweg,
    'c1',
    marieke,
    'De omleiding is levensgevaarlijk voor schoolkinderen. Mijn dochter Eva (groep 6) fietst daar elke dag. Bel mij gerust: 06-12345678.',
    ago(59, 22),
    { pii: ['person_name', 'phone'], likes: 14 },
  );
  reply(swC1, 'r1', own, 'Dank voor uw melding. We kijken met de aannemer of er extra verkeersregelaars kunnen komen bij de schooltijden.', 200);
  reply(swC1, 'r2', tom, 'Helemaal mee eens, ook bij de Lindelaan is het druk.', 340);
  comment(stationsweg, 'c2', ruud, 'Mijn auto (12-KLB-3) is bij de afsluiting beschadigd door een bouwhek. Wie betaalt dat? Mail naar ruud.smit@example.nl', ago(58, 5), {
    pii: ['licence_plate', 'email'],
  });

  // ---- April ----
  const verkiezing = video(
    'verkiezingen',
    ago(45, 6),
    'Verkiezingen: zo stemt u per brief',
    'Stemmen per brief kan voor kiezers van 70 jaar en ouder. Alles over de briefstembewijzen in 2 minuten.',
    { durationSeconds: 118 },
  );
  comment(verkiezing, 'c1', ahmed, 'Ik stem dit jaar op de lokale partij, die luistert tenminste naar de wijk.', ago(44, 3), { pii: ['political_opinion'] });
  comment(verkiezing, 'c2', piet, 'Geboren op 12-03-1954 en nog geen briefstembewijs ontvangen. Hoe kan dat?', ago(44, 1), { pii: ['date_of_birth'] });

  const koningsdag = video(
    'koningsdag',
    ago(35, 5),
    'Koningsdag 2026 in Voorbeeldstad',
    'De vrijmarkt, de aubade en de kinderspelen op het Marktplein.',
    { durationSeconds: 261, tags: ['Koningsdag', 'vrijmarkt', 'Voorbeeldstad'] },
  );
  const kdC1 = comment(koningsdag, 'c1', fatima, 'Waarom was er dit jaar geen muziek op het Marktplein? Vorig jaar was het veel gezelliger.', ago(34, 20), { likes: 22 });
  const kdReplies: [FakeAuthor, string][] = [
    [own, 'Dank voor uw vraag. Door de werkzaamheden aan het plein was er dit jaar geen ruimte voor een podium.'],
    [lisa, 'Klopt, het podium stond vorig jaar precies waar nu de bouwkeet staat.'],
    [jan, 'Jammer, maar begrijpelijk.'],
    [fatima, 'Dan hoop ik op volgend jaar!'],
    [tom, 'De kinderspelen waren wel erg leuk.'],
    [sanne, 'Mijn kinderen hebben genoten van het springkussen.'],
    [own, 'Fijn om te horen! Volgend jaar is het plein klaar en komt het podium terug.'],
    [henk, 'Top, dan kom ik zeker.'],
  ];
  kdReplies.forEach(([a, text], i) => reply(kdC1, `r${i + 1}`, a, text, 30 + i * 45));
  const kdC2 = comment(koningsdag, 'c2', ruud, 'Op de vrijmarkt stond iemand zonder vergunning te verkopen bij de kerk. Wordt daar op gehandhaafd?', ago(34, 8));
  const kdC2r = reply(kdC2, 'r1', anneke, 'Dat was de buurman van nummer 8, die mag dat gewoon.', 60);
  comment(koningsdag, 'c3', marieke, 'Prachtige beelden van de aubade.', ago(33, 2));

  const herdenking = video(
    'herdenking',
    ago(25, 4),
    'Nationale Herdenking 4 mei in Voorbeeldstad',
    'De herdenking bij het monument in het Stadspark. De reacties staan bij deze video uit.',
    { durationSeconds: 1260, commentsDisabled: true },
  );
  void herdenking;

  // ---- May ----
  const vacature = video(
    'vacature',
    ago(18, 7),
    'Werken bij de gemeente: Jurre, beleidsmedewerker',
    'Jurre vertelt over zijn werk bij de gemeente. Bekijk onze vacatures op https://www.werkenbij.voorbeeldstad.nl',
    { durationSeconds: 133 },
  );
  const vacC1 = comment(vacature, 'c1', lisa, 'Leuke video! Zijn er ook stageplekken?', ago(17, 4), { updatedAt: ago(17, 3, 40) });
  reply(vacC1, 'r1', own, 'Zeker, kijk op werkenbij.voorbeeldstad.nl/stage of mail stage@voorbeeldstad.nl.', 90);

  const woningbouw = video(
    'woningbouw',
    ago(12, 5),
    'Wethouder over woningbouw in het Westerkwartier',
    'Wethouder Bakker vertelt over de 450 nieuwe woningen in het Westerkwartier.',
    { definition: 'sd', durationSeconds: 305 },
  );
  comment(woningbouw, 'c1', jan, 'Komen er ook betaalbare huurwoningen voor jongeren? Mijn dochter staat al 8 jaar ingeschreven.', ago(11, 9));
  const wbC2 = comment(woningbouw, 'c2', tom, 'Als christen vind ik het belangrijk dat er ook aan de kerk in het nieuwe plan wordt gedacht.', ago(11, 2), { pii: ['religion_belief'] });
  reply(wbC2, 'r1', own, 'Dank voor uw reactie. In het plan is ruimte gereserveerd voor maatschappelijke voorzieningen.', 240);

  const speeltuin = video('speeltuin', ago(6, 6), 'Nieuwe speeltuin Parkwijk geopend', 'Wethouder Bakker opende zaterdag de nieuwe speeltuin aan de Parkwijk. Met dank aan de buurtbewoners die meedachten!', {
    durationSeconds: 88,
  });
  const spC1 = comment(speeltuin, 'c1', sanne, 'Wat mooi geworden! Mijn zoontje wil er elke dag heen.', ago(5, 20), { likes: 9 });
  reply(spC1, 'r1', own, 'Wat leuk om te horen! Veel speelplezier.', 180);
  const spC2 = comment(speeltuin, 'c2', henk, 'Er ligt nu al glas bij de schommel. Wie ruimt dat op?', ago(5, 4));
  reply(spC2, 'r1', own, 'Dank voor uw melding, de buitendienst komt vandaag langs.', 45);

  const storm = video(
    'storm',
    ago(3, 9),
    'Storm: wat te doen bij wateroverlast',
    'Na de zware regenval van deze week: tips bij wateroverlast en waar u zandzakken kunt ophalen.\n\nMeer informatie: https://www.voorbeeldstad.nl/wateroverlast',
    { durationSeconds: 156, tags: ['storm', 'wateroverlast', 'zandzakken'] },
  );
  const stC1 = comment(
    storm,
    'c1',
    marieke,
    'Bij ons in de Lindelaan 14, 1234 AB Voorbeeldstad staat de kelder onder water. Mijn man heeft Parkinson en kan niet helpen met de zandzakken. Kan iemand langskomen?',
    ago(3, 2),
    { pii: ['postal_address', 'postcode', 'health'], likes: 5 },
  );
  reply(stC1, 'r1', own, 'Wat vervelend. Belt u alstublieft 14 0555, dan stuurt de buitendienst vandaag iemand langs.', 25);
  const stC1r2 = reply(stC1, 'r2', jan, 'Ik woon om de hoek, ik kom zo even helpen!', 50);
  const stC2 = comment(
    storm,
    'c2',
    ahmed,
    'Voor de schadeclaim: mijn BSN is 111222333 en mijn rekening NL91ABNA0417164300. Waar moet ik dit sturen?',
    ago(2, 20),
    { pii: ['bsn', 'iban'] },
  );
  reply(stC2, 'r1', own, 'Deel alstublieft geen persoonsgegevens in reacties. Een schadeclaim dient u in via www.voorbeeldstad.nl/schade.', 15);
  const stC3 = comment(storm, 'c3', region, 'Zandzakken zijn ook verkrijgbaar bij de brandweerkazerne aan de Industrieweg.', ago(2, 12));

  // ---- the next day ----
  const tomorrow = (hours: number): string => iso(nowMs + hours * HOUR);
  ds.later(() => {
    const kalender = video('afvalkalender', tomorrow(2), 'Afvalkalender 2026-2027: wat verandert er?', 'Vanaf juli wordt het oud papier elke vier weken opgehaald.', {
      durationSeconds: 99,
    });
    comment(kalender, 'c1', piet, 'Worden de containers ook vervangen? Die van ons is kapot.', tomorrow(4));
    video('inspraak', tomorrow(3), 'Inspraakavond Westerkwartier – terugkijken', 'De inspraakavond over het bestemmingsplan Westerkwartier.', { durationSeconds: 5400, definition: 'sd' });

    // New comments on an old video (80 days) and a recent one.
    comment(afval, 'c3', anneke, 'Sinds de nieuwe regels staat er elke week afval naast de container in onze straat.', tomorrow(1));
    reply(spC2, 'r2', henk, 'Opgeruimd, dank jullie wel voor de snelle actie!', 0, { publishedAt: tomorrow(1.5) });

    // Edits: a title and description, a comment, and the already edited comment again.
    ds.editVideo(koningsdag.id, { title: 'Koningsdag 2026 in Voorbeeldstad (met ondertiteling)', description: `${koningsdag.description}\n\nNu met Nederlandse ondertiteling.` });
    ds.editComment(stC3.id, 'Zandzakken zijn ook verkrijgbaar bij de brandweerkazerne aan de Industrieweg (tot 20.00 uur).', tomorrow(1));
    ds.editComment(vacC1.id, 'Leuke video! Zijn er ook stageplekken voor mbo-studenten?', tomorrow(2));

    // Deletions: a video with its comment, a comment with its reply, and a reply.
    ds.deleteVideo(carnaval.id);
    ds.deleteComment(kdC2.id);
    ds.deleteComment(stC1r2.id);
    void kdC2r;
  });
  return ds;
}
