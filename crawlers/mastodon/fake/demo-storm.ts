// The storm-warning thread: over 60 descendants and a 24-deep argument between two citizens, so
// the anonymous /context caps (60 descendants, depth 20) cut it and a token shows it whole.
import type { DatasetBuilder } from './builder.js';
import type { DemoAccounts } from './demo-accounts.js';
import type { FakeAccount, FakeStatus } from './store.js';

export interface StoryClock {
  /** `YYYY-MM-DD HH:MM` (UTC) of the story, shifted to the dataset's clock. */
  at(when: string): string;
  /** `minutes` after a status. */
  after(s: FakeStatus, minutes: number): string;
}

const TOP: [author: string, text: string, pii?: string[]][] = [
  ['pietjansen', 'Bij ons in de Beukenlaan is net een grote boom omgewaaid, de hele weg is versperd.'],
  ['anouk', 'Dakpannen op de stoep in de Molenstraat, pas op als je daar loopt!'],
  ['lisa', 'Gaan de scholen morgen gewoon open?'],
  ['ruud', 'Rijdt de bus naar het station nog?'],
  ['els', 'Bedankt voor de waarschuwing, de tuinmeubels liggen binnen.'],
  ['mo', 'De trampoline van de buren ligt nu in onze tuin 😅'],
  ['henk', 'Stroomstoring in de wijk Noord, weet iemand hoe lang dat gaat duren?'],
  ['sanne', 'Is het Wilhelminapark morgen weer open?'],
  ['jan', 'Waar kan ik stormschade aan mijn auto melden? Er viel een tak op.'],
  ['fietsfan', 'De hekken van de bouwplaats aan de Stationsweg waaien om, kan daar iemand naar kijken?'],
  ['fatima', 'Wat een wind zeg. De kinderen kregen vanmiddag vrij van school.'],
  ['oudebuurt', 'Gaat de weekmarkt van morgen door?'],
  ['mariadevries', 'Een container is de straat op gewaaid, de hele straat ligt vol plastic.'],
  ['thijs', 'Blijf vooral binnen mensen, het is echt gevaarlijk buiten.'],
  ['fietsfan', 'Ook de fietstunnel onder het spoor staat vol water.'],
  ['els', 'Wanneer wordt de omgewaaide boom bij de Grote Kerk opgeruimd?'],
  ['ruud', 'Complimenten voor de brandweer, die waren binnen tien minuten bij ons.'],
  ['anouk', 'Gaat de afvalinzameling morgen gewoon door?'],
  ['lisa', 'Vanaf hoe laat is het weer veilig om te fietsen?'],
  ['henk', 'Bij de sporthal is een deel van het dak losgeraakt.'],
  ['jan', 'De stoplichten op de kruising bij de Julianastraat doen het niet.'],
  ['mariadevries', 'Zijn er zandzakken te krijgen? Ons souterrain loopt onder.'],
  ['mo', 'Vaart de veerpont vandaag nog?'],
  ['pietjansen', 'Onze schuur is half weggewaaid. De verzekering vraagt om een melding bij de gemeente, hoe doe ik dat?'],
  ['fatima', 'Fijn dat jullie zo snel communiceren 👍'],
  ['thijs', 'Let op bij het viaduct, daar liggen takken op de weg.'],
  ['oudebuurt', 'Er hangt een kabel los bij de speeltuin in Noord.'],
  [
    'sanne',
    'Wie heeft mijn kat gezien? Rode kater, weggelopen bij de Lindelaan tijdens de storm. Bel me op 06-45678901 als je hem ziet. Groetjes, Sanne',
    ['phone', 'person_name'],
  ],
];

/** The municipality's answers, by index in TOP. */
const ANSWERS: [index: number, text: string][] = [
  [0, 'Dank voor uw melding. De buitendienst is onderweg om de Beukenlaan vrij te maken.'],
  [8, 'Dank voor uw vraag. Schade door een gemeenteboom kunt u melden via https://www.voorbeeldstad.nl/schade of 14 0555.'],
  [9, 'Dank voor uw melding, we hebben de aannemer gebeld. De hekken worden vastgezet.'],
  [12, 'Dank voor uw melding. Morgenochtend rijdt er een extra veegwagen door de wijk.'],
  [15, 'Dank voor uw vraag. De boom bij de Grote Kerk wordt morgen vóór 12.00 uur opgeruimd.'],
  [26, 'Dank voor uw melding! We hebben de netbeheerder gevraagd direct te komen kijken. Houd afstand.'],
];

/** Citizens answering each other: [index in TOP, author, text]; `chain` continues under the previous one. */
const SIDE: [index: number, author: string, text: string, chain?: boolean][] = [
  [2, 'mariadevries', 'Onze school heeft net gemaild dat ze morgen gewoon open zijn.'],
  [3, 'jan', 'Bus 12 rijdt in ieder geval niet, ik sta net bij de halte.'],
  [6, 'pietjansen', 'Hier ook geen stroom. De netbeheerder zegt rond 16.00 uur opgelost.'],
  [6, 'henk', 'Bij ons is hij net weer terug!', true],
  [11, 'sanne', 'Volgens de marktmeester gaat hij gewoon door.'],
  [5, 'lisa', 'Haha, die van ons ligt op het dak van de schuur.'],
  [14, 'thijs', 'Klopt, ik ben er net doorheen gefietst. Niet doen!'],
  [21, 'ruud', 'Bij de gemeentewerf kun je ze ophalen, zag ik net.'],
  [21, 'mariadevries', 'Top, ik heb er net vier gehaald. Dank!', true],
  [27, 'els', 'Ik let op! Wij wonen om de hoek.'],
];

