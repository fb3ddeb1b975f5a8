/**
 * The chaos test's input: a JSON-lines file of `events` click events, deterministic for a seed. Event times move
 * forward 10 ms per event with up to 1.5 s of disorder (the job's watermark delay is 2 s, so nothing is late).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const USERS = 500;

export async function writeChaosEvents(file: string, events: number, seed = 7): Promise<void> {
  const out = createWriteStream(file);
  let state = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32: small, fast, deterministic
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  const start = Date.UTC(2026, 0, 1);
  let chunk = '';
  for (let i = 0; i < events; i++) {
    const ts = new Date(start + i * 10 - Math.floor(next() * 1500)).toISOString().replace('T', ' ').replace('Z', '');
    const user = `u${Math.floor(next() * next() * USERS)}`;
    const amount = 1 + Math.floor(next() * 1000);
    chunk += `{"id":${i},"user_id":"${user}","amount":${amount},"ts":"${ts}"}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
