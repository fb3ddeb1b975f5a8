/**
 * The generator's random numbers: xoshiro128** (32-bit state words), reseeded for every event from (seed, event
 * id) so that any event can be generated on its own, in any order, with the same result (as Beam's
 * `new Random(eventId)`; Flink's generator is unseeded and not reproducible).
 */

const TWO_POW_32 = 4294967296;
const INV_TWO_POW_32 = 1 / TWO_POW_32;

/** splitmix32's finaliser: a well-mixed 32-bit word from any 32-bit word. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

export class NexmarkRandom {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0, stream = 0) {
    this.reseed(seed, stream);
  }

  /** Restarts the sequence for (seed, stream); `stream` may be any safe integer (an event id). */
  reseed(seed: number, stream: number): void {
    const low = stream >>> 0;
    const high = Math.floor(stream / TWO_POW_32) >>> 0;
    const s = mix32(seed ^ 0x5bd1e995);
    this.a = mix32(low ^ s);
    this.b = mix32(high ^ this.a);
    this.c = mix32(s ^ this.b ^ 0x27d4eb2f);
    this.d = mix32(this.c ^ low ^ 0x165667b1);
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  nextDouble(): number {
    return this.nextUint32() * INV_TWO_POW_32;
  }

  /** Uniform integer in [0, bound); bound ≥ 1 and at most 2^32. */
  nextInt(bound: number): number {
    return Math.floor(this.nextUint32() * INV_TWO_POW_32 * bound);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
