/**
 * End to end: the real `sluice` binary (bin/sluice.js over dist/; `npm test` builds first) in a tmux terminal.
 * Creates a continuous table (datagen), runs a windowed query, reads the live view off the screen, stops it with
 * Ctrl-C and checks the shell is back at its prompt. Skipped, loudly, where tmux is not installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureCliBuilt } from '../support/cli-build.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmuxMissing = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status !== 0;
if (tmuxMissing) process.stderr.write('[SKIP] test/repl/terminal-e2e.test.ts: tmux is not installed (`tmux -V` failed)\n');

const SETUP = `CREATE TABLE ticks (
  id BIGINT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '100',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '1',
  'fields.id.end' = '1000000000',
  'fields.ts.max-past' = '1 s'
);
`;

const QUERY =
  "SELECT window_start, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(ts), INTERVAL '1' SECOND)) GROUP BY window_start, window_end;";

class Tmux {
  readonly socket = `sluice-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  run(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', timeout: 10_000 });
    if (result.status !== 0) throw new assert.AssertionError({ message: `tmux ${args[0]} failed: ${result.stderr}` });
    return result.stdout;
  }

  /** Types text literally; a trailing `;` would be tmux's own command separator, so it is escaped. */
  type(text: string): void {
    this.run('send-keys', '-t', 'shell', '-l', text.endsWith(';') ? `${text.slice(0, -1)}\\;` : text);
  }

  key(name: string): void {
    this.run('send-keys', '-t', 'shell', name);
  }

  screen(): string {
    return this.run('capture-pane', '-p', '-t', 'shell');
  }

  async waitFor(test: (screen: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs; // generous: a loaded 2-core CI machine
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new assert.AssertionError({ message: `timed out waiting for ${what}; the screen:\n${screen}` });
  }

  /** The session ends when sluice exits (it runs under `exec`). */
  async waitUntilGone(what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (spawnSync('tmux', ['-L', this.socket, 'has-session', '-t', 'shell'], { stdio: 'ignore' }).status === 0) {
      if (Date.now() > deadline) throw new assert.AssertionError({ message: `timed out waiting for ${what}; the screen:\n${this.screen()}` });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}

function lastLine(screen: string): string {
  return screen.trimEnd().split('\n').at(-1) ?? '';
}

describe('sluice shell in a terminal (tmux)', () => {
  it(
    'shows a windowed continuous query updating live, stops it on Ctrl-C and returns to the prompt',
    { skip: tmuxMissing ? 'tmux is not installed' : false, timeout: 120_000 },
    async () => {
      ensureCliBuilt();
      const work = mkdtempSync(join(tmpdir(), 'sluice-tmux-'));
      const tmux = new Tmux();
      try {
        writeFileSync(join(work, 'setup.sql'), SETUP);
        const command = `cd '${work}' && SLUICE_HISTORY='${join(work, 'history')}' exec '${process.execPath}' '${join(repoRoot, 'bin', 'sluice.js')}'`;
        tmux.run('new-session', '-d', '-s', 'shell', '-x', '120', '-y', '40', command);
        await tmux.waitFor((screen) => lastLine(screen).startsWith('sluice>'), 'the prompt');

        tmux.type('\\i setup.sql');
        tmux.key('Enter');
        await tmux.waitFor((screen) => screen.includes("[INFO] Table 'ticks' created."), 'the table');

        tmux.type(QUERY);
        tmux.key('Enter');
        const first = await tmux.waitFor(
          (screen) => /● running .*watermark \d{4}-/.test(screen) && /\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000 \| +\d+ \|/.test(screen),
          'the live view with a window row',
        );
        assert.match(first, /\| window_start +\| +n \|\n\| TIMESTAMP\(3\) +\| BIGINT \|/, 'column types in the header');
        const windowsShown = (screen: string): number => (screen.match(/\| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000 \|/g) ?? []).length;
        // Windows fire every second: the same view grows in place.
        await tmux.waitFor((screen) => windowsShown(screen) > windowsShown(first), 'a newer window in the live view');

        tmux.key('C-c');
        const stopped = await tmux.waitFor(
          (screen) => screen.includes('[INFO] Query stopped after') && lastLine(screen).startsWith('sluice>'),
          'the prompt after Ctrl-C',
        );
        assert.doesNotMatch(stopped.split('[INFO] Query stopped')[1] ?? '', /● running/, 'the live view is gone');

        tmux.type('quit');
        tmux.key('Enter');
        await tmux.waitUntilGone('the shell to exit on quit');
      } finally {
        tmux.kill();
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});
