import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  eventsPerSecond,
  formatCount,
  formatElapsed,
  formatJobSummary,
} from '../../src/cli/format-summary.js';
import type { TableCounters } from '../../src/session/api-types.js';

function counters(table: string, values: Partial<TableCounters>): TableCounters {
  return {
    table,
    recordsRead: 0,
    recordsWritten: 0,
    lateRecords: 0,
    malformedRecords: 0,
    nullRowtimeRecords: 0,
    ...values,
  };
}

describe('formatJobSummary', () => {
  it('reports status, elapsed time, throughput and per-table counts', () => {
    const lines = formatJobSummary({
      jobName: 'insert-into-sink',
      status: 'finished',
      elapsedMs: 2000,
      recordsIn: 300000,
      tables: [counters('bids', { recordsRead: 300000 }), counters('sink', { recordsWritten: 42 })],
    });
    assert.deepEqual(lines, [
      "[INFO] Job 'insert-into-sink' finished in 2.00 s: 300,000 records in, 150,000 events/s.",
      '[INFO]   bids: 300,000 read',
      '[INFO]   sink: 42 written',
    ]);
  });

  it('counts the lookups of a lookup table, with its cache hits and misses', () => {
    const lines = formatJobSummary({
      jobName: 'enrich',
      status: 'finished',
      elapsedMs: 1000,
      recordsIn: 6,
      tables: [counters('orders', { recordsRead: 6 }), counters('customers', { lookupCacheHits: 1, lookupCacheMisses: 5 }), counters('idle', { lookupCacheHits: 0, lookupCacheMisses: 0 })],
    });
    assert.deepEqual(lines.slice(1), ['[INFO]   orders: 6 read', '[INFO]   customers: 6 lookups (cache: 1 hit, 5 misses)']);
  });

  it('warns loudly about late, malformed and NULL-rowtime records', () => {
    const lines = formatJobSummary({
      jobName: 'j',
      status: 'cancelled',
      elapsedMs: 0,
      recordsIn: 1,
      tables: [counters('bids', { recordsRead: 8, lateRecords: 2, malformedRecords: 1, nullRowtimeRecords: 3 })],
    });
    assert.equal(lines[0], "[INFO] Job 'j' cancelled in 0 ms: 1 record in, n/a events/s.");
    assert.ok(lines.includes('[WARN] bids: 2 late records dropped (arrived after their windows fired)'));
    assert.ok(lines.includes('[WARN] bids: 1 malformed record skipped; see `bids$malformed`'));
    assert.ok(lines.some((line) => line.startsWith('[WARN] bids: 3 records with a NULL rowtime dropped')));
  });
});

describe('summary helpers', () => {
  it('formats counts with fixed separators', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(999), '999');
    assert.equal(formatCount(1234567), '1,234,567');
  });

  it('formats elapsed time by magnitude', () => {
    assert.equal(formatElapsed(12.4), '12 ms');
    assert.equal(formatElapsed(1500), '1.50 s');
    assert.equal(formatElapsed(125_000), '2 min 5 s');
  });

  it('computes events per second, null for zero time', () => {
    assert.equal(eventsPerSecond(500, 250), 2000);
    assert.equal(eventsPerSecond(500, 0), null);
  });
});
