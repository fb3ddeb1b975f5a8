import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMANDS, findCommand } from '../../repl/commands/index.js';
import { visibleRows, toneOf } from '../../repl/state/output.js';

describe('REPL commands', () => {
  it('finds commands by name, case-insensitively, with or without ;', () => {
    assert.equal(findCommand('quit')?.names[0], 'quit');
    assert.equal(findCommand(' EXIT; ')?.names[0], 'quit');
    assert.equal(findCommand('help;')?.names[0], 'help');
    assert.equal(findCommand('SELECT 1;'), null);
    assert.equal(findCommand(''), null);
  });

  it('quit exits; help lists every command', () => {
    assert.deepEqual(findCommand('quit')?.run(), { kind: 'exit' });
    const outcome = findCommand('help')?.run();
    assert.ok(outcome && outcome.kind === 'print');
    for (const command of COMMANDS) assert.ok(outcome.lines.some((line) => line.includes(command.names[0] ?? '?')));
  });
});

describe('REPL output helpers', () => {
  it('keeps the newest rows of a long live result', () => {
    assert.deepEqual(visibleRows([1, 2, 3, 4], 2), { rows: [3, 4], hidden: 2 });
    assert.deepEqual(visibleRows([1], 2), { rows: [1], hidden: 0 });
  });

  it('colours summary lines by level', () => {
    assert.equal(toneOf('[WARN] bids: 2 late records dropped'), 'warn');
    assert.equal(toneOf('[INFO] ok'), 'info');
    assert.equal(toneOf('Error: x'), 'error');
  });
});
