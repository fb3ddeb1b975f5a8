/** Shared helpers for engine tests: the Flink documentation's Bid table and result shaping. */
import { Engine, type EngineOptions, type Row } from '../../src/index.js';

export const BID_COLUMNS = [
  { name: 'bidtime', type: 'TIMESTAMP(3)' },
  { name: 'price', type: 'DECIMAL(10, 2)' },
  { name: 'item', type: 'STRING' },
];

export interface Bid {
  readonly bidtime: string;
  readonly price: string;
  readonly item: string;
}

export const bid = (time: string, price: string, item: string): Bid => ({ bidtime: `2020-04-15 ${time}:00`, price, item });

/** The Bid rows of Flink's window TVF documentation, in their documented arrival order. */
export const DOCUMENTED_BIDS: readonly Bid[] = [
  bid('08:05', '4.00', 'C'),
  bid('08:07', '2.00', 'A'),
  bid('08:09', '5.00', 'D'),
  bid('08:11', '3.00', 'B'),
  bid('08:13', '1.00', 'E'),
  bid('08:17', '6.00', 'F'),
];

export function engineWithBids(rows: readonly Bid[], options: EngineOptions = {}, delay = "INTERVAL '1' SECOND"): Engine {
  const engine = new Engine({ printLine: () => {}, ...options });
  engine.registerTable('Bid', {
    columns: BID_COLUMNS,
    rows: rows.map((r) => ({ ...r })),
    watermark: { column: 'bidtime', expression: `bidtime - ${delay}` },
  });
  return engine;
}

/** Rows as compact strings, sorted, for order-insensitive comparison. */
export function rowStrings(rows: readonly Row[]): string[] {
  return rows.map((r) => Object.values(r).map((v) => (v === null ? 'null' : String(v))).join(',')).sort();
}

export const TUMBLE_SUM = `SELECT window_start, window_end, SUM(price) AS total
  FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
  GROUP BY window_start, window_end`;
