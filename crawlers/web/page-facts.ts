// The facts of a rendered page, read by a script that runs in an isolated world of the page (its own
// JavaScript globals, the page's DOM): the page's scripts cannot change what it sees or call into it.
// The script is plain JavaScript in a string because the project compiles without DOM types.
import type { PageFacts } from './walls.js';

export interface FactsRequest {
  selectors: { key: string; selector: string }[];
  maxTextChars: number;
}

/** A JavaScript expression that evaluates to PageFacts (JSON) for `req`. */
export function factsExpression(req: FactsRequest): string {
  return `(${FACTS_SCRIPT})(${JSON.stringify(req)})`;
}

const FACTS_SCRIPT = String.raw`function (req) {
  var vw = window.innerWidth, vh = window.innerHeight;
  function box(el) { var r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }
  function visible(el) {
    var r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    return r.bottom > 0 && r.right > 0 && r.top < vh && r.left < vw;
  }
  function fixedLayer(el) {
    for (var n = el; n && n.nodeType === 1; n = n.parentElement) {
      var s = getComputedStyle(n);
      var modal = n.getAttribute('aria-modal') === 'true' || (n.tagName === 'DIALOG' && n.open) || (n.getAttribute('role') === 'dialog' && s.position === 'fixed');
      if (modal || s.position === 'fixed') return n;
    }
    return null;
  }
  function shown(el) {
    var layer = fixedLayer(el) || el;
    var s = getComputedStyle(layer);
    var modal = layer.getAttribute('aria-modal') === 'true' || (layer.tagName === 'DIALOG' && layer.open) || (layer.getAttribute('role') === 'dialog' && s.position === 'fixed');
    return { box: box(layer), modal: !!modal };
  }
  var body = document.body;
  var text = body ? body.innerText : '';
  var passwords = [];
  document.querySelectorAll('input[type=password]').forEach(function (el) {
    if (passwords.length < 5 && visible(el)) { var l = fixedLayer(el); passwords.push({ box: box(el), layer: l ? shown(l) : null }); }
  });
  var matches = [];
  req.selectors.forEach(function (s) {
    var list;
    try { list = document.querySelectorAll(s.selector); } catch (e) { return; }
    for (var i = 0; i < list.length && i < 5; i++) {
      if (visible(list[i])) { var sh = shown(list[i]); matches.push({ key: s.key, box: sh.box, modal: sh.modal }); break; }
    }
  });
  var overlays = [];
  var all = body ? body.querySelectorAll('*') : [];
  for (var i = 0; i < all.length && i < 20000 && overlays.length < 5; i++) {
    var el = all[i];
    var st = getComputedStyle(el);
    if (st.position !== 'fixed' && !(el.tagName === 'DIALOG' && el.open)) continue;
    var r = el.getBoundingClientRect();
    if (r.width * r.height < 0.2 * vw * vh || !visible(el)) continue;
    var sh = shown(el);
    overlays.push({ box: sh.box, modal: sh.modal, text: (el.innerText || '').slice(0, 500) });
  }
  function meta(sel) { var m = document.querySelector(sel); return m ? (m.getAttribute('content') || '').slice(0, 1000) : null; }
  var published = meta('meta[property="article:published_time"]') || meta('meta[itemprop="datePublished"]');
  if (!published) {
    var ld = document.querySelectorAll('script[type="application/ld+json"]');
    for (var j = 0; j < ld.length && j < 10 && !published; j++) {
      try {
        var src = (ld[j].textContent || '').slice(0, 200000);
        var data = JSON.parse(src);
        var nodes = Array.isArray(data) ? data : (data && data['@graph']) ? data['@graph'] : [data];
        for (var k = 0; k < nodes.length && !published; k++) {
          var d = nodes[k] && (nodes[k].datePublished || nodes[k].uploadDate);
          if (typeof d === 'string') published = d.slice(0, 100);
        }
      } catch (e) {}
    }
  }
  var lang = document.documentElement.getAttribute('lang');
  return {
    url: location.href,
    title: (document.title || '').slice(0, 1000),
    lang: lang ? lang.slice(0, 35) : null,
    text: text.slice(0, req.maxTextChars),
    textLength: text.length,
    viewport: { width: vw, height: vh },
    passwordFields: passwords,
    matches: matches,
    overlays: overlays,
    published: published,
    description: meta('meta[name="description"]') || meta('meta[property="og:description"]')
  };
}`;

/** Keeps only what the facts script may return: the result crosses from the page and is checked. */
export function checkFacts(v: unknown): PageFacts {
  const o = (v ?? {}) as Record<string, unknown>;
  const str = (x: unknown, max: number) => (typeof x === 'string' ? x.slice(0, max) : '');
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  const bx = (b: unknown) => {
    const r = (b ?? {}) as Record<string, unknown>;
    return { x: num(r.x), y: num(r.y), width: num(r.width), height: num(r.height) };
  };
  const list = (x: unknown) => (Array.isArray(x) ? x.slice(0, 50) : []) as Record<string, unknown>[];
  const vp = (o.viewport ?? {}) as Record<string, unknown>;
  return {
    url: str(o.url, 8192),
    title: str(o.title, 1000),
    lang: typeof o.lang === 'string' ? o.lang.slice(0, 35) : null,
    text: str(o.text, 50_000_000),
    textLength: num(o.textLength),
    viewport: { width: Math.max(1, num(vp.width)), height: Math.max(1, num(vp.height)) },
    passwordFields: list(o.passwordFields).map((p) => {
      const layer = p.layer as Record<string, unknown> | null;
      return { box: bx(p.box), layer: layer ? { box: bx(layer.box), modal: layer.modal === true } : null };
    }),
    matches: list(o.matches).map((m) => ({ key: str(m.key, 300), box: bx(m.box), modal: m.modal === true })),
    overlays: list(o.overlays).map((m) => ({ box: bx(m.box), modal: m.modal === true, text: str(m.text, 500) })),
    published: typeof o.published === 'string' ? o.published.slice(0, 100) : null,
    description: typeof o.description === 'string' ? o.description.slice(0, 1000) : null,
  };
}
