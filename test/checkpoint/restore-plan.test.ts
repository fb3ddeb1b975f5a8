/**
 * Matching checkpointed state to a changed query by stable operator identity: unchanged stateful operators are
 * restored even when their node numbers move (a filter added upstream), a changed one is reported as dropped with
 * what differs, a new one starts empty, and the keyed state is renamed to the new node numbers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { parseStatements } from '../../src/parser/index.js';
import type { Insert } from '../../src/parser/ast.js';
import { Catalog, createTable, createView, planInsert } from '../../src/planner/index.js';
import type { DataflowGraph } from '../../src/dataflow/graph.js';
import { operatorIdentities } from '../../src/runtime/checkpoint/operator-identity.js';
import { applyRestorePlan, droppedStateProblems, planRestore } from '../../src/runtime/checkpoint/restore-plan.js';
import type { CheckpointRecord } from '../../src/runtime/checkpoint/checkpoint-record.js';
import { STATE_TABLE_DDL } from '../../src/runtime/checkpoint/checkpoint-store.js';

const DDL = `
CREATE TABLE bids (item STRING, price INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH ('connector' = 'datagen');
CREATE TABLE out_t (item STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), total BIGINT) WITH ('connector' = 'blackhole');
CREATE VIEW positive AS SELECT item, price + 0 AS price, ts FROM bids WHERE price > 0;`;

function graphOf(insertSql: string): DataflowGraph {
  const catalog = new Catalog();
  for (const statement of parseStatements(DDL)) {
    if (statement.kind === 'create-table') createTable(statement, catalog);
    if (statement.kind === 'create-view') createView(statement, catalog);
  }
  const insert = parseStatements(insertSql)[0] as Insert;
  return planInsert(insert, catalog, { validate: () => undefined, acceptsUpdates: () => true }).graph;
}

const V1 = `INSERT INTO out_t SELECT item, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY item, window_start, window_end`;
const WITH_FILTER = `INSERT INTO out_t SELECT item, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE positive, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY item, window_start, window_end`;
const OTHER_WINDOW = `INSERT INTO out_t SELECT item, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' MINUTE)) GROUP BY item, window_start, window_end`;

function recordOf(graph: DataflowGraph): CheckpointRecord {
  const identities = operatorIdentities(graph);
  const tasks = graph.nodes
    .filter((node) => node.spec.kind !== 'source')
    .map((node) => ({
      nodeId: node.id,
      uid: identities.get(node.id)!.uid,
      operator: `${node.spec.kind}#${node.id}`,
      signature: identities.get(node.id)!.signature,
      watermarks: { watermark: 5, inputWatermarks: node.inputs.map(() => 5), inputIdle: node.inputs.map(() => false), idle: false },
      operatorState: undefined,
    }));
  const sources = graph.nodes
    .filter((node) => node.spec.kind === 'source')
    .map((node) => ({ nodeId: node.id, uid: identities.get(node.id)!.uid, table: 'bids', position: 1, ended: false }));
  return { id: 3, kind: 'savepoint', jobName: 'j', completedAt: 0, sources, tasks };
}

const nameOf = (graph: DataflowGraph) => (id: number): string => `${graph.nodes.find((n) => n.id === id)?.spec.kind}#${id}`;

test('an unchanged query restores every stateful operator', () => {
  const graph = graphOf(V1);
  const plan = planRestore(recordOf(graph), graph, operatorIdentities(graph), nameOf(graph));
  assert.deepEqual(droppedStateProblems(plan), []);
  assert.ok(plan.decisions.every((d) => d.action === 'restored'));
  assert.ok(plan.decisions.some((d) => d.operator.startsWith('window-aggregate')));
});

test('a filter added upstream keeps the aggregation state', () => {
  const before = graphOf(V1);
  const after = graphOf(WITH_FILTER);
  assert.notDeepEqual(after.nodes.map((n) => n.spec), before.nodes.map((n) => n.spec), 'the plan changed');
  const plan = planRestore(recordOf(before), after, operatorIdentities(after), nameOf(after));
  assert.deepEqual(droppedStateProblems(plan), []);
  const aggregate = after.nodes.find((n) => n.spec.kind === 'window-aggregate')!.id;
  assert.ok(plan.decisions.some((d) => d.action === 'restored' && d.operator === `window-aggregate#${aggregate}`));
});

test('keyed state moves to the new node numbers, also when they swap places', () => {
  const db = new Database(':memory:');
  db.exec(STATE_TABLE_DDL);
  const insert = db.prepare('INSERT INTO state VALUES (?, 0, ?, ?)');
  for (const name of ['4/windows', '6/groups', '6/groups-expiry', '9/gone', '44/other']) insert.run(name, 'k', Buffer.from(name));
  const plan = { record: recordOf(graphOf(V1)), decisions: [], renames: new Map([[4, 6], [6, 7], [44, 44]]), dropped: [9] };
  applyRestorePlan(db, plan);
  const rows = db.prepare('SELECT name, CAST(v AS TEXT) AS v FROM state ORDER BY name').all();
  assert.deepEqual(rows, [
    { name: '44/other', v: '44/other' },
    { name: '6/windows', v: '4/windows' },
    { name: '7/groups', v: '6/groups' },
    { name: '7/groups-expiry', v: '6/groups-expiry' },
  ]);
});

test('a changed window is reported as dropped state, naming the operator and the difference', () => {
  const before = graphOf(V1);
  const after = graphOf(OTHER_WINDOW);
  const plan = planRestore(recordOf(before), after, operatorIdentities(after), nameOf(after));
  const problems = droppedStateProblems(plan);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /^window-aggregate#\d+ \(window-aggregate-[0-9a-f]+\): the job's window-aggregate#\d+ differs: spec\.window\.size: 60000 → 300000/);
  assert.ok(plan.decisions.some((d) => d.action === 'empty' && d.operator.startsWith('window-aggregate')));
});

test('a SINGLE_VALUE aggregate (a scalar subquery of several rows) keeps its identity when the subquery moves in the text', () => {
  const insert = (indent: string): string => `INSERT INTO out_t SELECT item, CAST(NULL AS TIMESTAMP(3)), CAST(NULL AS TIMESTAMP(3)),${indent}CAST((SELECT price FROM bids WHERE price > 100) AS BIGINT) FROM bids`;
  const singleValueUid = (graph: DataflowGraph): string => {
    const node = graph.nodes.find((n) => 'aggregates' in n.spec && n.spec.aggregates.some((a) => a.fn === 'SINGLE_VALUE'));
    assert.ok(node, 'the plan has a SINGLE_VALUE aggregate');
    return operatorIdentities(graph).get(node.id)!.uid;
  };
  assert.equal(singleValueUid(graphOf(insert(' '))), singleValueUid(graphOf(insert('\n    '))));
});
