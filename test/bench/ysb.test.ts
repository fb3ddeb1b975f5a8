/**
 * The Yahoo streaming benchmark (bench/yahoo): the generated events, run through the job's SQL on Sluice, give the
 * counts the generator computes directly (the original benchmark's check mode), and the harness runs it like a Nexmark
 * query.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../src/index.js';
import { sluiceSourceOptions, runSluiceQuery } from '../../bench/nexmark/sluice-runner.js';
import { writeYsbFiles, ysbExpectedCounts, YsbIds, ysbEvent, YSB_EVENT_SPACING_MS, YSB_SKEW_MS, YSB_START_MS } from '../../bench/yahoo/generator.js';
import { parseTimestampText } from '../../bench/nexmark/timestamp-text.js';
import { YSB_SELECT, ysbCampaignsPath, ysbTablesDdl } from '../../bench/yahoo/script.js';

const EVENTS = 20_000;

function generated(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-ysb-'));
  return join(dir, 'ad-events.jsonl');
}

test('the generator follows the original: 100 campaigns × 10 ads, three event types, 10 ms spacing with ±50 ms skew', async () => {
  const ids = new YsbIds();
  assert.equal(new Set(ids.campaigns).size, 100);
  assert.equal(new Set(ids.ads).size, 1000);
  const events = Array.from({ length: 3000 }, (_, n) => ysbEvent(ids, n));
  assert.deepEqual(new Set(events.map((e) => e.event_type)), new Set(['view', 'click', 'purchase']));
  assert.ok(events.every((e, n) => Math.abs(e.event_time - (YSB_START_MS + YSB_EVENT_SPACING_MS * n)) <= YSB_SKEW_MS));
  assert.ok(events.some((e, n) => n > 0 && e.event_time < events[n - 1]!.event_time), 'some events arrive out of order');
  const views = events.filter((e) => e.event_type === 'view').length;
  assert.ok(views > 900 && views < 1100, `about a third are views (${views})`);
  assert.deepEqual(ysbEvent(ids, 1234), events[1234], 'any event can be made on its own');

  const path = generated();
  await writeYsbFiles({ events: path, campaigns: ysbCampaignsPath(path) }, 10);
  const lines = readFileSync(path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.equal(lines.length, 10);
  assert.match(String(lines[0]!['event_time']), /^2026-01-01 00:00:00\.\d{3}$|^2025-12-31 23:59:59\.\d{3}$/);
  assert.equal(readFileSync(ysbCampaignsPath(path), 'utf8').trim().split('\n').length, 1000);
});

test('the job on Sluice gives the directly computed views per campaign and 10-second window', async () => {
  const path = generated();
  await writeYsbFiles({ events: path, campaigns: ysbCampaignsPath(path) }, EVENTS);
  const engine = new Engine();
  try {
    await engine.execute(ysbTablesDdl(path, sluiceSourceOptions));
    const rows = await engine.query(YSB_SELECT).toArray();
    const actual = new Map(rows.map((row) => [`${String(row['campaign_id'])}|${parseTimestampText(String(row['window_start']))}`, Number(row['seen_count'])]));
    const expected = ysbExpectedCounts(EVENTS);
    assert.equal(actual.size, expected.size);
    assert.deepEqual([...actual].sort(), [...expected].sort());
    assert.ok(expected.size > 1500, `${expected.size} campaign windows`);
  } finally {
    await engine.close();
  }
});

test('the harness runs the Yahoo job like a Nexmark query, with window emit latency', async () => {
  const path = generated();
  await writeYsbFiles({ events: path, campaigns: ysbCampaignsPath(path) }, 5000);
  const run = await runSluiceQuery({ query: 'ysb', input: path });
  assert.equal(run.mode, 'file');
  assert.equal(run.events, 5000 + 1000, 'ad events plus the campaigns table');
  assert.ok(run.emitLatencyMs && run.emitLatencyMs.windows > 0);
});
