/**
 * The clauses after the path of JSON_VALUE, JSON_QUERY and JSON_EXISTS, in the order Flink's (Calcite's) grammar
 * takes them: `[RETURNING type] [wrapper] [behavior ON EMPTY] [behavior ON ERROR]`, where the wrapper is
 * `WITHOUT [ARRAY] WRAPPER | WITH [CONDITIONAL | UNCONDITIONAL] [ARRAY] WRAPPER` and a behavior is one of `NULL`,
 * `ERROR`, `TRUE`, `FALSE`, `UNKNOWN`, `EMPTY ARRAY`, `EMPTY OBJECT`, `DEFAULT expr`. The grammar reads them as a list
 * of words (with RETURNING's type and DEFAULT's expression); this module gives them their structure. Which
 * behaviors a function accepts is the binder's business.
 */
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type { Expression, JsonBehavior, JsonCallClauses, TypeName } from './ast.js';

/** One word of the clauses: `RETURNING` carries its type, `DEFAULT` its expression. */
export interface JsonClauseWord {
  readonly word: string;
  readonly position: SourcePosition;
  readonly type?: TypeName;
  readonly value?: Expression;
}

/** The words that may start or continue a clause (besides RETURNING and DEFAULT). */
export const JSON_CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'RETURNING', 'DEFAULT', 'NULL', 'ERROR', 'TRUE', 'FALSE', 'UNKNOWN', 'EMPTY', 'ARRAY', 'OBJECT', 'ON', 'WITH',
  'WITHOUT', 'CONDITIONAL', 'UNCONDITIONAL', 'WRAPPER',
]);

export const JSON_QUERY_FUNCTIONS: ReadonlySet<string> = new Set(['JSON_VALUE', 'JSON_QUERY', 'JSON_EXISTS']);

export function readJsonClauses(fn: string, words: readonly JsonClauseWord[]): JsonCallClauses {
  let at = 0;
  const peek = (offset = 0): string | undefined => words[at + offset]?.word;
  const expect = (word: string, what: string): JsonClauseWord => {
    const next = words[at];
    if (next?.word !== word) {
      throw new SqlSyntaxError(`Expected ${what} in ${fn}(…)${next === undefined ? ' before )' : `, not '${next.word}'`}`, {
        position: (next ?? words[at - 1]!).position,
      });
    }
    at++;
    return next;
  };
  let returning: TypeName | null = null;
  let wrapper: JsonCallClauses['wrapper'] = null;
  let onEmpty: JsonBehavior | null = null;
  let onError: JsonBehavior | null = null;
  // 0: nothing read yet, 1: RETURNING, 2: wrapper, 3: ON EMPTY, 4: ON ERROR — each only after the earlier ones.
  let stage = 0;
  const advance = (to: number, word: JsonClauseWord): void => {
    if (to <= stage) {
      throw new SqlSyntaxError(`Unexpected '${word.word}' in ${fn}(…)`, {
        position: word.position,
        hint: 'the clauses come in the order RETURNING, WITH / WITHOUT WRAPPER, … ON EMPTY, … ON ERROR, each at most once',
      });
    }
    stage = to;
  };
  while (at < words.length) {
    const word = words[at]!;
    if (word.word === 'RETURNING') {
      advance(1, word);
      returning = word.type ?? null;
      at++;
    } else if (word.word === 'WITH' || word.word === 'WITHOUT') {
      advance(2, word);
      at++;
      let mode: 'WITHOUT' | 'CONDITIONAL' | 'UNCONDITIONAL' = word.word === 'WITHOUT' ? 'WITHOUT' : 'UNCONDITIONAL';
      if (word.word === 'WITH' && (peek() === 'CONDITIONAL' || peek() === 'UNCONDITIONAL')) mode = words[at++]!.word as typeof mode;
      if (peek() === 'ARRAY') at++;
      expect('WRAPPER', 'WRAPPER');
      wrapper = { mode, position: word.position };
    } else {
      const behavior = readBehavior(word);
      expect('ON', 'ON EMPTY or ON ERROR');
      const target = words[at];
      if (target?.word === 'EMPTY') {
        advance(3, target);
        onEmpty = behavior;
      } else if (target?.word === 'ERROR') {
        advance(4, target);
        onError = behavior;
      } else {
        expect('EMPTY', 'EMPTY or ERROR after ON');
      }
      at++;
    }
  }
  return { returning, wrapper, onEmpty, onError };

  function readBehavior(word: JsonClauseWord): JsonBehavior {
    at++;
    switch (word.word) {
      case 'NULL': case 'ERROR': case 'TRUE': case 'FALSE': case 'UNKNOWN':
        return { behavior: word.word, value: null, position: word.position };
      case 'DEFAULT':
        return { behavior: 'DEFAULT', value: word.value ?? null, position: word.position };
      case 'EMPTY': {
        const kind = words[at];
        if (kind?.word !== 'ARRAY' && kind?.word !== 'OBJECT') expect('ARRAY', 'ARRAY or OBJECT after EMPTY');
        at++;
        return { behavior: kind!.word === 'ARRAY' ? 'EMPTY ARRAY' : 'EMPTY OBJECT', value: null, position: word.position };
      }
      default:
        throw new SqlSyntaxError(`Unexpected '${word.word}' in ${fn}(…)`, {
          position: word.position,
          hint: 'expected RETURNING, WITH / WITHOUT WRAPPER, or NULL | ERROR | DEFAULT … | EMPTY ARRAY | EMPTY OBJECT | TRUE | FALSE | UNKNOWN followed by ON EMPTY / ON ERROR',
        });
    }
  }
}
