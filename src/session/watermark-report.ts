/**
 * SHOW WATERMARKS: for each job, the watermark of every source split and, per window operator, the oldest open
 * window and how much event time must still pass before it fires — the answer to "why hasn't my window fired?".
 */
import { formatTimestamp, MILLIS } from '../common/time.js';
import type { JobStatus, TaskProgress } from '../runtime/job.js';
import type { ResultValue, SourceWatermark, WatermarkReport, WindowWatermark } from './api-types.js';
import { watermarkText } from './job-handles.js';
import { hasSplitProgress } from '../runtime/operators/watermark-assigner.js';

export function watermarkReport(jobName: string, status: JobStatus, progress: readonly TaskProgress[]): WatermarkReport {
  const sources: SourceWatermark[] = [];
  const windows: WindowWatermark[] = [];
  for (const { operator, progress: p } of progress) {
    if (p.kind === 'source-watermark') {
      // A source with several splits (Kafka partitions): one row per split, each with its own watermark.
      for (const s of hasSplitProgress(p) ? p.splits : [p]) {
        sources.push({ table: s.table, split: s.split, watermark: watermarkText(s.watermark), maxEventTime: watermarkText(s.maxEventTime), records: s.records, idle: s.idle || p.idle });
      }
    } else {
      const oldest = p.oldestOpenWindow;
      const firesAt = oldest ? p.oldestFiresAt ?? oldest.end - 1 : undefined;
      const remaining = firesAt !== undefined && Number.isFinite(p.watermark) ? Math.max(0, firesAt - p.watermark) : null;
      windows.push({
        operator,
        watermark: watermarkText(p.watermark),
        openWindows: p.openWindows,
        oldestOpenWindow: oldest ? { start: formatTimestamp(oldest.start), end: formatTimestamp(oldest.end) } : null,
        remainingMs: remaining,
      });
    }
  }
  return { jobName, status, sources, windows };
}

export const WATERMARK_COLUMNS: readonly string[] = [
  'job', 'status', 'operator', 'split', 'watermark', 'max_event_time', 'idle', 'open_windows', 'oldest_open_window', 'fires_after',
];

/** One row per source split, then one per window operator, job by job. */
export function watermarkRows(reports: readonly WatermarkReport[]): ResultValue[][] {
  const rows: ResultValue[][] = [];
  for (const report of reports) {
    for (const s of report.sources) {
      rows.push([report.jobName, report.status, `source ${s.table}`, s.split, s.watermark, s.maxEventTime, s.idle, null, null, null]);
    }
    for (const w of report.windows) {
      const oldest = w.oldestOpenWindow ? `[${w.oldestOpenWindow.start}, ${w.oldestOpenWindow.end})` : null;
      const fires = w.remainingMs === null ? null : `${readableDuration(w.remainingMs)} more event time`;
      rows.push([report.jobName, report.status, w.operator, null, w.watermark, null, null, w.openWindows, oldest, fires]);
    }
  }
  return rows;
}

/** 180999 → '3 min 0.999 s'; 3600000 → '1 h'. */
export function readableDuration(millis: number): string {
  const parts: string[] = [];
  let rest = millis;
  for (const [size, unit] of [[MILLIS.day, 'd'], [MILLIS.hour, 'h'], [MILLIS.minute, 'min']] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(rest % 1000 === 0 ? `${rest / 1000} s` : `${(rest / 1000).toFixed(3)} s`);
  return parts.join(' ');
}
