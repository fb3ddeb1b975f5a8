/** A small seedable pseudo-random generator (mulberry32), so `'seed'` makes datagen output reproducible. */

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator's whole state: `new SeededRandom(r.currentState)` continues exactly where `r` is. */
  get currentState(): number {
    return this.state;
  }

  static fromEntropy(): SeededRandom {
    return new SeededRandom(Math.floor(Math.random() * 0x1_0000_0000));
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A double in [0, 1). */
  nextDouble(): number {
    return (this.nextUint32() * 0x20_0000 + (this.nextUint32() >>> 11)) / 2 ** 53;
  }

  /** A bigint in [min, max] (inclusive). */
  nextBigint(min: bigint, max: bigint): bigint {
    const span = max - min + 1n;
    if (span <= 0n) return min;
    const bits = span.toString(2).length + 32;
    let x = 0n;
    for (let have = 0; have < bits; have += 32) x = (x << 32n) | BigInt(this.nextUint32());
    return min + (x % span);
  }

  /** An integer in [min, max] (inclusive), both safe integers. */
  nextInteger(min: number, max: number): number {
    return Number(this.nextBigint(BigInt(min), BigInt(max)));
  }
}
