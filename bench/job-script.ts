/** The SQL script of a benchmark job by name: a Nexmark query (`q0` … `q23`) or the Yahoo streaming benchmark (`ysb`). */
import { nexmarkScript, type NexmarkScriptOptions } from './flink/nexmark-script.js';
import { YSB_QUERY, ysbScript } from './yahoo/script.js';

export function benchmarkScript(options: NexmarkScriptOptions): string {
  return options.query === YSB_QUERY ? ysbScript(options) : nexmarkScript(options);
}
