/** Options of the kafka connector, checked at plan time (no broker needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../../src/common/errors.js';
import { BIGINT, STRING, TIMESTAMP3 } from '../../src/common/types.js';
import { field, schema } from '../../src/dataflow/schema.js';
import { validateConnectorOptions } from '../../src/connectors/index.js';
import { readKafkaSinkOptions, readKafkaSourceOptions } from '../../src/connectors/kafka/options.js';

const s = schema([field('id', BIGINT), field('name', STRING), field('ts', TIMESTAMP3)]);
const base = { connector: 'kafka', topic: 'bids', 'properties.bootstrap.servers': 'localhost:9092', format: 'json' };
const d = (options: Record<string, string>) => ({ table: 'bids', connector: 'kafka', schema: s, options: { ...base, ...options } });

function rejects(role: 'source' | 'sink', options: Record<string, string>, pattern: RegExp, kind: typeof ConnectorError = ConnectorError): void {
  assert.throws(() => validateConnectorOptions(role, d(options)), (error: unknown) => {
    assert.ok(error instanceof kind, `expected ${kind.name}, got ${String(error)}`);
    assert.match((error as Error).message, pattern);
    return true;
  });
}

test('a valid source and sink pass; defaults follow Flink', () => {
  const source = readKafkaSourceOptions(d({ 'scan.startup.mode': 'earliest-offset', 'scan.bounded.mode': 'latest-offset', 'scan.watermark.idle-timeout': '5 s' }));
  assert.equal(source.startupMode, 'earliest-offset');
  assert.equal(source.bounded, true);
  assert.equal(source.idleTimeoutMs, 5000);
  assert.deepEqual(source.topics, { kind: 'list', topics: ['bids'] });
  const sink = readKafkaSinkOptions(d({ 'key.format': 'csv', 'key.fields': 'id;name', 'value.fields-include': 'EXCEPT_KEY' }));
  assert.equal(sink.deliveryGuarantee, 'at-least-once');
  assert.deepEqual(sink.layout.keyColumns, [0, 1]);
  assert.deepEqual(sink.layout.valueColumns, [2]);
  assert.equal(sink.layout.key?.encode([7n, 'a,b']).toString(), '7,"a,b"');
});

test('topic lists, patterns and startup offsets are parsed', () => {
  assert.deepEqual(readKafkaSourceOptions(d({ topic: 'a; b', 'properties.group.id': 'g' })).topics, { kind: 'list', topics: ['a', 'b'] });
  const pattern = readKafkaSourceOptions(d({ topic: undefined as unknown as string, 'topic-pattern': 'bids-.*', 'scan.startup.mode': 'latest-offset' })).topics;
  assert.equal(pattern.kind, 'pattern');
  assert.ok(pattern.kind === 'pattern' && pattern.pattern.test('bids-1') && !pattern.pattern.test('x-bids-1'));
  const specific = readKafkaSourceOptions(d({ 'scan.startup.mode': 'specific-offsets', 'scan.startup.specific-offsets': 'partition:0,offset:42;partition:3,offset:7' }));
  assert.deepEqual([...specific.specificOffsets], [[0, 42n], [3, 7n]]);
});

test('misspelled and unsupported options get a clear error', () => {
  rejects('source', { 'scan.startup.mode': 'earliest-offset', 'scan.startup.mod': 'x' }, /unsupported option 'scan.startup.mod'.*did you mean 'scan.startup.mode'/);
  rejects('source', { 'scan.startup.mode': 'earliest-ofset' }, /unsupported value 'earliest-ofset' for option 'scan.startup.mode'.*did you mean 'earliest-offset'/);
  rejects('source', {}, /'group-offsets' \(the default\) needs 'properties.group.id'/);
  rejects('source', { 'scan.startup.mode': 'timestamp' }, /needs 'scan.startup.timestamp-millis'/);
  rejects('source', { 'scan.startup.mode': 'specific-offsets', 'scan.startup.specific-offsets': 'p0:42' }, /is not 'partition:<n>,offset:<n>'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'properties.linger.ms': '5' }, /unsupported Kafka client property 'properties.linger.ms'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'properties.bootstrap.servers': 'nohost' }, /'nohost' in 'properties.bootstrap.servers' is not 'host:port'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'sink.delivery-guarantee': 'none' }, /applies to a kafka sink/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', format: 'xml' }, /unsupported value 'xml' for option 'format'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', format: 'raw' }, /'raw' value format needs exactly one STRING column/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'key.fields': 'idd', 'key.format': 'json' }, /'key.fields' names unknown column 'idd'.*did you mean 'id'/);
  rejects('source', { 'scan.startup.mode': 'latest-offset', 'key.fields': 'id' }, /'key.fields' needs 'key.format'/);
  rejects('sink', { topic: 'a;b' }, /writes to one 'topic'/);
});

test('exactly-once needs a transactional id prefix; acks must be all', () => {
  rejects('sink', { 'sink.delivery-guarantee': 'exactly-once' }, /'exactly-once' needs 'sink.transactional-id-prefix'/);
  rejects('sink', { 'sink.transactional-id-prefix': 'p' }, /'sink.transactional-id-prefix' is only for 'sink.delivery-guarantee' = 'exactly-once'/);
  rejects('sink', { 'sink.delivery-guarantee': 'exactly-once', 'sink.transactional-id-prefix': 'p', 'properties.acks': '1' }, /contradicts 'sink.delivery-guarantee' = 'exactly-once'/);
  assert.equal(readKafkaSinkOptions(d({ 'sink.delivery-guarantee': 'exactly-once', 'sink.transactional-id-prefix': 'job-1' })).transactionalIdPrefix, 'job-1');
  rejects('sink', { 'sink.delivery-guarantee': 'at-least-once', 'properties.acks': '1' }, /contradicts 'sink.delivery-guarantee' = 'at-least-once'/);
  assert.equal(readKafkaSinkOptions(d({ 'sink.delivery-guarantee': 'none', 'properties.acks': '0' })).deliveryGuarantee, 'none');
});

test('record codecs: JSON keeps exact numbers, errors name the record, raw is one string', () => {
  const source = readKafkaSourceOptions(d({ 'scan.startup.mode': 'latest-offset' }));
  const decoded = source.layout.value.decode(Buffer.from('{"id": 9007199254740993, "name": "x", "ts": "2024-01-01 00:00:01"}'), 'topic bids partition 0 offset 5');
  assert.deepEqual(decoded, [9007199254740993n, 'x', Date.UTC(2024, 0, 1, 0, 0, 1)]);
  const bad = source.layout.value.decode(Buffer.from('{"id": "x"}'), 'topic bids partition 2 offset 17');
  assert.ok(bad instanceof ConnectorError);
  assert.match(bad.message, /Cannot read field 'id' as BIGINT.*\(at topic bids partition 2 offset 17, value column 8\)/);
  const raw = readKafkaSourceOptions(d({ 'scan.startup.mode': 'latest-offset', 'key.format': 'raw', 'key.fields': 'name' }));
  assert.deepEqual(raw.layout.key?.decode(Buffer.from('héllo'), 'x'), ['héllo']);
});

test('bounded modes and their companion options; errors name the table and the option', () => {
  const read = (options: Record<string, string>) => readKafkaSourceOptions(d({ 'scan.startup.mode': 'earliest-offset', ...options }));
  const timestamp = read({ 'scan.bounded.mode': 'timestamp', 'scan.bounded.timestamp-millis': '1700000000000' });
  assert.deepEqual([timestamp.boundedMode, timestamp.bounded, timestamp.boundedTimestamp], ['timestamp', true, 1700000000000]);
  const specific = read({ 'scan.bounded.mode': 'specific-offsets', 'scan.bounded.specific-offsets': 'partition:0,offset:5; partition:2,offset:0' });
  assert.deepEqual([...specific.boundedSpecificOffsets], [[0, 5n], [2, 0n]]);
  assert.equal(read({ 'scan.bounded.mode': 'group-offsets', 'properties.group.id': 'g' }).boundedMode, 'group-offsets');
  assert.deepEqual([read({}).boundedMode, read({}).bounded], ['unbounded', false]);
  const base = { 'scan.startup.mode': 'earliest-offset' };
  rejects('source', { ...base, 'scan.bounded.mode': 'timestamp' }, /^Table 'bids': 'scan.bounded.mode' = 'timestamp' needs 'scan.bounded.timestamp-millis'/);
  rejects('source', { ...base, 'scan.bounded.mode': 'timestamp', 'scan.bounded.timestamp-millis': 'soon' }, /^Table 'bids': option 'scan.bounded.timestamp-millis' must be an integer/);
  rejects('source', { ...base, 'scan.bounded.mode': 'timestamp', 'scan.bounded.timestamp-millis': '-1' }, /'scan.bounded.timestamp-millis' must be at least 0/);
  rejects('source', { ...base, 'scan.bounded.mode': 'latest-offset', 'scan.bounded.timestamp-millis': '5' }, /'scan.bounded.timestamp-millis' applies only to 'scan.bounded.mode' = 'timestamp'/);
  rejects('source', { ...base, 'scan.bounded.mode': 'specific-offsets' }, /^Table 'bids': 'scan.bounded.mode' = 'specific-offsets' needs 'scan.bounded.specific-offsets'/);
  rejects('source', { ...base, 'scan.bounded.mode': 'specific-offsets', 'scan.bounded.specific-offsets': 'partition:0;offset:5' }, /'scan.bounded.specific-offsets' entry 'partition:0' is not 'partition:<n>,offset:<n>'/);
  rejects('source', { ...base, 'scan.bounded.mode': 'specific-offsets', 'scan.bounded.specific-offsets': 'partition:0,offset:5;partition:0,offset:6' }, /'scan.bounded.specific-offsets' names partition 0 twice/);
  rejects('source', { ...base, 'scan.bounded.specific-offsets': 'partition:0,offset:5' }, /'scan.bounded.specific-offsets' applies only to 'scan.bounded.mode' = 'specific-offsets'/);
  rejects('source', { ...base, 'scan.bounded.mode': 'group-offsets' }, /^Table 'bids': 'scan.bounded.mode' = 'group-offsets' needs 'properties.group.id'/);
  rejects('source', { ...base, 'scan.bounded.mode': 'group-offset' }, /unsupported value 'group-offset' for option 'scan.bounded.mode'.*did you mean 'group-offsets'/);
  rejects('source', { ...base, 'scan.bounded.mod': 'latest-offset' }, /unsupported option 'scan.bounded.mod'.*did you mean 'scan.bounded.mode'/);
});

test("partition discovery: Flink's 5 minutes by default, 0 or negative disables it, bounded tables never discover", () => {
  const interval = (options: Record<string, string>) => readKafkaSourceOptions(d({ 'scan.startup.mode': 'earliest-offset', ...options })).discoveryIntervalMs;
  assert.equal(interval({}), 5 * 60_000);
  assert.equal(interval({ 'scan.topic-partition-discovery.interval': '30 s' }), 30_000);
  assert.equal(interval({ 'scan.topic-partition-discovery.interval': '250' }), 250);
  assert.equal(interval({ 'scan.topic-partition-discovery.interval': '0' }), 0);
  assert.equal(interval({ 'scan.topic-partition-discovery.interval': '-1 min' }), 0);
  assert.equal(interval({ 'scan.topic-partition-discovery.interval': '10 s', 'scan.bounded.mode': 'latest-offset' }), 0);
  rejects('source', { 'scan.startup.mode': 'earliest-offset', 'scan.topic-partition-discovery.interval': 'often' },
    /^Table 'bids': option 'scan.topic-partition-discovery.interval' must be a duration/);
  rejects('sink', { 'scan.topic-partition-discovery.interval': '1 s' }, /option 'scan.topic-partition-discovery.interval' applies to a kafka source/);
});
