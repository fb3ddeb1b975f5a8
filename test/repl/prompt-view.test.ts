/** The prompt component rendered with ink-testing-library: continuation prompts, Ctrl-R search, completions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { enableInteractiveRendering } from '../../repl/interactive-mode.js';
import { fromText } from '../../repl/state/input-buffer.js';

// CI sets CI=true, which makes ink render only the final frame; the shell forces interactive rendering the same way.
enableInteractiveRendering();
process.env['FORCE_COLOR'] = '1'; // the test's stdout is not a terminal; the shell's is
const { render } = await import('ink-testing-library');
const { PromptView } = await import('../../repl/components/prompt-view.js');

const strip = (frame: string | undefined): string => (frame ?? '').replace(/\u001b\[[0-9;]*m/g, '');

test('a multi-line statement shows the prompt, then continuation prompts', () => {
  const view = render(createElement(PromptView, { buffer: fromText('SELECT item\nFROM Bid'), active: true, search: null, completions: [] }));
  assert.deepEqual(strip(view.lastFrame()).split('\n').map((line) => line.trimEnd()), ['sluice> SELECT item', '     -> FROM Bid']);
  view.unmount();
});

test('the statement is syntax-highlighted (the frame carries colour codes, the text is unchanged)', () => {
  const view = render(createElement(PromptView, { buffer: fromText("SELECT item FROM Bid WHERE price > 2 AND item <> 'C'"), active: false, search: null, completions: [] }));
  const frame = view.lastFrame() ?? '';
  assert.notEqual(frame, strip(frame), 'the frame has colour codes');
  assert.match(strip(frame), /^sluice> SELECT item FROM Bid WHERE price > 2 AND item <> 'C'/);
  view.unmount();
});

test('Ctrl-R search and Tab completions render below the prompt', () => {
  const searching = render(createElement(PromptView, { buffer: fromText(''), active: true, search: { query: 'TUM', found: 'SELECT * FROM TABLE(TUMBLE(…))' }, completions: [] }));
  assert.match(strip(searching.lastFrame()), /\(reverse-i-search\)'TUM': SELECT \* FROM TABLE\(TUMBLE/);
  searching.unmount();
  const failed = render(createElement(PromptView, { buffer: fromText(''), active: true, search: { query: 'zzz', found: null }, completions: [] }));
  assert.match(strip(failed.lastFrame()), /\(reverse-i-search failed\)'zzz':/);
  failed.unmount();
  const completing = render(createElement(PromptView, { buffer: fromText('SELECT it'), active: true, search: null, completions: ['item', 'items_total'] }));
  assert.match(strip(completing.lastFrame()), /item\s+items_total/);
  completing.unmount();
});
