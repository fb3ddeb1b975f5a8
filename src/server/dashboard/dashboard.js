// The dashboard: polls the REST API each second and draws the jobs, the selected job's graph (with each operator's
// rates, watermark and busy / backpressured / idle time) and its counters. Plain browser JavaScript, no build step;
// every text from the engine goes into the page through textContent, never as HTML.
// @ts-check

const POLL_MS = 1000;
const NODE_WIDTH = 330;
const NODE_HEIGHT = 80;
const COLUMN_GAP = 40;
const ROW_GAP = 34;
const SVG = 'http://www.w3.org/2000/svg';

/** @type {string | undefined} */
let selectedId = location.hash.slice(1) || undefined;

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} [children]
 */
function el(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  for (const child of children) element.append(child);
  return element;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @param {string} [text]
 */
function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const count = (/** @type {number} */ n) => integer.format(n);

/** @param {number} ms */
function duration(ms) {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** @param {number} ms */
const clock = (ms) => new Date(ms).toLocaleTimeString();

/** @param {string} path @param {RequestInit} [init] */
async function api(path, init) {
  const response = await fetch(path, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

async function refresh() {
  try {
    const [overview, { jobs }, { tables }] = await Promise.all([api('api/v1/overview'), api('api/v1/jobs'), api('api/v1/tables')]);
    renderCatalog(tables);
    const counts = overview.jobs;
    byId('overview').textContent = `up ${duration(overview.uptimeMs)} · ${counts.running} running · ${counts.finished} finished · ${counts.cancelled} cancelled · ${counts.failed} failed`;
    renderJobs(jobs);
    if (selectedId === undefined && jobs.length > 0) selectedId = (jobs.find((/** @type {any} */ j) => j.status === 'running') ?? jobs[jobs.length - 1]).id;
    if (selectedId !== undefined && jobs.some((/** @type {any} */ j) => j.id === selectedId)) renderJob(await api(`api/v1/jobs/${selectedId}`));
    else byId('job').hidden = true;
  } catch (error) {
    byId('overview').textContent = `cannot reach the engine: ${error instanceof Error ? error.message : error}`;
  }
}

/** The catalog's tables and views as links that query them; their columns on hover. @param {any[]} tables */
function renderCatalog(tables) {
  const links = tables.map((t) => {
    const columns = t.columns.map((/** @type {any} */ c) => `${c.name} ${c.type}`).join('\n');
    const link = el('a', { href: '#sql', title: `${t.kind}${t.connector ? ` (${t.connector})` : ''}\n${columns}` }, [t.name]);
    link.addEventListener('click', (event) => {
      event.preventDefault();
      /** @type {HTMLTextAreaElement} */ (byId('sql-text')).value = `SELECT * FROM \`${t.name}\``;
    });
    return link;
  });
  byId('catalog').replaceChildren(tables.length === 0 ? 'No tables yet.' : 'Tables: ', ...links);
}

/** @param {any[]} jobs */
function renderJobs(jobs) {
  byId('no-jobs').hidden = jobs.length > 0;
  const rows = [...jobs].reverse().map((job) => {
    const row = el('tr', job.id === selectedId ? { class: 'selected' } : {}, [
      el('td', {}, [job.name]),
      el('td', {}, [el('span', { class: `status ${job.status}` }, [job.status])]),
      el('td', {}, [job.kind]),
      el('td', {}, [clock(job.startedAt)]),
      el('td', {}, [duration(job.elapsedMs)]),
      el('td', { class: 'num' }, [count(job.recordsIn)]),
      el('td', { class: 'num' }, [count(job.recordsOut)]),
      el('td', { class: 'num' }, [count(job.lateRecords)]),
    ]);
    row.addEventListener('click', () => {
      selectedId = job.id;
      location.hash = job.id;
      void refresh();
    });
    return row;
  });
  /** @type {HTMLElement} */ (byId('jobs').querySelector('tbody')).replaceChildren(...rows);
}

/** @param {any} job */
function renderJob(job) {
  byId('job').hidden = false;
  byId('job-name').textContent = job.name;
  const status = byId('job-status');
  status.textContent = job.status;
  status.className = `status ${job.status}`;
  byId('job-id').textContent = job.id;
  const running = job.status === 'running';
  /** @type {HTMLButtonElement} */ (byId('stop')).disabled = !running;
  /** @type {HTMLButtonElement} */ (byId('savepoint')).disabled = !running || job.checkpoints === null;
  if (job.error) showMessage(`Failed: ${job.error}`, true);
  renderCards(job);
  renderGraph(job);
  renderVertices(job.vertices);
  renderCheckpoints(job.checkpoints);
  renderTables(job.tables);
}

/** @param {any} checkpoints */
function renderCheckpoints(checkpoints) {
  byId('checkpoints').hidden = checkpoints === null;
  if (checkpoints === null) return;
  const size = checkpoints.databaseBytes === undefined ? '' : ` · job database ${decimal.format(checkpoints.databaseBytes / 1048576)} MiB`;
  const restored = checkpoints.restoredFrom ? ` · resumed from ${checkpoints.restoredFrom.kind} #${checkpoints.restoredFrom.id}` : '';
  byId('checkpoint-summary').textContent = `${count(checkpoints.completed)} completed · longest pause ${Math.round(checkpoints.maxPauseMs)} ms${size}${restored}`;
  const ms = (/** @type {number} */ value) => `${Math.round(value)} ms`;
  /** @type {HTMLElement} */ (byId('checkpoint-rows').querySelector('tbody')).replaceChildren(
    ...checkpoints.recent.map((/** @type {any} */ c) =>
      el('tr', {}, [
        el('td', { class: 'num' }, [String(c.id)]),
        el('td', {}, [c.kind]),
        el('td', {}, [clock(c.completedAt)]),
        el('td', { class: 'num' }, [ms(c.durationMs)]),
        el('td', { class: 'num' }, [ms(c.commitMs)]),
        el('td', { class: 'num' }, [ms(c.notifyMs)]),
      ]),
    ),
  );
}

/** @param {any} job */
function renderCards(job) {
  const sources = job.vertices.filter((/** @type {any} */ v) => v.kind === 'source');
  const inRate = sources.reduce((/** @type {number} */ sum, /** @type {any} */ v) => sum + v.rates.numRecordsOutPerSecond, 0);
  const cards = [
    ['Duration', duration(job.elapsedMs), `since ${clock(job.startedAt)}`],
    ['Records in', count(job.recordsIn), `${decimal.format(inRate)} /s now`],
    ['Records out', count(job.recordsOut), job.kind === 'query' ? 'to the caller' : 'into sinks'],
    ['Late records', count(job.lateRecords), 'kept in <table>$late'],
  ];
  if (job.emitLatency) cards.push(['Window emit latency', `${job.emitLatency.p99} ms p99`, `${job.emitLatency.p50} ms p50 · ${count(job.emitLatency.windows)} windows`]);
  if (job.checkpoints) cards.push(['Checkpoints', count(job.checkpoints.completed), `last #${job.checkpoints.lastId ?? '–'} · max pause ${Math.round(job.checkpoints.maxPauseMs)} ms`]);
  byId('cards').replaceChildren(
    ...cards.map(([label, value, sub]) => el('div', { class: 'card' }, [el('div', { class: 'label' }, [label]), el('div', { class: 'value' }, [value]), el('div', { class: 'sub' }, [sub])])),
  );
}

/** Top to bottom: rows by longest path from a source; side by side by id within a row. @param {any[]} vertices */
function layout(vertices) {
  /** @type {Map<number, number>} */
  const row = new Map();
  const byVertexId = new Map(vertices.map((v) => [v.id, v]));
  /** @param {any} vertex @returns {number} */
  const rowOf = (vertex) => {
    const known = row.get(vertex.id);
    if (known !== undefined) return known;
    const value = vertex.inputs.length === 0 ? 0 : 1 + Math.max(...vertex.inputs.map((/** @type {any} */ i) => rowOf(byVertexId.get(i.from))));
    row.set(vertex.id, value);
    return value;
  };
  /** @type {Map<number, {x: number, y: number}>} */
  const positions = new Map();
  const columnsUsed = new Map();
  for (const vertex of [...vertices].sort((a, b) => a.id - b.id)) {
    const r = rowOf(vertex);
    const c = columnsUsed.get(r) ?? 0;
    columnsUsed.set(r, c + 1);
    positions.set(vertex.id, { x: 10 + c * (NODE_WIDTH + COLUMN_GAP), y: 10 + r * (NODE_HEIGHT + ROW_GAP) });
  }
  const rows = Math.max(...row.values()) + 1;
  const columns = Math.max(...columnsUsed.values());
  return { positions, width: 20 + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP, height: 20 + rows * NODE_HEIGHT + (rows - 1) * ROW_GAP };
}

/** The time of day of a watermark ('end of input' as it is; '' before the first). @param {string | null} text */
const watermarkTime = (text) => (text === null ? '' : /^\d{4}-/.test(text) ? `watermark ${text.slice(11)}` : text);

/** @param {string} text @param {number} max */
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** @param {any} job */
function renderGraph(job) {
  const graph = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (byId('graph')));
  if (job.vertices.length === 0) return graph.replaceChildren();
  const { positions, width, height } = layout(job.vertices);
  graph.setAttribute('width', String(width));
  graph.setAttribute('height', String(height));
  const children = [];
  for (const vertex of job.vertices) {
    const to = /** @type {{x: number, y: number}} */ (positions.get(vertex.id));
    for (const input of vertex.inputs) {
      const from = positions.get(input.from);
      if (!from) continue;
      const x1 = from.x + NODE_WIDTH / 2, y1 = from.y + NODE_HEIGHT, x2 = to.x + NODE_WIDTH / 2, y2 = to.y;
      children.push(svg('path', { class: 'edge', d: `M${x1},${y1} C${x1},${y1 + ROW_GAP / 2} ${x2},${y2 - ROW_GAP / 2} ${x2},${y2}`, 'marker-end': 'url(#arrow)' }));
      if (input.shipStrategy !== 'FORWARD') {
        const label = svg('text', { class: 'edge-label', x: (x1 + x2) / 2 + 8, y: (y1 + y2) / 2 + 4 }, clip(input.shipStrategy, 40));
        label.append(svg('title', {}, input.shipStrategy));
        children.push(label);
      }
    }
  }
  for (const vertex of job.vertices) {
    const { x, y } = /** @type {{x: number, y: number}} */ (positions.get(vertex.id));
    const rates = vertex.rates;
    const group = svg('g', { transform: `translate(${x},${y})` });
    const box = svg('rect', { class: `box ${rates.backpressureLevel}`, width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6 });
    box.append(svg('title', {}, vertex.description));
    group.append(box);
    group.append(svg('text', { class: 'title', x: 10, y: 18 }, vertex.name));
    group.append(svg('text', { class: 'detail', x: 10, y: 33 }, clip(vertex.description, 50)));
    const flow = vertex.kind === 'source' ? `out ${decimal.format(rates.numRecordsOutPerSecond)}/s` : `in ${decimal.format(rates.numRecordsInPerSecond)}/s · out ${decimal.format(rates.numRecordsOutPerSecond)}/s`;
    group.append(svg('text', { x: 10, y: 50 }, flow));
    group.append(svg('text', { class: 'detail', x: NODE_WIDTH - 10, y: 18, 'text-anchor': 'end' }, watermarkTime(vertex.watermarkText)));
    let offset = 10;
    const barWidth = NODE_WIDTH - 20;
    for (const [kind, ms] of [['busy', rates.busyTimeMsPerSecond], ['backpressured', rates.backPressuredTimeMsPerSecond], ['idle', rates.idleTimeMsPerSecond]]) {
      const w = (barWidth * Number(ms)) / 1000;
      const part = svg('rect', { class: String(kind), x: offset, y: 62, width: Math.max(0, w), height: 8 });
      part.append(svg('title', {}, `${kind} ${ms} ms/s`));
      group.append(part);
      offset += w;
    }
    children.push(group);
  }
  const defs = svg('defs');
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#9aa3b5' }));
  defs.append(marker);
  graph.replaceChildren(defs, ...children);
}

/** @param {any[]} vertices */
function renderVertices(vertices) {
  const rows = vertices.map((v) =>
    el('tr', { title: v.description }, [
      el('td', {}, [String(v.id)]),
      el('td', {}, [v.name]),
      el('td', { class: 'num' }, [count(v.recordsIn)]),
      el('td', { class: 'num' }, [count(v.recordsOut)]),
      el('td', { class: 'num' }, [decimal.format(v.rates.numRecordsInPerSecond)]),
      el('td', { class: 'num' }, [decimal.format(v.rates.numRecordsOutPerSecond)]),
      el('td', { class: 'num' }, [v.kind === 'source' ? '–' : `${v.rates.busyTimeMsPerSecond} ms/s`]),
      el('td', { class: 'num' }, [`${v.rates.backPressuredTimeMsPerSecond} ms/s`]),
      el('td', { class: `level-${v.rates.backpressureLevel}` }, [v.rates.backpressureLevel.toUpperCase()]),
      el('td', {}, [v.watermarkText ?? '–']),
      el('td', { class: 'num' }, [count(v.lateRecords)]),
      el('td', {}, v.queryable ? [resultLink(v)] : []),
    ]),
  );
  /** @type {HTMLElement} */ (byId('vertices').querySelector('tbody')).replaceChildren(...rows);
}

/** A link that shows the operator's current result rows (queryable state) below the table. @param {any} vertex */
function resultLink(vertex) {
  const link = el('a', { href: '#' }, ['result rows']);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    void showResult(vertex);
  });
  return link;
}

const RESULT_LIMIT = 100;

/** @param {any} vertex */
async function showResult(vertex) {
  const panel = byId('result');
  panel.hidden = false;
  try {
    const result = await api(`api/v1/jobs/${selectedId}/vertices/${vertex.id}/result?limit=${RESULT_LIMIT}`);
    const shown = result.rows.length < result.total ? `the first ${count(result.rows.length)} of ${count(result.total)} rows` : `${count(result.total)} rows`;
    byId('result-title').textContent = `Current result of ${vertex.name}: ${shown}, read from its state at ${new Date().toLocaleTimeString()}`;
    const table = byId('result-rows');
    /** @type {HTMLElement} */ (table.querySelector('thead')).replaceChildren(el('tr', {}, result.columns.map((/** @type {any} */ c) => el('th', {}, [`${c.name} ${c.type}`]))));
    /** @type {HTMLElement} */ (table.querySelector('tbody')).replaceChildren(
      ...result.rows.map((/** @type {any} */ row) => el('tr', {}, result.columns.map((/** @type {any} */ c) => el('td', {}, [cellText(row[c.name])])))),
    );
  } catch (error) {
    byId('result-title').textContent = `Result of ${vertex.name}: ${error instanceof Error ? error.message : error}`;
  }
}

/** @param {unknown} value */
const cellText = (value) => (value === null || value === undefined ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** @param {any[]} tables */
function renderTables(tables) {
  const rows = tables.map((t) =>
    el('tr', {}, [
      el('td', {}, [t.table]),
      el('td', { class: 'num' }, [count(t.recordsRead)]),
      el('td', { class: 'num' }, [count(t.recordsWritten)]),
      el('td', { class: 'num' }, [keptRecordsLink(t.lateRecords + (t.futureRecords ?? 0), `${t.table}$late`)]),
      el('td', { class: 'num' }, [keptRecordsLink(t.malformedRecords, `${t.table}$malformed`)]),
      el('td', { class: 'num' }, [count(t.nullRowtimeRecords)]),
      lagCell(t.lag),
    ]),
  );
  /** @type {HTMLElement} */ (byId('tables').querySelector('tbody')).replaceChildren(...rows);
}

/** A Kafka source's consumer lag: the sum over its partitions, each on hover. @param {Record<string, number> | undefined} lag */
function lagCell(lag) {
  if (lag === undefined) return el('td', { class: 'num' }, ['–']);
  const entries = Object.entries(lag);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return el('td', { class: 'num', title: entries.map(([split, n]) => `${split}: ${count(n)}`).join('\n') }, [count(total)]);
}

/** A count that, when not 0, queries the system table keeping those records. @param {number} n @param {string} table */
function keptRecordsLink(n, table) {
  if (n === 0) return '0';
  const link = el('a', { href: '#sql', title: `SELECT * FROM \`${table}\`` }, [count(n)]);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    /** @type {HTMLTextAreaElement} */ (byId('sql-text')).value = `SELECT * FROM \`${table}\``;
    void runSql();
    byId('sql').scrollIntoView();
  });
  return link;
}

