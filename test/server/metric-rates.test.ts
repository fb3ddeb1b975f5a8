/** Per-second rates from sampled counters, as the REST API reports them (Flink's names and backpressure levels). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricRates } from '../../src/server/metric-rates.js';
import type { JobDetails, VertexDetails } from '../../src/session/job-details.js';

function vertex(id: number, counters: Partial<VertexDetails>): VertexDetails {
  return {
    id, name: `Calc#${id}`, kind: 'operator', description: 'Calc(select=[a])', changelog: '+I', inputs: [],
    recordsIn: 0, recordsOut: 0, watermark: null, watermarkText: null, lateRecords: 0, busyMs: 0, backpressuredMs: 0, queryable: false, ...counters,
  };
}

function job(status: JobDetails['status'], vertices: VertexDetails[], times: { startedAt: number; endedAt?: number }): JobDetails {
  return {
    id: 'a'.repeat(32), name: 'j', status, kind: 'insert', startedAt: times.startedAt, endedAt: times.endedAt ?? null,
    elapsedMs: (times.endedAt ?? 0) - times.startedAt, recordsIn: 0, recordsOut: 0, lateRecords: 0, vertices, tables: [],
    checkpoints: null, emitLatency: null, error: null,
  };
}

test('a running job: rates over the window since the oldest kept sample', () => {
  const rates = new MetricRates();
  rates.sample([job('running', [vertex(1, { recordsIn: 1000, recordsOut: 500, busyMs: 100, backpressuredMs: 50 })], { startedAt: 0 })], 10_000);
  const now = job('running', [vertex(1, { recordsIn: 5000, recordsOut: 2500, busyMs: 1700, backpressuredMs: 1250 })], { startedAt: 0 });
  assert.deepEqual(rates.rates(now, 12_000).get(1), {
    numRecordsInPerSecond: 2000,
    numRecordsOutPerSecond: 1000,
    busyTimeMsPerSecond: 800,
    backPressuredTimeMsPerSecond: 200, // 600 ms/s measured, but at most what busy time leaves of a second
    idleTimeMsPerSecond: 0,
    backpressureLevel: 'low',
  });
});

test('backpressure levels as Flink: OK below 100 ms/s, LOW up to 500, HIGH above', () => {
  const level = (backpressuredMs: number): string => {
    const rates = new MetricRates();
    const current = job('running', [vertex(1, { backpressuredMs })], { startedAt: 0 });
    return rates.rates(current, 1000).get(1)!.backpressureLevel;
  };
  assert.deepEqual([level(99), level(100), level(500), level(501), level(2000)], ['ok', 'low', 'low', 'high', 'high']);
});

test('without an older sample, or once the job ended, rates cover the whole run', () => {
  const rates = new MetricRates();
  const ended = job('finished', [vertex(1, { recordsIn: 3000, busyMs: 1500 })], { startedAt: 1000, endedAt: 4000 });
  rates.sample([ended], 50_000);
  assert.deepEqual(rates.rates(ended, 60_000).get(1), {
    numRecordsInPerSecond: 1000, numRecordsOutPerSecond: 0, busyTimeMsPerSecond: 500, backPressuredTimeMsPerSecond: 0, idleTimeMsPerSecond: 500, backpressureLevel: 'ok',
  });
  const samplesOutsideWindow = new MetricRates();
  samplesOutsideWindow.sample([job('running', [vertex(1, { recordsIn: 10 })], { startedAt: 0 })], 1000);
  assert.equal(samplesOutsideWindow.rates(job('running', [vertex(1, { recordsIn: 8000 })], { startedAt: 0 }), 8000).get(1)!.numRecordsInPerSecond, 1000);
});
