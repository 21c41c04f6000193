// dashboard.mjs -- drives dyad serve's dashboard in Debian's headless Chromium (/usr/bin/chromium) with
// playwright-core, as a user would: the page loads and draws its chart, network and table; a filter typed into
// the form and applied changes the table and the chart; text pasted into the code box and submitted comes back
// as coded events. Run by tests/serve.sh, which starts the server and passes what `dyad query` says the
// numbers must be:
//
//   node tests/browser/dashboard.mjs '{"base": "http://127.0.0.1:PORT", "shots": "build/artifacts",
//     "total": 17, "dated": 17, "actor": "TKM", "actorTotal": 4, "actorDated": 4}'
//
// Prints "ok - ..." / "not ok - ..." per check and ends with "N passed, M failed". Screenshots (artefacts):
// SHOTS/dashboard.png (the whole page after loading, with coded text) and SHOTS/dashboard-filtered.png.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const want = JSON.parse(process.argv[2]);
let pass = 0, fail = 0;
function check(name, ok, detail) {
  if (ok) { pass++; console.log(`ok - ${name}`); }
  else { fail++; console.log(`not ok - ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`); }
}

// what the page shows: rows of the event table, the chart's bars and the events they stand for, the network
async function state(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('#events tbody tr.event')];
    const bars = [...document.querySelectorAll('#chart rect.bar')];
    // each bar's title: "2001-03: 5 cooperation events, Goldstein 12.0"
    const barEvents = bars.reduce((n, b) => n + Number((b.textContent.match(/: (\d+) (cooperation|conflict) events/) || [0, 0])[1]), 0);
    return {
      rows: rows.length,
      codes: rows.map(r => [...r.querySelectorAll('td')].map(td => (td.querySelector('.code') || td).textContent.trim())),
      count: document.getElementById('count').textContent,
      bars: bars.length,
      tallBars: bars.filter(b => Number(b.getAttribute('height')) > 0).length,
      barEvents,
      lines: [...document.querySelectorAll('#chart polyline.line')].map(l => l.getAttribute('points').split(' ').length),
      chart: document.getElementById('chart').innerHTML,
      edges: document.querySelectorAll('#network .edge').length,
      nodes: document.querySelectorAll('#network g.node').length,
      marks: ['src', 'verb', 'tgt'].map(c => document.querySelectorAll(`#events mark.${c}`).length),
      health: document.getElementById('health').textContent,
      text: document.querySelector('#events tbody').textContent,
      scripts: document.querySelectorAll('#events script, #coded script').length,
    };
  });
}

const profile = mkdtempSync(join(tmpdir(), 'dyad-chromium-'));
let browser;
try {
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1000 },
  });
  const page = browser.pages()[0] || await browser.newPage();
  const dialogs = [], errors = [];
  page.on('dialog', d => { dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', r => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });

  // ---- the page loads and draws everything ----
  await page.goto(want.base + '/', { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('body[data-loaded="yes"]', { timeout: 60000 });
  await page.waitForFunction(() => !/connecting/.test(document.getElementById('health').textContent), null, { timeout: 30000 });
  const s0 = await state(page);
  check(`health line: ${want.total} events`, s0.health.includes(`${want.total} events`), s0.health);
  check(`table: ${Math.min(want.total, 50)} rows`, s0.rows === Math.min(want.total, 50), s0.rows);
  check(`table: counted "of ${want.total}"`, s0.count.endsWith(`of ${want.total}`), s0.count);
  check('table: source, verb and target highlighted', s0.marks.every(n => n > 0), s0.marks);
  check('chart: bars drawn', s0.bars > 0 && s0.tallBars > 0, [s0.bars, s0.tallBars]);
  check(`chart: bars add up to the ${want.dated} dated events`, s0.barEvents === want.dated, s0.barEvents);
  check('chart: two Goldstein lines', s0.lines.length === 2 && s0.lines.every(n => n > 0), s0.lines);
  check('network: actors and edges drawn', s0.edges > 0 && s0.nodes > 1, [s0.edges, s0.nodes]);
  check('stored <script> shown as text', s0.text.includes('<script>alert(1)</script>') && s0.scripts === 0);

  // ---- text pasted into the code box is coded ----
  await page.click('#coder textarea');
  await page.keyboard.insertText('Russia accused Uzbekistan of supporting the rebels.');
  await page.fill('#coder input[name="date"]', '2001-01-02');
  await page.click('#coder button[type="submit"]');
  await page.waitForSelector('#coded-events tbody tr.event', { timeout: 30000 });
  const coded = await page.evaluate(() => ({
    rows: [...document.querySelectorAll('#coded-events tbody tr.event')].map(r =>
      [...r.querySelectorAll('td')].map(td => (td.querySelector('.code') || td).textContent.trim())),
    note: document.querySelector('#coded p').textContent,
  }));
  const r0 = coded.rows[0] || [];
  check('code: one event, RUS accuses UZB (CAMEO 11x), dated', coded.rows.length === 1 && r0[1] === 'RUS' &&
    r0[3] === 'UZB' && /^11/.test(r0[2]) && r0[0] === '2001-01-02', coded.rows);
  check('code: "not stored"', /1 event in 1 sentence \(not stored\)/.test(coded.note), coded.note);
  check('code: the event table is unchanged', (await state(page)).rows === s0.rows);

  const shots = want.shots;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });

  // ---- a filter typed into the form changes the table and the chart ----
  await page.fill('#filters input[name="actor"]', want.actor);
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(n => document.getElementById('count').textContent.endsWith(`of ${n}`), want.actorTotal, { timeout: 30000 })
    .catch(() => {});
  await page.waitForFunction(() => document.body.dataset.loaded === 'yes', null, { timeout: 30000 });
  await page.waitForTimeout(300); // the chart and the network answer separately from the table
  const s1 = await state(page);
  check(`filter ${want.actor}: ${want.actorTotal} rows (of ${want.total})`, s1.rows === want.actorTotal && want.actorTotal < want.total, s1.rows);
  check(`filter ${want.actor}: every row has ${want.actor} as source or target`,
    s1.codes.every(c => c[1].startsWith(want.actor) || c[3].startsWith(want.actor)), s1.codes);
  check(`filter ${want.actor}: the chart changed, its bars add up to ${want.actorDated}`,
    s1.chart !== s0.chart && s1.barEvents === want.actorDated, s1.barEvents);
  check(`filter ${want.actor}: the network changed`, s1.nodes > 0 && s1.nodes < s0.nodes, [s1.nodes, s0.nodes]);
  await page.screenshot({ path: join(shots, 'dashboard-filtered.png'), fullPage: true });

  check('no dialog opened (no stored script ran)', dialogs.length === 0, dialogs);
  check('no script error on the page', errors.length === 0, errors);
} catch (e) {
  check('browser session', false, String(e && e.stack || e));
} finally {
  if (browser) await browser.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
