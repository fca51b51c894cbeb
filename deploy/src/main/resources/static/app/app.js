// The officer and auditor dashboard: one static page over the service's own JSON API. Every figure comes from an
// API answer and the page names the log position it was computed at; the as-of and as-known-at pickers are sent
// with every read, so what the page shows is exactly what an API client would get.
import { t, setLang, lang, num } from './i18n.js';

const PROGRAMME = 'NTP-SPR-2021-2025';
const YEARS = [2021, 2022, 2023, 2024, 2025];
const $ = (sel, root = document) => root.querySelector(sel);
const charts = [];
let session = null;
let shownPositions = [];

// ---------------------------------------------------------------------------------------------------------- API

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function authHeader() { return sessionStorage.getItem('povertyledger.auth'); }

async function api(path, params = {}, init = {}) {
  const url = new URL(path, location.origin);
  Object.entries(params).forEach(([k, v]) => { if (v !== null && v !== undefined && v !== '') url.searchParams.set(k, v); });
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...(init.headers || {}) };
  const auth = authHeader();
  if (auth) headers.Authorization = auth;
  const response = await fetch(url, { ...init, headers });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (response.status === 401 && !init.quiet401) { signOut(); throw new ApiError(401, body); }
  if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : { detail: body });
  if (body && typeof body === 'object' && typeof body.position === 'number') shownPositions.push(body.position);
  return body;
}

/** The time-travel parameters every read carries. */
function timeParams() {
  return { asOf: $('#asOf').value || null, asKnownAt: $('#asKnownAt').value.trim() || null };
}

function unit() { return $('#unit').value.trim() || '653'; }

function showError(error) {
  const p = error?.problem;
  const where = p?.field ? ` (${p.field}${p.rule ? ': ' + p.rule : ''})` : '';
  $('#error').textContent = error ? `${p?.code || error.status || ''} ${error.message}${where}`.trim() : '';
}

// ------------------------------------------------------------------------------------------------- sign in / out

async function signIn(event) {
  event.preventDefault();
  const user = $('#username').value, password = $('#password').value;
  const header = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)));
  sessionStorage.setItem('povertyledger.auth', header);
  try {
    session = await api('/api/me', {}, { quiet401: true });
    $('#login-error').textContent = '';
    $('#password').value = '';
    start();
  } catch (e) {
    sessionStorage.removeItem('povertyledger.auth');
    $('#password').value = '';
    $('#password').focus();
    $('#login-error').textContent = e.status === 401 ? t('badLogin') : e.message;
  }
}

function signOut() {
  sessionStorage.removeItem('povertyledger.auth');
  session = null;
  $('#app').hidden = true;
  $('#signout').hidden = true;
  $('#who').textContent = '';
  $('#login').hidden = false;
  $('#username').focus();
}

function start() {
  $('#login').hidden = true;
  $('#app').hidden = false;
  $('#signout').hidden = false;
  $('#who').textContent = `${session.username} (${session.roles.join(', ')})`;
  if (!location.hash || location.hash === '#') location.hash = '#/overview';
  else route();
}

// ------------------------------------------------------------------------------------------------------ helpers

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) el.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return el;
}

function table(headers, rows, caption) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    caption ? h('caption', { class: 'sr' }, caption) : '',
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col', class: x.num ? 'num' : null }, x.label ?? x)))),
    h('tbody', {}, rows)));
}

function td(value, cls) { return h('td', { class: cls }, value); }

function chart(canvas, config) {
  if (!window.Chart) return;
  charts.push(new window.Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } }));
}

function clear() {
  charts.splice(0).forEach(c => c.destroy());
  shownPositions = [];
  showError(null);
  $('#main').replaceChildren(h('p', {}, t('loading')));
}

