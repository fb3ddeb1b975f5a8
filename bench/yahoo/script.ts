/**
 * The Yahoo streaming benchmark job in Flink SQL, run unchanged by both engines: keep the `view` events, count them
 * per ad in 10-second event-time tumbling windows, join the counts with the campaigns table and sum them per
 * (campaign, window) — the original's `seen_count`.
 *
 * The window comes before the join because a regular join's output has no time attribute in Flink SQL (its rowtime
 * becomes a plain TIMESTAMP), so windowing the joined rows is refused there; every ad belongs to one campaign, so the
 * per-ad counts summed per campaign are the per-campaign counts. The final GROUP BY is an updating aggregation
 * (each window's per-ad counts arrive one by one); the blackhole sink takes its changelog.
 */
import { dirname, join, resolve } from 'node:path';
import type { NexmarkScriptOptions } from '../flink/nexmark-script.js';
import { filesystemSourceOptions } from '../flink/nexmark-script.js';

export const YSB_QUERY = 'ysb';

/** The campaigns file lives beside the ad events file. */
export function ysbCampaignsPath(eventsPath: string): string {
  return join(dirname(resolve(eventsPath)), 'campaigns.jsonl');
}

/** The job's answer: views per campaign and 10-second window (over the tables of `ysbTablesDdl`). */
export const YSB_SELECT = `SELECT c.campaign_id, v.window_start, v.window_end, SUM(v.view_count) AS seen_count
FROM (
    SELECT ad_id, window_start, window_end, COUNT(*) AS view_count
    FROM TABLE(TUMBLE(TABLE ad_events, DESCRIPTOR(event_time), INTERVAL '10' SECOND))
    WHERE event_type = 'view'
    GROUP BY ad_id, window_start, window_end
) AS v
JOIN campaigns AS c ON v.ad_id = c.ad_id
GROUP BY c.campaign_id, v.window_start, v.window_end`;

/** The `ad_events` and `campaigns` source tables over the input file and the campaigns file beside it. */
export function ysbTablesDdl(input: string, sourceOptions: (path: string) => string = filesystemSourceOptions): string {
  return `CREATE TABLE ad_events (
    user_id STRING,
    page_id STRING,
    ad_id STRING,
    ad_type STRING,
    event_type STRING,
    event_time TIMESTAMP(3),
    ip_address STRING,
    WATERMARK FOR event_time AS event_time - INTERVAL '1' SECOND
) WITH (
${sourceOptions(input)}
);

CREATE TABLE campaigns (
    ad_id STRING,
    campaign_id STRING
) WITH (
${sourceOptions(ysbCampaignsPath(input))}
);
`;
}

/** The whole job: source tables, a blackhole (or print) sink and the INSERT. */
export function ysbScript(options: NexmarkScriptOptions): string {
  const sink = options.sink === 'print' ? 'print' : 'blackhole';
  return `${ysbTablesDdl(options.input, options.sourceOptions)}
CREATE TABLE ysb_sink (
    campaign_id STRING,
    window_start TIMESTAMP(3),
    window_end TIMESTAMP(3),
    seen_count BIGINT
) WITH (
    'connector' = '${sink}'
);

INSERT INTO ysb_sink
${YSB_SELECT};
`;
}
