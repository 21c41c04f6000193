// app.js -- dyad's dashboard: filters, a time-series chart, the actor network, the event table and a box that
// codes pasted text. Plain DOM and SVG, no library, no network beyond this server's /api/.
// Every piece of data reaches the page as text nodes or attribute values (never innerHTML), so stored text
// such as "<script>" is shown, not run.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const PAGE = 50;
let offset = 0;

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) e.setAttribute(k, v);
  for (const k of kids) if (k != null) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) e.setAttribute(k, v);
  if (text != null) e.textContent = String(text);
  return e;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function api(path, params, opts) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v != null) q.set(k, v);
  const url = '/api/' + path + (q.toString() ? '?' + q : '');
  const r = await fetch(url, opts);
  const body = await r.json().catch(() => ({ error: 'bad response (' + r.status + ')' }));
  if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
  return body;
}

function filters() {
  const f = document.getElementById('filters');
  const out = {};
  for (const n of ['actor', 'source', 'target', 'from', 'to', 'quad', 'plover', 'text']) out[n] = f.elements[n].value.trim();
  return out;
}

function showError(where, err) {
  clear(where);
  where.append(el('p', { class: 'error' }, String(err.message || err)));
}

// ---- the time series: stacked bars of events (cooperation up, conflict down) and the Goldstein sums ----