function showPosition() {
  const p = shownPositions.length ? Math.max(...shownPositions) : null;
  const parts = [];
  if (p !== null) parts.push(t('shownAt', { p: p.toLocaleString() }));
  const { asOf, asKnownAt } = timeParams();
  if (asOf) parts.push(t('asOfNote', { d: asOf }));
  if (asKnownAt) parts.push(t('knownAtNote', { k: asKnownAt }));
  $('#position').textContent = parts.join(' · ');
  $('#position').dataset.position = p ?? '';
}

async function optional(promise) {
  try { return await promise; } catch (e) { if (e.status === 404) return null; throw e; }
}

// ----------------------------------------------------------------------------------------------------- overview

async function overview(main, params) {
  const year = Number(params.get('year')) || 2024;
  const basis = params.get('basis') === 'approved' ? 'approved' : 'recorded';
  const u = unit();
  const tp = { ...timeParams(), approval: basis };
  const tables = await Promise.all(YEARS.map(y => Promise.all([
    optional(api('/api/indicators/POVERTY_RATE/table', { parent: u, year: y, ...tp })),
    optional(api('/api/indicators/NEAR_POVERTY_RATE/table', { parent: u, year: y, ...tp })),
  ])));
  const go = (y, b) => { location.hash = `#/overview?year=${y}&basis=${b}`; };
  const yearSelect = h('select', { id: 'year', onchange: e => go(e.target.value, basis) },
    YEARS.map(y => h('option', { value: y, selected: y === year }, String(y))));
  // approved only: the figures of commune-years whose review period is approved or locked
  const basisSelect = h('select', { id: 'basis', onchange: e => go(year, e.target.value) },
    h('option', { value: 'recorded', selected: basis === 'recorded' }, t('basisRecorded')),
    h('option', { value: 'approved', selected: basis === 'approved' }, t('basisApproved')));
  const leftOut = current => (current?.[0]?.leftOut || [])
    .map(p => `${p.communeCode} ${p.year} (${t(p.state)})`).join(', ');
  const current = tables[YEARS.indexOf(year)] || [null, null];
  const communes = (current[0]?.rows || []).filter(r => !r.total);
  const nearByUnit = new Map((current[1]?.rows || []).map(r => [r.unitCode, r.value]));

  const bars = h('canvas', { 'aria-label': t('ratesTitle', { y: year }), role: 'img' });
  const trend = h('canvas', { 'aria-label': t('trendTitle', { u }), role: 'img' });
  const totals = tables.map(([pov]) => pov?.rows.find(r => r.total)?.value ?? null);
  const baseline = totals[0];

  const omitted = basis === 'approved' ? leftOut(current) : '';
  main.replaceChildren(
    h('div', { class: 'search' }, h('div', {}, h('label', { for: 'year' }, t('year')), yearSelect),
      h('div', {}, h('label', { for: 'basis' }, t('basis')), basisSelect)),
    h('p', { id: 'left-out', class: 'position', 'data-basis': current[0]?.approval?.toLowerCase() || basis },
      basis === 'approved' ? (omitted ? t('leftOut', { list: omitted }) : t('nothingLeftOut')) : ''),
    h('div', { class: 'grid' },
      h('section', { class: 'card', 'aria-labelledby': 'rates-h' },
        h('h2', { id: 'rates-h' }, t('ratesTitle', { y: year })), h('div', { class: 'chart' }, bars)),
      h('section', { class: 'card', 'aria-labelledby': 'trend-h' },
        h('h2', { id: 'trend-h' }, t('trendTitle', { u: current[0]?.rows.find(r => r.total)?.unitName || u })),
        h('div', { class: 'chart' }, trend))),
    h('section', { class: 'card', 'aria-labelledby': 'table-h' }, h('h2', { id: 'table-h' }, t('tableTitle')),
      ratesTable(tables)),
    h('section', { class: 'card', 'aria-labelledby': 'targets-h' }, h('h2', { id: 'targets-h' }, t('targetsTitle')),
      h('div', { id: 'targets' }, t('loading'))));

  chart(bars, {
    type: 'bar',
    data: {
      labels: communes.map(r => r.unitName || r.unitCode),
      datasets: [
        { label: t('povertyRate'), data: communes.map(r => r.value), backgroundColor: '#a4161a' },
        { label: t('nearPovertyRate'), data: communes.map(r => nearByUnit.get(r.unitCode) ?? null), backgroundColor: '#e09f3e' },
      ],
    },
  });
  chart(trend, {
    type: 'line',
    data: {
      labels: YEARS,
      datasets: [
        { label: t('povertyRate'), data: totals, borderColor: '#0b5cad', backgroundColor: '#0b5cad' },
        { label: t('baseline'), data: YEARS.map(() => baseline), borderColor: '#4a5260', borderDash: [6, 4], pointRadius: 0 },
        { label: t('target50'), data: YEARS.map(() => baseline === null ? null : baseline / 2), borderColor: '#1b6e2e', borderDash: [2, 3], pointRadius: 0 },
      ],
    },
  });
  showPosition();
  await targets($('#targets'), u, tp);
  showPosition();
}

