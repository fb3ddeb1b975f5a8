/**
 * The Sluice side of `npm run bench`: a Nexmark query runs from the published SQL over a generated JSON-lines file and
 * over in-memory Arrow batches, and the chart renders to a PNG with the ratio of each pair. (The Flink side needs a
 * JVM and is checked by bench/flink/check.ts, not by the unit suite.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSluiceQuery } from '../../bench/nexmark/sluice-runner.js';
import { chartSvg, writeChartPng } from '../../bench/nexmark/chart.js';
import { nexmarkConfig } from '../../bench/nexmark/config.js';
import { generateEvents } from '../../bench/nexmark/generator.js';
import { writeKafkaJsonLines } from '../../bench/nexmark/json-files.js';

test('a Nexmark query runs on Sluice from the file and from in-memory batches, with events, CPU and RSS measured', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nexmark-bench-'));
  const input = join(dir, 'events.jsonl');
  writeKafkaJsonLines(generateEvents(nexmarkConfig(), 0, 3000), input);
  const fromFile = await runSluiceQuery({ query: 'q2', input });
  assert.equal(fromFile.mode, 'file');
  assert.equal(fromFile.events, 3000);
  assert.ok(fromFile.elapsedMs > 0 && fromFile.eventsPerSecond > 0 && fromFile.cpuMs > 0 && fromFile.peakRssMb > 0);
  const alone = await runSluiceQuery({ query: 'q1', engineAlone: 3000 });
  assert.equal(alone.mode, 'engine-alone');
  assert.equal(alone.events, 2760, '46 of every 50 events are bids');
});

test('the chart shows each pair and its ratio, and renders to PNG', () => {
  const svg = chartSvg('title', [{ query: 'q0', sluice: 300, flink: 200 }, { query: 'q1', sluice: 50, flink: undefined }]);
  assert.match(svg, /1\.50×/);
  assert.match(svg, />q0</);
  assert.match(svg, />q1</);
  const path = join(mkdtempSync(join(tmpdir(), 'sluice-chart-')), 'chart.png');
  writeChartPng(path, 'title', [{ query: 'q0', sluice: 300, flink: 200 }]);
  assert.deepEqual([...readFileSync(path).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
});
