/** The Bid table with supplier_id (Flink's window Top-N and deduplication pages: Bid-C), for the window rank tests. */
import { Engine, type EngineOptions, type Row } from '../../src/index.js';

export interface SupplierBid {
  readonly bidtime: string;
  readonly price: string;
  readonly item: string;
  readonly supplier_id: string;
}

export const supplierBid = (time: string, price: string, item: string, supplier: string): SupplierBid => ({
  bidtime: `2020-04-15 ${time.length === 5 ? `${time}:00` : time}`,
  price,
  item,
  supplier_id: supplier,
});

/** Bid-C, in its documented arrival order. */
export const BID_C: readonly SupplierBid[] = [
  supplierBid('08:05', '4.00', 'A', 'supplier1'),
  supplierBid('08:06', '4.00', 'C', 'supplier2'),
  supplierBid('08:07', '2.00', 'G', 'supplier1'),
  supplierBid('08:08', '2.00', 'B', 'supplier3'),
  supplierBid('08:09', '5.00', 'D', 'supplier4'),
  supplierBid('08:11', '2.00', 'B', 'supplier3'),
  supplierBid('08:13', '1.00', 'E', 'supplier1'),
  supplierBid('08:15', '3.00', 'H', 'supplier2'),
  supplierBid('08:17', '6.00', 'F', 'supplier5'),
];

export function engineWithSupplierBids(rows: readonly SupplierBid[], options: EngineOptions = {}): Engine {
  const engine = new Engine({ printLine: () => {}, ...options });
  engine.registerTable('Bid', {
    columns: [
      { name: 'bidtime', type: 'TIMESTAMP(3)' },
      { name: 'price', type: 'DECIMAL(10, 2)' },
      { name: 'item', type: 'STRING' },
      { name: 'supplier_id', type: 'STRING' },
    ],
    rows: rows.map((r) => ({ ...r })),
    watermark: { column: 'bidtime', expression: "bidtime - INTERVAL '1' SECOND" },
  });
  return engine;
}

/** Runs a query and returns its rows as `a|b|c` lines (timestamps shortened to HH:mm[:ss]), in output order. */
export async function lines(engine: Engine, sql: string): Promise<string[]> {
  const rows = await engine.query(sql).toArray();
  return rows.map(line);
}

export function line(row: Row): string {
  return Object.values(row).map((v) => (v === null ? 'null' : shortTime(String(v)))).join('|');
}

function shortTime(text: string): string {
  const match = /^2020-04-15 (\d\d:\d\d)(:\d\d)?\.000$/.exec(text);
  if (!match) return text;
  return match[2] === ':00' ? match[1]! : `${match[1]}${match[2]}`;
}

export const TUMBLE_10 = "TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))";