function ratesTable(tables) {
  const byUnit = new Map();
  tables.forEach(([pov, near], i) => {
    for (const r of pov?.rows || []) {
      const row = byUnit.get(r.unitCode) || { name: r.unitName || r.unitCode, total: r.total, pov: [], near: [] };
      row.pov[i] = r.value;
      byUnit.set(r.unitCode, row);
    }
    for (const r of near?.rows || []) {
      const row = byUnit.get(r.unitCode) || { name: r.unitName || r.unitCode, total: r.total, pov: [], near: [] };
      row.near[i] = r.value;
      byUnit.set(r.unitCode, row);
    }
  });
  const headers = [t('commune'), ...YEARS.map(y => ({ label: `${y} ${t('povertyRate')}`, num: true })),
    ...YEARS.map(y => ({ label: `${y} ${t('nearPovertyRate')}`, num: true }))];
  const rows = [...byUnit.entries()].sort(([, a], [, b]) => Number(a.total) - Number(b.total) || a.name.localeCompare(b.name))
    .map(([code, r]) => h('tr', { 'data-unit': code, class: r.total ? 'total' : null },
      h('th', { scope: 'row' }, r.name),
      YEARS.map((y, i) => td(num(r.pov[i]), 'num', )),
      YEARS.map((y, i) => td(num(r.near[i]), 'num'))));
  const el = table(headers, rows);
  el.querySelectorAll('tbody tr').forEach(tr => tr.querySelectorAll('td').forEach((cell, i) => {
    cell.dataset.year = YEARS[i % YEARS.length];
    cell.dataset.measure = i < YEARS.length ? 'POVERTY_RATE' : 'NEAR_POVERTY_RATE';
  }));
  return el;
}

async function targets(container, u, tp) {
  const catalogue = await api('/api/indicators', { asKnownAt: tp.asKnownAt });
  const wanted = catalogue.indicators.flatMap(ind => ind.targets.filter(x => x.unitCode === u).map(x => ({ ind, target: x })));
  const values = await Promise.all(wanted.map(({ ind, target }) =>
    optional(api(`/api/indicators/${encodeURIComponent(ind.indicatorCode)}/values`, { unit: u, year: target.year, ...tp }))
      .catch(() => null)));
  const rows = wanted.map(({ ind, target }, i) => {
    const v = values[i];
    const status = v?.progress?.status;
    return h('tr', {},
      h('th', { scope: 'row' }, ind.name),
      td(String(target.year)),
      td(describeTarget(target.target)),
      td(v?.value === null || v?.value === undefined ? t('noValue') : num(v.value), 'num'),
      td(status ? t(status) : '–', status ? `status-${status}` : null),
      td(target.legalBasis || ''));
  });
  container.replaceChildren(rows.length ? table([t('indicator'), t('year'), t('target'), { label: t('value'), num: true },
    t('progress'), t('legalBasis')], rows) : h('p', {}, t('none')));
}

