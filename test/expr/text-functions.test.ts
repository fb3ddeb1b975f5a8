/**
 * Regular expressions (Java syntax and semantics: find, groups; replacements taken literally, as Flink),
 * SPLIT_INDEX, hashes, base64, LOG, TRUNCATE, seeded RAND/RAND_INTEGER (java.util.Random's sequences, as Flink)
 * and small string functions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, PlanError } from '../../src/index.js';
import { JavaRandom } from '../../src/runtime/expr/java-random.js';

async function rows(select: string, values: Record<string, unknown>[] = [{ s: 'a-b-c', n: 3 }]): Promise<Record<string, unknown>[]> {
  const engine = new Engine();
  engine.registerTable('t', { columns: [{ name: 's', type: 'STRING' }, { name: 'n', type: 'INT' }], rows: values });
  return engine.query(`SELECT ${select} FROM t`).toArray();
}

test('REGEXP, REGEXP_EXTRACT and REGEXP_REPLACE', async () => {
  assert.deepEqual((await rows(`REGEXP('abc123', '[0-9]+') AS a, REGEXP('abc', '^b') AS b,
      REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 2) AS c, REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)') AS d,
      REGEXP_EXTRACT('foothebar', 'x(y)', 1) AS e, REGEXP_EXTRACT('foothebar', 'foo(.*?)(bar)', 3) AS f,
      REGEXP_EXTRACT('https://x.com/?a=1&channel_id=77&z', '(&|^)channel_id=([^&]*)', 2) AS g,
      REGEXP_REPLACE('foobar', 'oo|ar', '') AS h, REGEXP_REPLACE('2020-04-15', '(\\d+)-(\\d+)-(\\d+)', '$3/$2/$1') AS i,
      REGEXP_REPLACE('a.b', '\\.', '\\$') AS j`))[0], {
    a: true, b: false, c: 'bar', d: 'foothebar', e: null, f: null, g: '77', h: 'fb', i: '$3/$2/$1', j: 'a\\$b',
  });
  // Flink 1.20 quotes the replacement (Matcher.quoteReplacement): `$1`, `${name}` and `\` are plain text.
  assert.deepEqual(await rows(`REGEXP_REPLACE(s, '(?<first>[a-z])-', '[$1\${first}]') AS a`), [{ a: '[$1${first}][$1${first}]c' }]);
  // A dynamic pattern that does not compile gives NULL, as in Flink; a literal one is refused when planning.
  assert.deepEqual(await rows(`REGEXP(s, s) AS a`, [{ s: '(' }]), [{ a: null }]);
  await assert.rejects(rows(`REGEXP_EXTRACT(s, '(', 1)`), (error: unknown) => {
    assert.ok(error instanceof PlanError);
    assert.equal(error.message, "Function 'REGEXP_EXTRACT': invalid regular expression '(' at 1:26");
    return true;
  });
});

test('SPLIT_INDEX, hashes, base64 and string helpers', async () => {
  assert.deepEqual((await rows(`SPLIT_INDEX(s, '-', 0) AS a, SPLIT_INDEX(s, '-', 2) AS b, SPLIT_INDEX(s, '-', 3) AS c,
      SPLIT_INDEX(s, '-', -1) AS d, SPLIT_INDEX('https://www.nexmark.com/abc/def', '/', 3) AS e,
      MD5('hello') AS f, SHA1('') AS g, SHA256('abc') AS h, SHA2('abc', 224) AS i, HASH_CODE('hello') AS j,
      TO_BASE64('hello world') AS k, FROM_BASE64('aGVsbG8gd29ybGQ=') AS l, REVERSE('añb') AS m, REPEAT(s, 2) AS n2,
      LEFT('hello', 2) AS o, RIGHT('hello', 3) AS p, LEFT('hi', -1) AS q, ASCII('A') AS r, CHR(97) AS u`))[0], {
    a: 'a', b: 'c', c: null, d: null, e: 'abc', f: '5d41402abc4b2a76b9719d911017c592', g: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    h: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', i: '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
    j: 99162322, k: 'aGVsbG8gd29ybGQ=', l: 'hello world', m: 'bña', n2: 'a-b-ca-b-c', o: 'he', p: 'llo', q: '', r: 65, u: 'a',
  });
  await assert.rejects(rows(`SHA2(s, 100)`), /Function 'SHA2' takes 224, 256, 384 or 512 bits, not 100/);
});

test('LOG, TRUNCATE keep Flink\'s types; RAND(seed) and RAND_INTEGER(seed, n) follow java.util.Random', async () => {
  assert.deepEqual((await rows(`LOG(2, 8) AS a, LOG(EXP(2)) AS b, TRUNCATE(42.345, 2) AS c, TRUNCATE(-42.345) AS d,
      TRUNCATE(CAST(42.345 AS DOUBLE), 1) AS e, TRUNCATE(1234, -2) AS f, TRUNCATE(n) AS g`))[0], {
    a: 3, b: 2, c: '42.34', d: '-42', e: 42.3, f: 1200, g: 3,
  });
  // new java.util.Random(42): nextDouble() = 0.7275636800328681, nextInt(100) = 0 … (values from the JDK).
  const four = [{ s: 'a', n: 1 }, { s: 'b', n: 2 }, { s: 'c', n: 3 }, { s: 'd', n: 4 }];
  const seeded = await rows('RAND(42) AS r, RAND_INTEGER(7, 10) AS i', four);
  const doubles = new JavaRandom(42n);
  const ints = new JavaRandom(7n);
  assert.deepEqual(seeded, four.map(() => ({ r: doubles.nextDouble(), i: ints.nextInt(10) })));
  assert.equal(new JavaRandom(42n).nextDouble(), 0.7275636800328681);
  assert.equal(new JavaRandom(42n).nextInt(10), 0);
  const unseeded = await rows('RAND() AS r, RAND_INTEGER(5) AS i', four);
  for (const row of unseeded) {
    assert.ok((row.r as number) >= 0 && (row.r as number) < 1);
    assert.ok(Number.isInteger(row.i) && (row.i as number) >= 0 && (row.i as number) < 5);
  }
  await assert.rejects(rows('RAND(n)'), /Function 'RAND' takes an integer literal as argument 1, not INT/);
});
