/** MATCH_RECOGNIZE's grammar: quantifiers, skip strategies, words that stay identifiers elsewhere, and refusals. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotImplementedError, SqlSyntaxError } from '../../src/common/errors.js';
import type { MatchRecognize, QueryStatement } from '../../src/parser/ast.js';
import { parseStatement } from '../../src/parser/index.js';

function clause(sql: string): MatchRecognize {
  const statement = parseStatement(sql) as QueryStatement;
  const from = statement.query.from!;
  assert.equal(from.kind, 'match-recognize');
  return from as MatchRecognize;
}

const quantifiers = (m: MatchRecognize): string[] => m.pattern.map((t) => `${t.variable.name}:${t.min}..${t.max ?? '∞'}${t.reluctant ? '?' : ''}`);

test('pattern quantifiers, greedy and reluctant', () => {
  const m = clause('SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts PATTERN (A B* C+ D? E{2} F{1,} G{1,3} H{,4} I*? J+? K{2,5}?) DEFINE A AS TRUE)');
  assert.deepEqual(quantifiers(m), ['A:1..1', 'B:0..∞', 'C:1..∞', 'D:0..1', 'E:2..2', 'F:1..∞', 'G:1..3', 'H:0..4', 'I:0..∞?', 'J:1..∞?', 'K:2..5?']);
});

test('every clause, in order, with the alias; a subquery as input', () => {
  const m = clause(`SELECT T.a FROM (SELECT * FROM t) MATCH_RECOGNIZE (
    PARTITION BY k, j ORDER BY ts, x DESC MEASURES A.x AS a, LAST(B.x, 1) AS b ONE ROW PER MATCH
    AFTER MATCH SKIP TO FIRST B PATTERN (A B) WITHIN INTERVAL '10' SECOND DEFINE A AS A.x > 0, B AS B.x < A.x) AS T`);
  assert.equal(m.input.kind, 'subquery');
  assert.deepEqual([m.partitionBy.length, m.orderBy.length, m.measures.map((x) => x.alias.name), m.define.map((d) => d.variable.name)], [2, 2, ['a', 'b'], ['A', 'B']]);
  assert.deepEqual(m.afterMatch, { kind: 'to-first', variable: m.afterMatch && 'variable' in m.afterMatch ? m.afterMatch.variable : null });
  assert.equal(m.within?.kind, 'interval');
  assert.equal(m.alias?.name, 'T');
});

test('AFTER MATCH SKIP variants; absent is null (the planner picks Flink\'s default)', () => {
  const after = (text: string): unknown => clause(`SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts ${text} PATTERN (A B) DEFINE A AS TRUE) m`).afterMatch;
  assert.deepEqual(after('AFTER MATCH SKIP PAST LAST ROW'), { kind: 'past-last-row' });
  assert.deepEqual(after('AFTER MATCH SKIP TO NEXT ROW'), { kind: 'to-next-row' });
  assert.equal((after('AFTER MATCH SKIP TO LAST B') as { kind: string }).kind, 'to-last');
  assert.equal((after('AFTER MATCH SKIP TO B') as { kind: string }).kind, 'to-last');
  assert.equal(after(''), null);
});

test('its words stay column names elsewhere', () => {
  const statement = parseStatement('SELECT pattern, define, measures, within, skip FROM match_recognize') as QueryStatement;
  assert.equal(statement.query.items.length, 5);
  assert.equal(statement.query.from?.kind, 'table-ref');
});

test('what Flink does not run is refused at its position, and mistakes are syntax errors', () => {
  const refused = (inside: string, kind: typeof NotImplementedError | typeof SqlSyntaxError, pattern: RegExp): void =>
    assert.throws(() => parseStatement(`SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts ${inside})`), (e: unknown) => e instanceof kind && pattern.test(e.message), inside);
  refused('ALL ROWS PER MATCH PATTERN (A) DEFINE A AS TRUE', NotImplementedError, /ALL ROWS PER MATCH is not supported \(as in Flink\).* at 1:46/);
  refused('PATTERN (A | B) DEFINE A AS TRUE', NotImplementedError, /Alternation .* at 1:57/);
  refused('PATTERN ((A B)+) DEFINE A AS TRUE', NotImplementedError, /Pattern groups .* at 1:55/);
  refused('PATTERN (A??) DEFINE A AS TRUE', NotImplementedError, /reluctant optional quantifier .* at 1:57/);
  refused('PATTERN (A) SUBSET U = (A) DEFINE A AS TRUE', NotImplementedError, /SUBSET .* at 1:58/);
  refused('PATTERN (A{3,2}) DEFINE A AS TRUE', SqlSyntaxError, /Invalid quantifier \{3,2\}/);
  refused('PATTERN (A{0}) DEFINE A AS TRUE', SqlSyntaxError, /Invalid quantifier \{0\}/);
  refused('PATTERN (A) DEFINES A AS TRUE', SqlSyntaxError, /Unexpected 'DEFINES' in MATCH_RECOGNIZE; expected DEFINE at 1:58/);
});