function describeTarget(target) {
  if (!target) return '';
  const range = target.high !== null && target.high !== undefined ? `${num(target.low)}–${num(target.high)}` : num(target.low);
  switch (target.kind) {
    case 'POINTS_ON_PREVIOUS_YEAR': return `${range} pt / ${t('year').toLowerCase()}`;
    case 'PERCENT_ON_BASELINE': return `${range}% vs ${target.baselineYear}`;
    default: return range;
  }
}

// --------------------------------------------------------------------------------------------------- households

const STATUSES = ['POOR', 'NEAR_POOR', 'NOT_POOR', 'AVERAGE_LIVING_STANDARD', 'UNASSESSED'];
const TRANSITIONS = ['NEWLY_POOR', 'RE_POOR', 'NEWLY_NEAR_POOR', 'POOR_TO_NEAR_POOR', 'NEAR_POOR_TO_POOR',
  'ESCAPED_POVERTY', 'ESCAPED_NEAR_POVERTY', 'FIRST_ASSESSED_ABOVE_LINE', 'ABOVE_LINE_RECLASSIFIED'];

async function households(main, params) {
  const form = h('form', { class: 'search card', id: 'hh-search', 'aria-label': t('searchTitle') },
    field('hh-id', t('householdId'), h('input', { id: 'hh-id', name: 'id', value: params.get('id') || '' })),
    field('hh-commune', t('commune'), h('input', { id: 'hh-commune', name: 'commune', value: params.get('commune') || '', inputmode: 'numeric' })),
    field('hh-village', t('village'), h('input', { id: 'hh-village', name: 'village', value: params.get('village') || '' })),
    field('hh-status', t('status'), h('select', { id: 'hh-status', name: 'status' },
      h('option', { value: '' }, t('any')),
      STATUSES.map(s => h('option', { value: s, selected: params.get('status') === s }, t(s))))),
    field('hh-transition', t('transitionFilter'), h('select', { id: 'hh-transition', name: 'transition' },
      h('option', { value: '' }, t('any')),
      TRANSITIONS.map(x => h('option', { value: x, selected: params.get('transition') === x }, t(x))))),
    field('hh-transition-year', t('transitionYear'), h('select', { id: 'hh-transition-year', name: 'transitionYear' },
      h('option', { value: '' }, t('latest')),
      YEARS.map(y => h('option', { value: y, selected: params.get('transitionYear') === String(y) }, String(y))))),
    h('button', { type: 'submit', id: 'hh-submit' }, t('search')));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const id = $('#hh-id').value.trim();
    if (id) { location.hash = `#/household/${encodeURIComponent(id)}`; return; }
    const transition = $('#hh-transition').value;
    const q = new URLSearchParams({ commune: $('#hh-commune').value.trim(), village: $('#hh-village').value.trim(), status: $('#hh-status').value,
      transition, transitionYear: transition ? $('#hh-transition-year').value : '', page: 0 });
    location.hash = `#/households?${q}`;
  });
  main.replaceChildren(h('h2', {}, t('searchTitle')), form, h('div', { id: 'hh-results' }));
  if (!params.has('page')) { showPosition(); return; }
  const page = Number(params.get('page')) || 0;
  const result = await api('/api/households', {
    communeCode: params.get('commune'), village: params.get('village'), status: params.get('status'),
    transition: params.get('transition'), transitionYear: params.get('transitionYear'), page, size: 25,
  });
  const rows = result.items.map(s => h('tr', {},
    h('th', { scope: 'row' }, h('a', { href: `#/household/${encodeURIComponent(s.householdId)}` }, s.householdId)),
    td(s.communeCode), td(s.village), td(s.headName ?? ''), td(String(s.members), 'num'),
    td(t(s.status), `status-${s.status}`), td(s.lastReviewYear ? String(s.lastReviewYear) : '–'),
    td(s.transition ? `${t(s.transition)} (${s.transitionYear})` : '–')));
  const nav = h('p', {},
    page > 0 ? h('a', { href: pageLink(params, page - 1) }, t('previous')) : '', ' ',
    (page + 1) * result.size < result.total ? h('a', { href: pageLink(params, page + 1) }, t('next')) : '');
  $('#hh-results').replaceChildren(h('p', { id: 'hh-count' }, t('results', { n: result.total.toLocaleString() })),
    table([t('householdId'), t('commune'), t('village'), t('head'), { label: t('members'), num: true }, t('status'), t('lastReview'), t('transition')], rows),
    nav);
  showPosition();
}

