/**
 * JSON-lines text of events, in two shapes:
 * - the Flink Nexmark `kafka` table (flink-queries/ddl_kafka.sql): `{"event_type":0|1|2,"person":{…}|null,
 *   "auction":{…}|null,"bid":{…}|null}` with the DDL's ROW field names;
 * - the flat `person`, `auction` and `bid` views (flink-queries/ddl_views.sql): one object of the view's columns.
 * Timestamps are `yyyy-MM-dd HH:mm:ss.SSS` strings (UTC wall clock), BIGINTs are JSON integers.
 */
import type { Auction, Bid, NexmarkEvent, Person } from './model.js';
import { TimestampText } from './timestamp-text.js';

/** A JSON string literal; the common case (no quote, backslash or control character) is scanned, not escaped. */
function jsonString(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** Formats entities and events as JSON objects (no trailing newline). Holds a small timestamp cache: one per writer. */
export class NexmarkJsonFormatter {
  private readonly time = new TimestampText();

  person(p: Person): string {
    return `{"id":${p.id},"name":${jsonString(p.name)},"emailAddress":${jsonString(p.emailAddress)},`
      + `"creditCard":${jsonString(p.creditCard)},"city":${jsonString(p.city)},"state":${jsonString(p.state)},`
      + `"dateTime":"${this.time.format(p.dateTime)}","extra":${jsonString(p.extra)}}`;
  }

  auction(a: Auction): string {
    return `{"id":${a.id},"itemName":${jsonString(a.itemName)},"description":${jsonString(a.description)},`
      + `"initialBid":${a.initialBid},"reserve":${a.reserve},"dateTime":"${this.time.format(a.dateTime)}",`
      + `"expires":"${this.time.format(a.expires)}","seller":${a.seller},"category":${a.category},"extra":${jsonString(a.extra)}}`;
  }

  bid(b: Bid): string {
    return `{"auction":${b.auction},"bidder":${b.bidder},"price":${b.price},"channel":${jsonString(b.channel)},`
      + `"url":${jsonString(b.url)},"dateTime":"${this.time.format(b.dateTime)}","extra":${jsonString(b.extra)}}`;
  }

  /** One row of Flink's Nexmark `kafka` table. */
  kafkaEvent(event: NexmarkEvent): string {
    switch (event.kind) {
      case 'person':
        return `{"event_type":0,"person":${this.person(event.person)},"auction":null,"bid":null}`;
      case 'auction':
        return `{"event_type":1,"person":null,"auction":${this.auction(event.auction)},"bid":null}`;
      case 'bid':
        return `{"event_type":2,"person":null,"auction":null,"bid":${this.bid(event.bid)}}`;
    }
  }
}