function drawChart(series) {
  const s = document.getElementById('chart');
  clear(s);
  const W = s.clientWidth || 900, H = s.clientHeight || 300;
  s.setAttribute('viewBox', `0 0 ${W} ${H}`);
  if (!series.length) { s.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty' }, 'no dated events match')); return; }
  const L = 48, R = 48, T = 12, B = 26, mid = T + (H - T - B) / 2;
  const half = (H - T - B) / 2;
  const maxE = Math.max(1, ...series.map(p => Math.max(p.coop, p.conflict)));
  const maxG = Math.max(1, ...series.map(p => Math.max(Math.abs(p.goldstein_coop), Math.abs(p.goldstein_conflict))));
  const step = (W - L - R) / series.length, bw = Math.min(60, Math.max(1, step * 0.7));
  // grid and axes
  for (const f of [-1, -0.5, 0.5, 1]) s.append(svg('line', { class: 'grid', x1: L, x2: W - R, y1: mid - f * half, y2: mid - f * half }));
  s.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: mid, y2: mid }));
  s.append(svg('text', { x: L - 4, y: T + 8, 'text-anchor': 'end' }, maxE));
  s.append(svg('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, maxE));
  s.append(svg('text', { x: 4, y: mid - 4 }, 'events'));
  s.append(svg('text', { x: W - R + 4, y: T + 8 }, '+' + maxG.toFixed(0)));
  s.append(svg('text', { x: W - R + 4, y: H - B }, '−' + maxG.toFixed(0)));
  s.append(svg('text', { x: W - 4, y: mid - 4, 'text-anchor': 'end' }, 'Goldstein'));
  const gc = [], gk = [];
  series.forEach((p, i) => {
    const x = L + i * step + (step - bw) / 2;
    const hc = p.coop / maxE * half, hk = p.conflict / maxE * half;
    const bar = (cls, y, h, label) => {
      const r = svg('rect', { class: 'bar ' + cls, x, y, width: bw, height: Math.max(h, 0), opacity: 0.75 });
      r.append(svg('title', {}, label));
      s.append(r);
    };
    bar('coop', mid - hc, hc, `${p.period}: ${p.coop} cooperation events, Goldstein ${p.goldstein_coop.toFixed(1)}`);
    bar('conflict', mid, hk, `${p.period}: ${p.conflict} conflict events, Goldstein ${p.goldstein_conflict.toFixed(1)}`);
    const cx = x + bw / 2;
    gc.push(`${cx},${mid - p.goldstein_coop / maxG * half}`);
    gk.push(`${cx},${mid - p.goldstein_conflict / maxG * half}`);
    const every = Math.ceil(series.length / Math.max(1, Math.floor((W - L - R) / 70)));
    if (i % every === 0) s.append(svg('text', { x: cx, y: H - 8, 'text-anchor': 'middle' }, p.period));
  });
  s.append(svg('polyline', { class: 'line gold-coop', points: gc.join(' '), fill: 'none', stroke: '#1b5e20', 'stroke-width': 2 }));
  s.append(svg('polyline', { class: 'line gold-conflict', points: gk.join(' '), fill: 'none', stroke: '#8e0000', 'stroke-width': 2 }));
  for (const [pts, col] of [[gc, '#1b5e20'], [gk, '#8e0000']])
    for (const p of pts) { const [x, y] = p.split(','); s.append(svg('circle', { cx: x, cy: y, r: 2.5, fill: col })); }
}

// ---- the network: top dyads; edge width = events, colour = mean Goldstein (red -10 .. grey 0 .. green +10) ----

function goldColour(g) {
  const t = Math.max(-1, Math.min(1, g / 10));
  const grey = [150, 150, 150], to = t >= 0 ? [46, 125, 50] : [198, 40, 40], a = Math.abs(t);
  return `rgb(${grey.map((c, i) => Math.round(c + (to[i] - c) * a)).join(',')})`;
}

function drawNetwork(dyads) {
  const s = document.getElementById('network');
  clear(s);
  const W = s.clientWidth || 500, H = s.clientHeight || 380;
  s.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const edges = dyads.filter(d => d.target);
  if (!edges.length) { s.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no dyads match')); return; }
  const weight = new Map();
  for (const d of edges) for (const a of [d.source, d.target]) weight.set(a, (weight.get(a) || 0) + d.events);
  const actors = [...weight.keys()].sort((a, b) => weight.get(b) - weight.get(a));
  const cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 40;
  const pos = new Map(actors.map((a, i) => {
    const t = 2 * Math.PI * i / actors.length - Math.PI / 2;
    return [a, [cx + rad * Math.cos(t), cy + rad * Math.sin(t), t]];
  }));
  const maxE = Math.max(...edges.map(d => d.events));
  const g = svg('g', { class: 'edges' });
  for (const d of edges) {
    const [x1, y1] = pos.get(d.source), [x2, y2] = pos.get(d.target);
    const line = svg(d.source === d.target ? 'circle' : 'line', d.source === d.target
      ? { cx: x1, cy: y1 - 12, r: 10, fill: 'none' }
      : { x1, y1, x2, y2 });
    line.setAttribute('class', 'edge');
    line.setAttribute('stroke', goldColour(d.mean_goldstein));
    line.setAttribute('stroke-width', (1 + 7 * d.events / maxE).toFixed(1));
    line.setAttribute('stroke-opacity', '0.8');
    line.append(svg('title', {}, `${d.source} → ${d.target}: ${d.events} events, mean Goldstein ${d.mean_goldstein.toFixed(2)}`));
    g.append(line);
  }
  s.append(g);
  for (const a of actors) {
    const [x, y, t] = pos.get(a);
    const node = svg('g', { class: 'node', tabindex: 0 });
    node.append(svg('circle', { cx: x, cy: y, r: 4 + Math.min(8, Math.sqrt(weight.get(a))) }));
    const right = Math.cos(t) >= 0;
    node.append(svg('text', { x: x + (right ? 12 : -12), y: y + 4, 'text-anchor': right ? 'start' : 'end' }, a));
    node.append(svg('title', {}, `${a}: ${weight.get(a)} events in these dyads`));
    node.addEventListener('click', () => {
      const f = document.getElementById('filters');
      f.elements.actor.value = a; f.elements.source.value = ''; f.elements.target.value = '';
      offset = 0; refresh();
    });
    s.append(node);
  }
}

// ---- the event table: the sentence with source, verb and target highlighted ----

// split TEXT into text and <mark> nodes for the phrases found (case-insensitive, non-overlapping)
function highlight(text, phrases) {
  const spans = [];
  const low = text.toLowerCase();
  for (const [phrase, cls] of phrases) {
    if (!phrase) continue;
    // the verb may be a pattern's words ("accused of"): try the whole phrase, then its first word
    for (const cand of [phrase, phrase.split(/\s+/)[0]]) {
      const c = cand.toLowerCase();
      if (!c) continue;
      let i = low.indexOf(c), found = false;
      while (i >= 0) {
        if (!spans.some(s => i < s[1] && i + c.length > s[0])) { spans.push([i, i + c.length, cls]); found = true; break; }
        i = low.indexOf(c, i + 1);
      }
      if (found) break;
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [a, b, cls] of spans) {
    frag.append(document.createTextNode(text.slice(at, a)));
    frag.append(el('mark', { class: cls }, text.slice(a, b)));
    at = b;
  }
  frag.append(document.createTextNode(text.slice(at)));
  return frag;
}

function eventRow(e) {
  const gold = Number(e.goldstein);
  const actorCell = a => a ? el('td', {}, el('span', { class: 'code' }, a.code || '—'), el('span', { class: 'sub' }, a.text)) : el('td', { class: 'muted' }, '—');
  const sentence = el('td', { class: 'sentence' }, highlight(e.text || '', [
    [e.source && e.source.text, 'src'], [e.target && e.target.text, 'tgt'], [e.verb, 'verb']]));
  const cites = (e.citations || []).map(c => c.text).filter(Boolean);
  if (cites.length) sentence.append(el('span', { class: 'cite' }, '[' + cites.join('; ') + ']'));
  else if (e.doc && (e.doc.publication || e.doc.title)) sentence.append(el('span', { class: 'cite' }, (e.doc.title || e.doc.publication) + (e.doc_id ? ' · ' + e.doc_id : '')));
  return el('tr', { class: 'event' },
    el('td', {}, e.date || '—'),
    actorCell(e.source),
    el('td', {}, el('span', { class: 'code' }, e.cameo), el('span', { class: 'sub' }, (e.plover || '') + (e.plover ? ' · ' : '') + (e.verb || ''))),
    actorCell(e.target),
    el('td', { class: 'num ' + (gold > 0 ? 'pos' : gold < 0 ? 'neg' : '') }, gold.toFixed(1)),
    sentence);
}

function drawTable(body) {
  const tb = document.querySelector('#events tbody');
  clear(tb);
  for (const e of body.events) tb.append(eventRow(e));
  if (!body.events.length) tb.append(el('tr', {}, el('td', { colspan: 6, class: 'muted' }, 'no events match')));
  const last = Math.min(body.total, body.offset + body.events.length);
  document.getElementById('count').textContent = body.total ? `${body.offset + 1}–${last} of ${body.total}` : '0 events';
  document.getElementById('prev').disabled = body.offset <= 0;
  document.getElementById('next').disabled = last >= body.total;
}

// ---- loading ----

async function refresh() {
  const f = filters();
  const interval = document.getElementById('filters').elements.interval.value;
  const tasks = [
    api('series', { ...f, interval }).then(b => drawChart(b.series)).catch(e => showError(document.getElementById('chart'), e)),
    api('dyads', { ...f, top: 40 }).then(b => drawNetwork(b.dyads)).catch(e => showError(document.getElementById('network'), e)),
    api('events', { ...f, limit: PAGE, offset }).then(drawTable).catch(e => {
      const tb = document.querySelector('#events tbody'); clear(tb);
      tb.append(el('tr', {}, el('td', { colspan: 6, class: 'error' }, e.message)));
    }),
  ];
  await Promise.all(tasks);
  document.body.dataset.loaded = 'yes';
}

async function codeText(ev) {
  ev.preventDefault();
  const f = document.getElementById('coder'), out = document.getElementById('coded');
  const text = f.elements.text.value;
  if (!text.trim()) return;
  clear(out);
  out.append(el('p', { class: 'muted' }, 'coding…'));
  try {
    const b = await api('code', {}, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, date: f.elements.date.value || null }) });
    clear(out);
    out.append(el('p', { class: 'muted small' }, `${b.events.length} event${b.events.length === 1 ? '' : 's'} in ${b.sentences} sentence${b.sentences === 1 ? '' : 's'} (not stored)`));
    if (b.events.length) {
      const t = el('table', { id: 'coded-events' }, el('thead', {}, el('tr', {}, ...['Date', 'Source', 'Event', 'Target', 'Goldstein', 'Sentence'].map(h => el('th', {}, h)))));
      const tb = el('tbody');
      for (const e of b.events) tb.append(eventRow(e));
      t.append(tb);
      out.append(t);
    }
  } catch (e) { showError(out, e); }
}