function pageLink(params, page) {
  const q = new URLSearchParams(params);
  q.set('page', page);
  return `#/households?${q}`;
}

function field(id, label, input) {
  return h('div', {}, h('label', { for: id }, label), input);
}

async function household(main, id) {
  const tp = timeParams();
  const [view, history] = await Promise.all([
    api(`/api/households/${encodeURIComponent(id)}`, { asOf: tp.asOf }),
    api(`/api/households/${encodeURIComponent(id)}/history`),
  ]);
  const facts = h('dl', { class: 'card' },
    ...[[t('commune'), view.communeCode], [t('village'), view.village], [t('head'), view.headName ?? ''],
      [t('members'), String(view.members)], [t('status'), t(view.status)],
      [t('lastReview'), view.lastReviewYear ? String(view.lastReviewYear) : '–'],
      [t('rulebook'), view.rulebookId ? `${view.rulebookId} v${view.rulebookVersion}` : '–']]
      .flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  const entries = history.entries
    .filter(e => !tp.asOf || !e.effectiveDate || e.effectiveDate <= tp.asOf)
    .map(e => h('li', { 'data-event-type': e.eventType, 'data-position': e.position },
      h('strong', {}, t(e.eventType)),
      e.statusBefore && e.statusAfter && e.statusBefore !== e.statusAfter ? ` — ${t('statusChange', { a: t(e.statusBefore), b: t(e.statusAfter) })}` : '',
      describePayload(e),
      h('div', { class: 'meta' },
        `${t('effective')}: ${e.effectiveDate ?? '–'} · ${t('when')}: ${new Date(e.recordedAt).toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB')} · `
        + `${t('who')}: ${e.actorId} (${e.actorRole}) · ${t('legalBasis')}: ${e.legalBasis ?? '–'}`
        + (e.reason ? ` · ${t('why')}: ${e.reason}` : '') + ` · ${t('position')}: ${e.position}`)));
  main.replaceChildren(h('h2', {}, t('household', { id })), facts,
    h('section', { 'aria-labelledby': 'tl-h' }, h('h3', { id: 'tl-h' }, t('timeline')),
      h('ol', { class: 'timeline', id: 'timeline' }, entries)));
  showPosition();
}

function describePayload(entry) {
  const p = entry.payload || {};
  const bits = [];
  if (p.reviewYear) bits.push(`${p.reviewYear}${p.reviewKind ? ' ' + t(p.reviewKind) : ''}`);
  if (p.transition && p.transition !== 'UNCHANGED') bits.push(t(p.transition));
  if (p.kind) bits.push(p.kind);
  if (p.exceptionId) bits.push(`${p.exceptionId}, ${p.communeCode} ${p.reviewYear}`);
  if (p.village && entry.eventType !== 'AssessmentRecordedEvent') bits.push(p.village);
  return bits.length ? ` (${bits.join(', ')})` : '';
}

// ---------------------------------------------------------------------------------------------------- programme

async function programme(main, params) {
  const year = Number(params.get('year')) || 2024;
  const tp = timeParams();
  const [ledger, outputs] = await Promise.all([
    api(`/api/programmes/${PROGRAMME}/funding-ledger`, { asOf: tp.asOf }),
    api(`/api/programmes/${PROGRAMME}/outputs`, { year, asOf: tp.asOf }),
  ]);
  const sums = new Map();
  for (const p of ledger.projects) for (const s of p.subProjects) for (const r of s.rows) {
    const key = `${r.fiscalYear}|${r.source}`;
    const acc = sums.get(key) || { year: r.fiscalYear, source: r.source, allocated: 0, disbursed: 0 };
    acc.allocated += r.figures.allocated;
    acc.disbursed += r.figures.disbursed;
    sums.set(key, acc);
  }
  const groups = [...sums.values()].sort((a, b) => a.year - b.year || a.source.localeCompare(b.source));
  const canvas = h('canvas', { role: 'img', 'aria-label': t('fundingBySource') });
  const money = v => num(v / 1e6, 0);
  const projectRows = ledger.projects.flatMap(p => [
    h('tr', { class: 'total' }, h('th', { scope: 'row' }, `${p.projectCode} ${p.name ?? ''}`), td(''),
      td(money(p.totals.allocated), 'num'), td(money(p.totals.disbursed), 'num'), td(money(p.totals.remaining), 'num'), td(money(p.totals.lapsed), 'num')),
    ...p.subProjects.map(s => h('tr', {}, h('td', {}, ''), h('th', { scope: 'row' }, `${s.subProjectCode} ${s.name ?? ''}`),
      td(money(s.totals.allocated), 'num'), td(money(s.totals.disbursed), 'num'), td(money(s.totals.remaining), 'num'), td(money(s.totals.lapsed), 'num')))]);
  const yearSelect = h('select', { id: 'prog-year', onchange: e => { location.hash = `#/programme?year=${e.target.value}`; } },
    YEARS.map(y => h('option', { value: y, selected: y === year }, String(y))));
  main.replaceChildren(
    h('h2', {}, t('programmeTitle', { c: ledger.name || PROGRAMME })),
    h('section', { class: 'card' }, h('h3', {}, t('fundingBySource')), h('div', { class: 'chart' }, canvas)),
    h('section', { class: 'card' }, table([t('project'), t('subProject'), { label: t('allocated'), num: true },
      { label: t('disbursed'), num: true }, { label: t('remaining'), num: true }, { label: t('lapsed'), num: true }], projectRows)),
    h('section', { class: 'card' }, h('h3', {}, t('outputsTitle', { y: year })),
      h('div', { class: 'search' }, field('prog-year', t('year'), yearSelect)),
      table([t('subProject'), t('output'), t('commune'), { label: t('planned'), num: true }, { label: t('achieved'), num: true }, { label: t('rate'), num: true }],
        outputs.rows.map(r => h('tr', {}, td(r.subProjectCode), td(r.outputCode), td(r.communeCode ?? '–'),
          td(num(r.planned), 'num'), td(num(r.achieved), 'num'), td(r.achievementRate === null ? '–' : `${num(r.achievementRate)}%`, 'num'))))));
  const labels = [...new Set(groups.map(g => g.year))];
  const sources = [...new Set(groups.map(g => g.source))];
  const palette = ['#0b5cad', '#1b6e2e', '#e09f3e', '#6a4c93'];
  chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: sources.flatMap((s, i) => [
        { label: `${t(s)} — ${t('allocated')}`, stack: 'allocated', backgroundColor: palette[i % 4] + '99',
          data: labels.map(y => (sums.get(`${y}|${s}`)?.allocated ?? 0) / 1e6) },
        { label: `${t(s)} — ${t('disbursed')}`, stack: 'disbursed', backgroundColor: palette[i % 4],
          data: labels.map(y => (sums.get(`${y}|${s}`)?.disbursed ?? 0) / 1e6) }]),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true } } },
  });
  showPosition();
}