async function runSql() {
  const statement = /** @type {HTMLTextAreaElement} */ (byId('sql-text')).value;
  const limit = Number(/** @type {HTMLInputElement} */ (byId('sql-limit')).value);
  const timeoutMs = Number(/** @type {HTMLInputElement} */ (byId('sql-timeout')).value) * 1000;
  const status = byId('sql-status');
  const table = byId('sql-rows');
  status.textContent = 'running…';
  const started = performance.now();
  try {
    const result = await api('api/v1/sql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ statement, limit, timeoutMs }) });
    const took = `${Math.round(performance.now() - started)} ms`;
    status.textContent = `${count(result.rows.length)} rows (${took})${result.complete ? '' : ' — stopped at the row or time limit'}`;
    /** @type {HTMLElement} */ (table.querySelector('thead')).replaceChildren(el('tr', {}, result.columns.map((/** @type {any} */ c) => el('th', {}, [`${c.name} ${c.type}`]))));
    /** @type {HTMLElement} */ (table.querySelector('tbody')).replaceChildren(
      ...result.rows.map((/** @type {any} */ row) => el('tr', {}, result.columns.map((/** @type {any} */ c) => el('td', {}, [cellText(row[c.name])])))),
    );
    table.hidden = false;
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    table.hidden = true;
  }
}

/** @param {string} text @param {boolean} [error] */
function showMessage(text, error = false) {
  const message = byId('job-message');
  message.textContent = text;
  message.className = error ? 'message error' : 'message';
  message.hidden = false;
}

/** @param {'stop' | 'savepoints'} action */
async function act(action) {
  if (selectedId === undefined) return;
  try {
    const result = await api(`api/v1/jobs/${selectedId}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    showMessage(action === 'stop' ? 'Job stopped.' : `Savepoint written to ${result.savepoint}`);
  } catch (error) {
    showMessage(error instanceof Error ? error.message : String(error), true);
  }
  await refresh();
}

byId('stop').addEventListener('click', () => void act('stop'));
byId('sql-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void runSql();
});
byId('savepoint').addEventListener('click', () => void act('savepoints'));
window.addEventListener('hashchange', () => {
  selectedId = location.hash.slice(1) || undefined;
  byId('job-message').hidden = true;
  byId('result').hidden = true;
  void refresh();
});
void refresh();
setInterval(() => void refresh(), POLL_MS);
