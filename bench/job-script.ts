/**
 * The SQL script of a benchmark job by name: a Nexmark query (`q0` … `q23`), the Yahoo streaming benchmark (`ysb`)
 * or the MATCH_RECOGNIZE job over the Nexmark bids (`mr`).
 */
import { nexmarkScript, type NexmarkScriptOptions } from './flink/nexmark-script.js';
import { MATCH_QUERY, matchScript } from './match/script.js';
import { YSB_QUERY, ysbScript } from './yahoo/script.js';

export function benchmarkScript(options: NexmarkScriptOptions): string {
  if (options.query === YSB_QUERY) return ysbScript(options);
  if (options.query === MATCH_QUERY) return matchScript(options);
  return nexmarkScript(options);
}