function init() {
  const f = document.getElementById('filters');
  f.addEventListener('submit', ev => { ev.preventDefault(); offset = 0; refresh(); });
  f.addEventListener('reset', () => setTimeout(() => { offset = 0; refresh(); }, 0));
  document.getElementById('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); refresh(); });
  document.getElementById('next').addEventListener('click', () => { offset += PAGE; refresh(); });
  document.getElementById('coder').addEventListener('submit', codeText);
  // a filter in the address (#actor=UZB&from=2001-01-01) fills the form: links to a view can be shared
  const h = new URLSearchParams(location.hash.slice(1));
  for (const [k, v] of h) if (f.elements[k]) f.elements[k].value = v;
  // #code=TEXT codes TEXT at once (a link that shows how a sentence is coded)
  if (h.get('code')) {
    const c = document.getElementById('coder');
    c.elements.text.value = h.get('code');
    if (h.get('date')) c.elements.date.value = h.get('date');
    codeText(new Event('submit')).then(() => { document.body.dataset.coded = 'yes'; });
  }
  api('health').then(b => {
    document.getElementById('health').textContent = `${b.events} events · ${b.documents} documents · ${b.first_date || '?'} to ${b.last_date || '?'} · ${b.backend}`;
  }).catch(e => { document.getElementById('health').textContent = 'store unavailable: ' + e.message; });
  refresh();
}

document.addEventListener('DOMContentLoaded', init);
