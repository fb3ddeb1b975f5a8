import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { collectSetting } from '../../src/cli/settings-args.js';

describe('collectSetting', () => {
  it('collects repeated key=value pairs, later ones winning', () => {
    let settings = collectSetting('state.backend=sqlite', {});
    settings = collectSetting("table.local-time-zone='UTC'", settings);
    settings = collectSetting('state.backend=memory', settings);
    assert.deepEqual(settings, { 'state.backend': 'memory', 'table.local-time-zone': 'UTC' });
  });

  it('keeps = signs inside the value', () => {
    assert.deepEqual(collectSetting('a=b=c', {}), { a: 'b=c' });
  });

  it('rejects arguments without a key', () => {
    assert.throws(() => collectSetting('novalue', {}), InvalidArgumentError);
    assert.throws(() => collectSetting('=x', {}), InvalidArgumentError);
  });
});
