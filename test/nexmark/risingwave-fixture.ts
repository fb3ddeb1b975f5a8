/**
 * RisingWave's fixed Nexmark dataset and expected results (../shared/reference/nexmark/risingwave-e2e/): the rows of
 * `data/insert_*.slt.part` as typed entities, and the expected rows of `qN.slt.part`.
 *
 * Expected rows are compared as sqllogictest does: each row's values joined by one space, runs of whitespace
 * collapsed (the files align columns with spaces or tabs, and values such as 'k  y' contain spaces).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Auction, Bid, Person } from '../../bench/nexmark/model.js';
import { parseTimestampText } from '../../bench/nexmark/timestamp-text.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared reference material: ../shared/reference/nexmark next to the repository. */
export const NEXMARK_REFERENCE = join(repoRoot, '..', 'shared', 'reference', 'nexmark');
export const RISINGWAVE_E2E = join(NEXMARK_REFERENCE, 'risingwave-e2e');
export const FLINK_QUERIES = join(NEXMARK_REFERENCE, 'flink-queries');

export function referenceAvailable(): boolean {
  return existsSync(join(RISINGWAVE_E2E, 'data')) && existsSync(FLINK_QUERIES);
}

export class FixtureParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureParseError';
  }
}

type SqlLiteral = number | string | null;

/** The column names and value tuples of the INSERT statement in a `data/insert_*.slt.part` file. */
export function parseInsert(text: string): { columns: string[]; rows: SqlLiteral[][] } {
  const head = /INSERT\s+INTO\s+\w+\s*\(([^)]*)\)\s*VALUES/i.exec(text);
  if (!head) throw new FixtureParseError('no INSERT INTO … (columns) VALUES');
  const columns = head[1]!.split(',').map((c) => c.trim().replaceAll('"', ''));
  const rows: SqlLiteral[][] = [];
  let i = head.index + head[0].length;
  const skipSpace = (): void => { while (i < text.length && /\s/.test(text[i]!)) i++; };
  for (;;) {
    skipSpace();
    if (text[i] !== '(') break;
    i++;
    const row: SqlLiteral[] = [];
    for (;;) {
      skipSpace();
      if (text[i] === "'") {
        let value = '';
        i++;
        for (;;) {
          if (i >= text.length) throw new FixtureParseError('unterminated string literal');
          if (text[i] === "'") {
            if (text[i + 1] === "'") { value += "'"; i += 2; continue; }
            i++;
            break;
          }
          value += text[i++];
        }
        row.push(value);
      } else {
        const literal = /^(-?\d+(?:\.\d+)?|NULL)/i.exec(text.slice(i, i + 40));
        if (!literal) throw new FixtureParseError(`unexpected value at offset ${i}: ${text.slice(i, i + 20)}`);
        row.push(literal[1]!.toUpperCase() === 'NULL' ? null : Number(literal[1]));
        i += literal[1]!.length;
      }
      skipSpace();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ')') { i++; break; }
      throw new FixtureParseError(`expected ',' or ')' at offset ${i}`);
    }
    if (row.length !== columns.length) throw new FixtureParseError(`a row has ${row.length} values for ${columns.length} columns`);
    rows.push(row);
    skipSpace();
    if (text[i] === ',') i++;
  }
  return { columns, rows };
}

function records(file: string): Record<string, SqlLiteral>[] {
  const { columns, rows } = parseInsert(readFileSync(join(RISINGWAVE_E2E, 'data', file), 'utf8'));
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]!])));
}

function num(value: SqlLiteral, column: string): number {
  if (typeof value !== 'number') throw new FixtureParseError(`${column}: expected a number, got ${String(value)}`);
  return value;
}

function str(value: SqlLiteral, column: string): string {
  if (typeof value !== 'string') throw new FixtureParseError(`${column}: expected a string, got ${String(value)}`);
  return value;
}

function time(value: SqlLiteral, column: string): number {
  const millis = parseTimestampText(str(value, column));
  if (millis === undefined) throw new FixtureParseError(`${column}: not a timestamp: ${String(value)}`);
  return millis;
}

export interface RisingWaveDataset {
  readonly persons: readonly Person[];
  readonly auctions: readonly Auction[];
  readonly bids: readonly Bid[];
}

/** The fixture's 20 people, 40 auctions and 50 bids (RisingWave's snake_case columns mapped to Flink's names). */
export function loadRisingWaveDataset(): RisingWaveDataset {
  const persons = records('insert_person.slt.part').map((r): Person => ({
    id: num(r.id!, 'id'), name: str(r.name!, 'name'), emailAddress: str(r.email_address!, 'email_address'),
    creditCard: str(r.credit_card!, 'credit_card'), city: str(r.city!, 'city'), state: str(r.state!, 'state'),
    dateTime: time(r.date_time!, 'date_time'), extra: str(r.extra!, 'extra'),
  }));
  const auctions = records('insert_auction.slt.part').map((r): Auction => ({
    id: num(r.id!, 'id'), itemName: str(r.item_name!, 'item_name'), description: str(r.description!, 'description'),
    initialBid: num(r.initial_bid!, 'initial_bid'), reserve: num(r.reserve!, 'reserve'),
    dateTime: time(r.date_time!, 'date_time'), expires: time(r.expires!, 'expires'), seller: num(r.seller!, 'seller'),
    category: num(r.category!, 'category'), extra: str(r.extra!, 'extra'),
  }));
  const bids = records('insert_bid.slt.part').map((r): Bid => ({
    auction: num(r.auction!, 'auction'), bidder: num(r.bidder!, 'bidder'), price: num(r.price!, 'price'),
    channel: str(r.channel!, 'channel'), url: str(r.url!, 'url'), dateTime: time(r.date_time!, 'date_time'),
    extra: str(r.extra!, 'extra'),
  }));
  return { persons, auctions, bids };
}

/** Collapses runs of whitespace to one space and trims: sqllogictest's row comparison. */
export function normalizeRow(text: string): string {
  return text.split(/\s+/).filter((t) => t !== '').join(' ');
}

/** The expected rows of `qN.slt.part` (the lines after `----`), whitespace-normalized. */
export function expectedRows(file: string): string[] {
  const text = readFileSync(join(RISINGWAVE_E2E, file), 'utf8');
  const marker = text.indexOf('\n----');
  if (marker < 0) throw new FixtureParseError(`${file}: no ---- line`);
  return text.slice(text.indexOf('\n', marker + 1) + 1).split('\n').map(normalizeRow).filter((row) => row !== '');
}
