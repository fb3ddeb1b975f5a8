/** The last `capacity` records of a log, oldest first: the late-record and malformed-record logs keep one per table. */
export class RecordRing<T> {
  /** A ring buffer: once full, `next` is where the next record goes (over the oldest). */
  private readonly records: T[] = [];
  private next = 0;
  /** Every record pushed, kept or not. */
  total = 0;

  /** Adds `record`; with more than `capacity` (at least 1) records, the oldest go. */
  push(record: T, capacity: number): void {
    this.total++;
    const limit = Math.max(1, capacity);
    if (this.records.length < limit) {
      this.records.push(record);
      return;
    }
    if (this.records.length > limit) {
      // The capacity was lowered: keep the newest `limit`, in order.
      const ordered = this.snapshot();
      this.records.splice(0, this.records.length, ...ordered.slice(ordered.length - limit));
      this.next = 0;
    }
    this.records[this.next] = record;
    this.next = (this.next + 1) % limit;
  }

  /** The kept records, oldest first (a copy). */
  snapshot(): T[] {
    return [...this.records.slice(this.next), ...this.records.slice(0, this.next)];
  }
}