// ------------------------------------------------------------------------------------------------------- import

async function importPage(main) {
  const form = h('form', { class: 'card search', id: 'import-form' },
    field('import-file', t('file'), h('input', { id: 'import-file', type: 'file', accept: '.csv,.xlsx,text/csv', required: true })),
    field('import-year', t('reviewYear'), h('input', { id: 'import-year', type: 'number', min: 2000, max: 2100, value: 2025, required: true })),
    h('div', {}, h('label', { for: 'import-dry' }, t('dryRun')), h('input', { id: 'import-dry', type: 'checkbox', checked: true })),
    h('button', { type: 'submit', id: 'import-submit' }, t('upload')));
  const templateLink = h('a', { href: '#', id: 'import-template' }, t('template'));
  templateLink.addEventListener('click', async e => {
    e.preventDefault();
    const response = await fetch(`/api/imports/template.xlsx?lang=${lang()}`, { headers: { Authorization: authHeader() || '' } });
    const url = URL.createObjectURL(await response.blob());
    h('a', { href: url, download: 'template.xlsx' }).click();
  });
  const progress = h('progress', { id: 'import-progress', max: 100, value: 0, hidden: true, 'aria-label': t('progress') });
  const out = h('div', { id: 'import-report', 'aria-live': 'polite' });
  form.addEventListener('submit', async e => {
    e.preventDefault();
    showError(null);
    const data = new FormData();
    data.append('file', $('#import-file').files[0]);
    data.append('year', $('#import-year').value);
    data.append('dryRun', $('#import-dry').checked);
    progress.hidden = false;
    progress.value = 0;
    try {
      const started = await api('/api/imports', {}, { method: 'POST', body: data, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      let report = started;
      while (!['COMPLETED', 'FAILED'].includes(report.state)) {
        progress.value = report.percent ?? 0;
        await new Promise(r => setTimeout(r, 300));
        report = await api(`/api/imports/${encodeURIComponent(started.importId)}`, { limit: 500 });
      }
      progress.value = 100;
      renderReport(out, report);
    } catch (err) { showError(err); }
  });
  main.replaceChildren(h('h2', {}, t('importTitle')), h('p', {}, templateLink), form, progress, out);
  showPosition();
}

function renderReport(out, report) {
  const c = report.counts || {};
  const summary = h('dl', { class: 'card', id: 'import-summary' },
    ...[[t('state'), t(report.state)], [t('rows'), c.rows], [t('accepted'), c.accepted], [t('unchanged'), c.unchanged], [t('rejected'), c.rejected]]
      .flatMap(([k, v]) => [h('dt', {}, k), h('dd', { 'data-count': k }, String(v ?? 0))]));
  const rejections = report.rejections || [];
  if (!rejections.length) { out.replaceChildren(h('h3', {}, t('reportTitle')), summary, h('p', {}, t('noRejections'))); return; }
  // one column per spreadsheet column that has a problem; the bad cells are highlighted and say why
  const columns = [...new Map(rejections.flatMap(r => r.problems).filter(p => p.column)
    .map(p => [p.column, p.header || p.column])).entries()];
  const rows = rejections.map(r => {
    const byColumn = new Map(r.problems.filter(p => p.column).map(p => [p.column, p]));
    const general = r.problems.filter(p => !p.column).map(p => p.message).join('; ');
    return h('tr', { 'data-row': r.row },
      h('th', { scope: 'row' }, String(r.row)), td(r.householdId ?? ''),
      columns.map(([col]) => {
        const p = byColumn.get(col);
        return p ? h('td', { class: 'bad', title: `${p.rule}: ${p.message}` }, `${p.cell ?? ''} ${p.message}`) : td('');
      }),
      td(general));
  });
  out.replaceChildren(h('h3', {}, t('reportTitle')), summary,
    table([t('row'), t('householdId'), ...columns.map(([, header]) => header), t('problems')], rows));
}

// -------------------------------------------------------------------------------------------------------- audit

async function audit(main) {
  const result = h('div', { id: 'verify-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', id: 'verify' }, t('verify'));
  button.addEventListener('click', () => verify(result));
  const checkpoints = h('div', { id: 'checkpoints' }, t('loading'));
  const replays = h('div', { id: 'replays' }, t('loading'));
  main.replaceChildren(
    h('section', { class: 'card' }, h('h2', {}, t('auditTitle')), button, result),
    h('section', { class: 'card' }, h('h2', {}, t('checkpoints')), checkpoints),
    h('section', { class: 'card' }, h('h2', {}, t('replays')), replays));
  await Promise.all([verify(result), listing(checkpoints, '/api/ledger/checkpoints'), listing(replays, '/api/audit/replays')]);
  showPosition();
}

async function verify(container) {
  container.replaceChildren(t('loading'));
  const r = await api('/api/ledger/verify');
  container.replaceChildren(
    h('p', { class: r.ok ? 'ok' : 'broken', id: 'verify-status' }, r.ok ? t('verified') : `${t('damaged')}: ${r.failure} @ ${r.firstBrokenPosition} — ${r.reason}`),
    h('p', {}, `${t('checked')}: ${r.eventsChecked.toLocaleString()} ${t('events').toLowerCase()} · ${t('chainHead')}: ${r.headPosition} · ${t('hash')}: `, h('code', {}, r.headHash ?? '')));
  shownPositions.push(r.headPosition);
}

/** A list answered by a newer or optional endpoint, shown as a table of its scalar fields. */
async function listing(container, path) {
  let body;
  try { body = await api(path, { limit: 20 }); } catch (e) {
    container.replaceChildren(h('p', {}, [404, 405].includes(e.status) ? t('notAvailable') : e.message));
    return;
  }
  const items = Array.isArray(body) ? body : (body.items || body.checkpoints || body.replays || []);
  if (!items.length) { container.replaceChildren(h('p', {}, t('none'))); return; }
  const keys = Object.keys(items[0]).filter(k => items.some(i => i[k] !== null && typeof i[k] !== 'object')).slice(0, 8);
  container.replaceChildren(table(keys, items.map(i => h('tr', {}, keys.map(k => td(String(i[k] ?? '')))))));
}

// ------------------------------------------------------------------------------------------------------- router

async function route() {
  if (!session) return;
  const [path, query] = (location.hash.slice(1) || '/overview').split('?');
  const params = new URLSearchParams(query || '');
  const [, page, arg] = path.split('/');
  document.querySelectorAll('nav a').forEach(a => {
    if (a.dataset.page === page || (page === 'household' && a.dataset.page === 'households')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  clear();
  const main = $('#main');
  try {
    switch (page) {
      case 'households': await households(main, params); break;
      case 'household': await household(main, decodeURIComponent(arg || '')); break;
      case 'programme': await programme(main, params); break;
      case 'import': await importPage(main); break;
      case 'audit': await audit(main); break;
      default: await overview(main, params);
    }
  } catch (e) {
    main.replaceChildren();
    showError(e);
  }
}

// -------------------------------------------------------------------------------------------------------- start

document.addEventListener('DOMContentLoaded', async () => {
  $('#lang').value = lang();
  setLang(lang());
  $('#lang').addEventListener('change', e => { setLang(e.target.value); route(); });
  $('#login-form').addEventListener('submit', signIn);
  $('#signout').addEventListener('click', signOut);
  $('#time').addEventListener('submit', e => { e.preventDefault(); route(); });
  $('#reset').addEventListener('click', () => { $('#asOf').value = ''; $('#asKnownAt').value = ''; route(); });
  window.addEventListener('hashchange', route);
  if (authHeader()) {
    try { session = await api('/api/me', {}, { quiet401: true }); start(); return; } catch (e) { /* sign in again */ }
  }
  signOut();
});
