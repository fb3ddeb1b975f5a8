/**
 * A MATCH_RECOGNIZE benchmark job over the Nexmark bids (`mr` in `npm run bench -- --queries mr`), run unchanged
 * by both engines: per auction, a run of rising bid prices — a bid, then bids each higher than the one before, then
 * one that is not — within 10 seconds, with its start price, top price, length and times. Nexmark has no pattern
 * query; this one is ours (its source table and views are the reference's).
 */
import type { NexmarkScriptOptions } from '../flink/nexmark-script.js';
import { nexmarkTablesAndViews } from '../flink/nexmark-script.js';

export const MATCH_QUERY = 'mr';

export const MATCH_SELECT = `SELECT * FROM bid MATCH_RECOGNIZE (
    PARTITION BY auction
    ORDER BY \`dateTime\`
    MEASURES
        FIRST(A.price) AS start_price,
        LAST(B.price) AS top_price,
        COUNT(B.price) AS rises,
        FIRST(A.\`dateTime\`) AS start_time,
        C.\`dateTime\` AS end_time
    AFTER MATCH SKIP PAST LAST ROW
    PATTERN (A B+ C) WITHIN INTERVAL '10' SECOND
    DEFINE
        B AS B.price > LAST(price, 1),
        C AS C.price <= LAST(B.price)
)`;

export function matchScript(options: NexmarkScriptOptions): string {
  const sink = options.sink === 'print' ? 'print' : 'blackhole';
  return `${nexmarkTablesAndViews(options)}
CREATE TABLE nexmark_mr (
    auction BIGINT,
    start_price BIGINT,
    top_price BIGINT,
    rises BIGINT,
    start_time TIMESTAMP(3),
    end_time TIMESTAMP(3)
) WITH (
    'connector' = '${sink}'
);

INSERT INTO nexmark_mr
${MATCH_SELECT};
`;
}