const ARGUMENT: string[] = [
  'Code oranje voor een beetje wind? Wat een paniekvoetbal weer.',
  'Een beetje wind? Bij ons zijn drie bomen omgegaan.',
  'Dat gebeurt elk najaar. Vroeger maakten we ons daar niet zo druk om.',
  'Vroeger waren er ook meer ongelukken. Die waarschuwing is er niet voor niks.',
  'Ik zeg niet dat het niks is, ik zeg dat het overdreven wordt.',
  'Vertel dat maar aan de mensen met een gat in hun dak.',
  'Die hadden ook zonder code oranje een gat in hun dak gehad.',
  'Maar nu stonden ze er tenminste niet onder toen het gebeurde.',
  'Dus iedereen moet maar thuisblijven bij elke storm?',
  'Bij code oranje wel, ja. Dat is precies het idee.',
  'En wie betaalt de gemiste werkdag?',
  'Je werkgever hoort daar rekening mee te houden.',
  'Leuk in theorie. Mijn baas denkt daar anders over.',
  'Dan is dat een probleem van je baas, niet van de gemeente.',
  'De gemeente had ook kunnen zeggen: let op, maar ga gewoon werken.',
  'Dat zeiden ze toch ook? Lees het bericht nog eens.',
  "Er staat 'blijf zoveel mogelijk binnen'. Dat is niet hetzelfde.",
  'Zoveel mogelijk. Dus als het niet hoeft.',
  'Oké, punt voor jou. Maar het park afsluiten vond ik overdreven.',
  'Er zijn vorig jaar twee mensen gewond geraakt door vallende takken in dat park.',
  'Dat wist ik niet. Waar heb je dat gelezen?',
  'Stond in het Dagblad van Voorbeeldstad, vorig voorjaar.',
  'Dan snap ik het beter. Toch vind ik de toon soms wat belerend.',
  'Daar kan ik in meegaan. Laten we het daarop houden 🙂',
];

/** Build the storm post and its thread; returns the post. */
export function addStormThread(b: DatasetBuilder, acc: DemoAccounts, clock: StoryClock): FakeStatus {
  const V = acc.municipality;
  const storm = b.status({
    key: 'storm',
    by: V,
    at: clock.at('2026-02-12 06:45'),
    text:
      '⚠️ Code oranje: het KNMI verwacht vandaag zware windstoten van 100 tot 120 km/u.\n\n' +
      'Zet losse spullen vast, blijf zoveel mogelijk binnen en blijf weg uit parken en bossen. ' +
      'Het Wilhelminapark is de hele dag gesloten. Meld stormschade via 14 0555. #storm #codeoranje',
    pinned: true,
    favourites: 212,
    reblogs: 96,
  });

  const update1 = b.status({
    key: 'storm/update1',
    by: V,
    replyTo: storm,
    at: clock.after(storm, 315),
    text:
      'Update 12.00 uur: de brandweer heeft inmiddels ruim 40 meldingen afgehandeld. Blijf binnen als het kan. ' +
      'Stormschade aan gemeentebomen? Meld het via https://www.voorbeeldstad.nl/melding #storm',
  });
  b.status({
    key: 'storm/update2',
    by: V,
    replyTo: update1,
    at: clock.after(storm, 735),
    text: 'Update 19.00 uur: code oranje is ingetrokken. Het Wilhelminapark blijft tot morgen 12.00 uur dicht voor opruimwerk.',
  });
  b.status({
    key: 'storm/vr',
    by: acc.safetyRegion,
    replyTo: storm,
    at: clock.after(storm, 20),
    text: 'Aanvulling: bel alleen 112 bij levensgevaar. Voor stormschade zonder spoed: 0900-8844.',
  });

  const who = (name: string): FakeAccount => acc.citizen(name);
  const top: FakeStatus[] = TOP.map(([author, text, pii], i) =>
    b.status({ key: `storm/top${i}`, by: who(author), replyTo: storm, at: clock.after(storm, 12 + i * 22), text, pii }),
  );
  const pick = (i: number): FakeStatus => {
    const s = top[i];
    if (!s) throw new Error(`storm thread has no reply ${i}`);
    return s;
  };
  for (const [i, text] of ANSWERS) {
    b.status({ key: `storm/answer${i}`, by: V, replyTo: pick(i), at: clock.after(pick(i), 25), text });
  }
  let previous: FakeStatus | undefined;
  SIDE.forEach(([i, author, text, chain], k) => {
    const parent = chain && previous ? previous : pick(i);
    previous = b.status({ key: `storm/side${k}`, by: who(author), replyTo: parent, at: clock.after(parent, 9 + k), text });
  });

  // Kees and Thijs argue 24 levels deep, starting under the storm post itself.
  let parent = storm;
  ARGUMENT.forEach((text, depth) => {
    const by = depth % 2 === 0 ? who('kees') : who('thijs');
    parent = b.status({ key: `storm/argument${depth}`, by, replyTo: parent, at: clock.after(parent, depth === 0 ? 38 : 17), text });
  });
  return storm;
}
