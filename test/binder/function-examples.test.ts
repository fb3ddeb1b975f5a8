/**
 * The examples of docs/sql.md's Types and Expressions and functions sections (test/support/doc-examples.ts reads
 * them) run through the real Engine, each giving the documented value (as the CLI shows it) and type; every
 * built-in scalar function, aggregate, operator and expression form the parser knows has one, so the reference
 * page cannot drift from the code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_FUNCTIONS } from '../../src/planner/binder/functions.js';
import { AGGREGATE_FUNCTION_NAMES, isOverOnly } from '../../src/runtime/aggregates/index.js';
import { SHOWN_BUILTIN_FUNCTIONS } from '../../src/session/catalog-statements.js';
import { expressionChildren, parseExpression, type Expression } from '../../src/parser/index.js';
import type { BinaryOp } from '../../src/parser/ast.js';
import { docExamples, exampleRows, type DocExample } from '../support/doc-examples.js';
import { exampleEngine, runExample } from '../support/run-doc-example.js';

const examples = docExamples();

test('docs/sql.md has examples, and every row of its example tables has at least one', () => {
  assert.ok(examples.length > 100, `only ${examples.length} examples found`);
  const empty = exampleRows().filter((row) => row.cell.trim() === '').map((row) => `${row.section}: ${row.row}`);
  assert.deepEqual(empty, []);
});

test('every example gives the documented result', async () => {
  const engine = await exampleEngine();
  const wrong: string[] = [];
  for (const example of examples) {
    const shown = `${example.where} \`${example.expression}\`${example.over === null ? '' : ` over \`${example.over}\``}`;
    try {
      const result = await runExample(engine, example);
      if (example.value !== null && result.value !== example.value) wrong.push(`${shown}: documented \`${example.value}\`, got \`${result.value}\``);
      if (example.value === null && result.value === 'NULL') wrong.push(`${shown}: documented a ${example.type}, got NULL`);
      if (example.type !== null && result.type !== example.type) wrong.push(`${shown}: documented type ${example.type}, got ${result.type}`);
    } catch (error) {
      wrong.push(`${shown}: ${(error as Error).message}`);
    }
  }
  assert.deepEqual(wrong, []);
});

/** What an expression uses: its calls by name (upper-case), `binary <op>`, `unary <op>`, and its node kinds. */
function features(example: DocExample): Set<string> {
  const found = new Set<string>();
  const visit = (node: Expression): void => {
    found.add(node.kind);
    if (node.kind === 'call') found.add(node.name.name.toUpperCase());
    if (node.kind === 'binary') found.add(`binary ${node.op}`);
    if (node.kind === 'unary') found.add(`unary ${node.op}`);
    if (node.kind === 'like') found.add(node.operator);
    for (const child of expressionChildren(node)) visit(child);
  };
  visit(parseExpression(example.expression));
  return found;
}

const used = new Set(examples.flatMap((example) => [...features(example)]));

test('every built-in scalar function and aggregate has an executed example (window functions such as LAG: test/engine/over-aggregate.test.ts)', () => {
  const aggregates = AGGREGATE_FUNCTION_NAMES.filter((name) => !isOverOnly(name));
  const missing = [...BUILTIN_FUNCTIONS, ...aggregates].filter((name) => !used.has(name));
  assert.deepEqual(missing, []);
});

test('every function SHOW FUNCTIONS lists has an example, but the window, ranking and offset functions (docs/windows.md, Queries, OVER aggregations) and CURRENT_WATERMARK (it needs a rowtime)', () => {
  const elsewhere = new Set(['CAST', 'TRY_CAST', 'TUMBLE', 'HOP', 'CUMULATE', 'SESSION', 'ROW_NUMBER', 'RANK', 'DENSE_RANK', 'LAG', 'UNNEST', 'CURRENT_WATERMARK']);
  const missing = SHOWN_BUILTIN_FUNCTIONS.filter((name) => !elsewhere.has(name) && !used.has(name));
  assert.deepEqual(missing, []);
  assert.ok(used.has('cast') && used.has('try-cast'));
});

/** Every binary operator of the AST (a Record, so a new operator is a compile error until it is listed here). */
const BINARY_OPERATORS: Record<BinaryOp, true> = {
  OR: true, AND: true, '=': true, '<>': true, '<': true, '<=': true, '>': true, '>=': true,
  '+': true, '-': true, '*': true, '/': true, '%': true, '||': true,
};

/** Every expression kind of the AST: null where an example must use it, else why the examples cannot. */
const EXPRESSION_KINDS: Record<Expression['kind'], string | null> = {
  column: null, literal: null, interval: null, unary: null, binary: null, 'is-null': null, case: null, cast: null,
  call: null, between: null, 'in-list': null, like: null, 'is-distinct-from': null, 'is-truth': null,
  'try-cast': null, 'element-access': null, 'field-access': null, constructor: null, symbol: null,
  'binary-literal': null,
  star: 'only in COUNT(*) and SELECT lists, where the parser keeps it as a flag of the call',
  'in-subquery': 'needs a table: see Queries (semi joins, IN as a value)',
  exists: 'needs a table: see Queries (semi joins, EXISTS as a value)',
  'scalar-subquery': 'needs a table: see Scalar subqueries',
  over: 'needs a time attribute: see OVER aggregations',
  'year-month-interval': null,
};

test('every operator and expression form has an executed example', () => {
  const wanted = [
    ...Object.keys(BINARY_OPERATORS).map((op) => `binary ${op}`),
    'unary NOT', 'unary -', 'unary +', 'LIKE', 'SIMILAR TO',
    ...Object.entries(EXPRESSION_KINDS).filter(([, reason]) => reason === null).map(([kind]) => kind),
  ];
  assert.deepEqual(wanted.filter((feature) => !used.has(feature)), []);
});
