/** Rows per second over the last few seconds, from cumulative counts sampled as they come. Pure apart from `now`. */

interface Sample {
  readonly at: number;
  readonly count: number;
}

export class Throughput {
  private samples: Sample[] = [];

  constructor(private readonly windowMs: number = 2_000) {}

  record(count: number, at: number): void {
    this.samples.push({ at, count });
    const cutoff = at - this.windowMs;
    // Keep one sample at or before the cutoff so the rate spans the whole window.
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= cutoff) this.samples.shift();
  }

  /** Rows per second between the oldest kept sample and the newest; 0 before two samples. */
  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.count - first.count) * 1000) / (last.at - first.at);
  }
}
