/**
 * The job summary printed to stderr when an INSERT job ends:
 *
 *   [INFO] Job 'insert-into-sink' finished in 1.20 s: 6 records in, 5 events/s.
 *   [INFO]   Bid: 6 read
 *   [INFO]   sink: 2 written
 *   [INFO]   customers: 6 lookups (cache: 4 hits, 2 misses)
 *   [WARN] Bid: 2 late records dropped (arrived after their windows fired)
 *   [WARN]   WindowAggregate#5 dropped 2 late records (watermark 2020-04-15 08:16:59.000); see `Bid$late`
 *
 * Dropped data is never quiet: late, malformed and NULL-rowtime records each get a [WARN] line.
 */
import type { JobSummary, OperatorCounters, TableCounters } from '../session/api-types.js';

export function formatJobSummary(summary: JobSummary): string[] {
  const rate = eventsPerSecond(summary.recordsIn, summary.elapsedMs);
  const lines = [
    `[INFO] Job '${summary.jobName}' ${summary.status} in ${formatElapsed(summary.elapsedMs)}: ` +
      `${plural(summary.recordsIn, 'record')} in, ${rate === null ? 'n/a' : formatCount(Math.round(rate))} events/s.`,
  ];
  lines.push(...checkpointLines(summary));
  for (const table of summary.tables) {
    const counts = tableCounts(table);
    if (counts.length > 0) lines.push(`[INFO]   ${table.table}: ${counts.join(', ')}`);
  }
  for (const table of summary.tables) lines.push(...droppedRecordWarnings(table));
  for (const operator of summary.operators ?? []) lines.push(...operatorDropWarnings(operator, lateTableHint(summary.tables)));
  return lines;
}

/** Where a checkpointed run resumed and what it checkpointed. */
function checkpointLines(summary: JobSummary): string[] {
  const checkpoints = summary.checkpoints;
  if (!checkpoints) return [];
  const lines: string[] = [];
  const from = checkpoints.restoredFrom;
  if (checkpoints.alreadyFinished) {
    lines.push(`[INFO]   already finished in an earlier run (final checkpoint ${from?.id ?? '?'}); nothing to do. Run with --fresh to start over.`);
    return lines;
  }
  if (from) lines.push(`[INFO]   resumed from ${from.kind} ${from.id} (taken ${new Date(from.completedAt).toISOString()})`);
  if (checkpoints.completed > 0) {
    lines.push(`[INFO]   ${plural(checkpoints.completed, 'checkpoint')} completed (last: ${checkpoints.lastId}), longest pause ${checkpoints.maxPauseMs.toFixed(1)} ms`);
  }
  return lines;
}

/** A `[WARN]` line for an operator that dropped records, naming the operator and its watermark. */
export function operatorDropWarnings(operator: OperatorCounters, hint = ''): string[] {
  const dropped: string[] = [];
  if (operator.lateRecords > 0) dropped.push(plural(operator.lateRecords, 'late record'));
  if (operator.futureRecords > 0) dropped.push(`${plural(operator.futureRecords, 'record')} too far in the future`);
  if (dropped.length === 0) return [];
  const watermark = operator.watermark === null ? '' : ` (watermark ${operator.watermark})`;
  return [`[WARN]   ${operator.name} dropped ${dropped.join(' and ')}${watermark}${hint}`];
}

/** `; see \`Bid$late\`` when exactly one table dropped records (the usual case); nothing otherwise. */
function lateTableHint(tables: readonly TableCounters[]): string {
  const dropping = tables.filter((t) => t.lateRecords > 0 || (t.futureRecords ?? 0) > 0);
  return dropping.length === 1 ? `; see \`${dropping[0]!.table}$late\`` : '';
}

function tableCounts(table: TableCounters): string[] {
  const counts: string[] = [];
  if (table.recordsRead > 0) counts.push(`${formatCount(table.recordsRead)} read`);
  if (table.recordsWritten > 0) counts.push(`${formatCount(table.recordsWritten)} written`);
  const hits = table.lookupCacheHits ?? 0;
  const misses = table.lookupCacheMisses ?? 0;
  if (hits + misses > 0) counts.push(`${plural(hits + misses, 'lookup')} (cache: ${formatCount(hits)} hit${hits === 1 ? '' : 's'}, ${formatCount(misses)} miss${misses === 1 ? '' : 'es'})`);
  return counts;
}

export function droppedRecordWarnings(table: TableCounters): string[] {
  const warnings: string[] = [];
  if (table.lateRecords > 0) {
    warnings.push(
      `[WARN] ${table.table}: ${plural(table.lateRecords, 'late record')} dropped (arrived after their windows fired)`,
    );
  }
  if ((table.futureRecords ?? 0) > 0) {
    warnings.push(
      `[WARN] ${table.table}: ${plural(table.futureRecords ?? 0, 'record')} dropped as too far in the future ('table.exec.watermark.max-future-skew')`,
    );
  }
  if (table.malformedRecords > 0) {
    warnings.push(`[WARN] ${table.table}: ${plural(table.malformedRecords, 'malformed record')} skipped; see \`${table.table}$malformed\``);
  }
  if (table.nullRowtimeRecords > 0) {
    warnings.push(
      `[WARN] ${table.table}: ${plural(table.nullRowtimeRecords, 'record')} with a NULL rowtime dropped (no window to place them in)`,
    );
  }
  return warnings;
}

/** Records per second, or null when the job took no measurable time. */
export function eventsPerSecond(records: number, elapsedMs: number): number | null {
  if (elapsedMs <= 0) return null;
  return (records * 1000) / elapsedMs;
}

export function formatElapsed(elapsedMs: number): string {
  if (elapsedMs < 1000) return `${Math.round(elapsedMs)} ms`;
  if (elapsedMs < 60_000) return `${(elapsedMs / 1000).toFixed(2)} s`;
  const minutes = Math.floor(elapsedMs / 60_000);
  const seconds = Math.round((elapsedMs % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** 1234567 → '1,234,567' (fixed separators, independent of the machine's locale). */
export function formatCount(count: number): string {
  const digits = String(Math.trunc(Math.abs(count)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return count < 0 ? `-${grouped}` : grouped;
}

export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
