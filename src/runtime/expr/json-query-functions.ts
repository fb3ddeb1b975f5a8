/**
 * The SQL/JSON query functions as Flink 1.20 runs them (SqlJsonUtils and its code generators): JSON_VALUE with
 * RETURNING and ON EMPTY / ON ERROR, JSON_QUERY with RETURNING STRING | ARRAY<STRING>, the array wrapper and
 * ON EMPTY / ON ERROR, JSON_EXISTS with ON ERROR, and `IS JSON [VALUE | SCALAR | ARRAY | OBJECT]`.
 *
 * The binder hands the clauses over as one STRING literal argument (`JsonCallSpec`, JSON text) that also carries the
 * call's SQL position, so that ERROR ON … fails the job with an error naming the function and where it is written.
 */
import { ExecutionError, InternalError, type SourcePosition } from '../../common/errors.js';
import type { Value } from '../../common/values.js';
import { LosslessNumber } from 'lossless-json';
import { compileJsonPath, isPathProblem, selectPath, UnsupportedJsonPathError, type PathResult } from './json-path.js';
import { isJsonObject, isScalar, jacksonText, javaText, numberClass, parseJsonText } from './json-values.js';

export type JsonValueReturning = 'STRING' | 'INT' | 'DOUBLE' | 'BOOLEAN';
export type JsonValueBehavior = 'NULL' | 'ERROR' | 'DEFAULT';
export type JsonQueryBehavior = 'NULL' | 'ERROR' | 'EMPTY ARRAY' | 'EMPTY OBJECT';
export type JsonExistsBehavior = 'TRUE' | 'FALSE' | 'UNKNOWN' | 'ERROR';
export type JsonWrapper = 'WITHOUT' | 'CONDITIONAL' | 'UNCONDITIONAL';
export type IsJsonKind = 'VALUE' | 'SCALAR' | 'ARRAY' | 'OBJECT';

/** The clauses of one call, as the binder writes them (JSON text in a literal argument). */
export type JsonCallSpec =
  | { readonly fn: 'JSON_VALUE'; readonly returning: JsonValueReturning; readonly onEmpty: JsonValueBehavior; readonly onError: JsonValueBehavior; readonly at: SourcePosition }
  | { readonly fn: 'JSON_QUERY'; readonly returning: 'STRING' | 'ARRAY'; readonly wrapper: JsonWrapper; readonly onEmpty: JsonQueryBehavior; readonly onError: JsonQueryBehavior; readonly at: SourcePosition }
  | { readonly fn: 'JSON_EXISTS'; readonly onError: JsonExistsBehavior; readonly at: SourcePosition };

const specs = new Map<string, JsonCallSpec>();

/** The spec of a call from its literal (parsed once per distinct text). */
export function readSpec(text: string): JsonCallSpec {
  let spec = specs.get(text);
  if (spec === undefined) {
    if (specs.size > 1000) specs.clear();
    spec = JSON.parse(text) as JsonCallSpec;
    specs.set(text, spec);
  }
  return spec;
}

function specOf<F extends JsonCallSpec['fn']>(text: string, fn: F): Extract<JsonCallSpec, { fn: F }> {
  const spec = readSpec(text);
  if (spec.fn !== fn) throw new InternalError(`${fn} got the clauses of ${spec.fn}`);
  return spec as Extract<JsonCallSpec, { fn: F }>;
}

function fail(fn: string, at: SourcePosition, detail: string): ExecutionError {
  return new ExecutionError(`${fn}: ${detail}`, { position: at });
}

/**
 * The path's result in the document, or the error Flink gives for a path it cannot read (a path Sluice does not
 * read, computed per row, is such an error too). Where Flink fails the job (a filter comparing an object or array),
 * so does Sluice, saying that it is not supported yet.
 */
function evaluate(json: string, pathText: string, spec: JsonCallSpec): PathResult {
  const path = compileJsonPath(pathText);
  if (isPathProblem(path)) return { ok: false, error: `Illegal jsonpath spec '${pathText}' (${path.reason})` };
  try {
    return selectPath(parseJsonText(json), path);
  } catch (error) {
    if (error instanceof UnsupportedJsonPathError) throw fail(spec.fn, spec.at, `${error.message} (path '${pathText}')`);
    throw error;
  }
}

function isLax(pathText: string): boolean {
  const path = compileJsonPath(pathText);
  return !isPathProblem(path) && path.mode === 'lax';
}

/** JSON_VALUE(json, path, spec, defaultOnEmpty, defaultOnError); the defaults already have the RETURNING type. */
export function jsonValue(json: string, pathText: string, specText: string, defaultOnEmpty: Value, defaultOnError: Value): Value {
  const spec = specOf(specText, 'JSON_VALUE');
  const context = evaluate(json, pathText, spec);
  let error: string;
  if (!context.ok) {
    error = context.error;
  } else {
    const value = context.value;
    if (value === null || value === undefined || (isLax(pathText) && !isScalar(value))) {
      switch (spec.onEmpty) {
        case 'ERROR': throw fail('JSON_VALUE', spec.at, `the path '${pathText}' selects no scalar and the call says ERROR ON EMPTY`);
        case 'DEFAULT': return defaultOnEmpty;
        default: return null;
      }
    }
    if (isScalar(value)) return returned(value, spec.returning, spec.at);
    error = `Strict jsonpath mode requires scalar value, and the actual value is: '${javaText(value)}'`;
  }
  switch (spec.onError) {
    case 'ERROR': throw fail('JSON_VALUE', spec.at, `${error} (path '${pathText}', ERROR ON ERROR)`);
    case 'DEFAULT': return defaultOnError;
    default: return null;
  }
}

/**
 * A scalar as the RETURNING type. Flink 1.20 casts the Java object it read (`(Integer) value`): a JSON integer
 * within INT range for INT, a number with a fraction or exponent for DOUBLE, true / false for BOOLEAN; anything else
 * fails the job with a ClassCastException whatever ON ERROR says, and so does Sluice (with a clearer message).
 */
function returned(value: unknown, returning: JsonValueReturning, at: SourcePosition): Value {
  if (returning === 'STRING') return javaText(value);
  const javaClass = value instanceof LosslessNumber ? numberClass(value) : typeof value === 'string' ? 'String' : 'Boolean';
  if (returning === 'INT' && javaClass === 'Integer') return Number((value as { value: string }).value);
  if (returning === 'DOUBLE' && javaClass === 'Double') return Number((value as { value: string }).value);
  if (returning === 'BOOLEAN' && typeof value === 'boolean') return value;
  const wanted = returning === 'INT' ? 'a JSON integer within INT range' : returning === 'DOUBLE' ? 'a JSON number with a fraction or exponent' : 'true or false';
  throw fail('JSON_VALUE', at, `RETURNING ${returning} takes ${wanted}, not ${typeof value === 'string' ? JSON.stringify(value) : javaText(value)} (a Java ${javaClass} in Flink, whose job fails here too, whatever ON ERROR says)`);
}

/** JSON_QUERY(json, path, spec): JSON text (RETURNING STRING) or an ARRAY<STRING>. */
export function jsonQuery(json: string, pathText: string, specText: string): Value {
  const spec = specOf(specText, 'JSON_QUERY');
  const context = evaluate(json, pathText, spec);
  let error: string;
  if (!context.ok) {
    error = context.error;
  } else {
    let value = context.value ?? null;
    if (value !== null && (spec.wrapper === 'UNCONDITIONAL' || (spec.wrapper === 'CONDITIONAL' && !Array.isArray(value)))) value = [value];
    if (value === null || (isLax(pathText) && isScalar(value))) {
      if (spec.onEmpty === 'ERROR') throw fail('JSON_QUERY', spec.at, `the path '${pathText}' selects no object or array and the call says ERROR ON EMPTY`);
      return emptyQueryResult(spec.onEmpty, spec.returning);
    }
    if (!isScalar(value)) {
      if (spec.returning === 'STRING') return jacksonText(value);
      if (Array.isArray(value)) return value.map((element: unknown) => (element === null ? null : javaText(element)));
      error = `the path '${pathText}' selects an object, not an array, for RETURNING ARRAY<STRING>`;
    } else {
      error = `Strict jsonpath mode requires array or object value, and the actual value is: '${javaText(value)}'`;
    }
  }
  if (spec.onError === 'ERROR') throw fail('JSON_QUERY', spec.at, `${error} (path '${pathText}', ERROR ON ERROR)`);
  return emptyQueryResult(spec.onError, spec.returning);
}

function emptyQueryResult(behavior: JsonQueryBehavior, returning: 'STRING' | 'ARRAY'): Value {
  if (behavior === 'EMPTY ARRAY') return returning === 'ARRAY' ? [] : '[]';
  if (behavior === 'EMPTY OBJECT') return '{}';
  return null;
}

/** JSON_EXISTS(json, path, spec): whether the path selects something (a JSON null is nothing). */
export function jsonExists(json: string, pathText: string, specText: string): Value {
  const spec = specOf(specText, 'JSON_EXISTS');
  const context = evaluate(json, pathText, spec);
  if (context.ok) return context.value !== null && context.value !== undefined;
  switch (spec.onError) {
    case 'ERROR': throw fail('JSON_EXISTS', spec.at, `${context.error} (path '${pathText}', ERROR ON ERROR)`);
    case 'TRUE': return true;
    case 'UNKNOWN': return null;
    default: return false;
  }
}

/** `s IS JSON [kind]`: whether `s` parses as JSON (of that kind; a scalar is anything but an object or array). */
export function isJson(text: string, kind: IsJsonKind): boolean {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return false;
  switch (kind) {
    case 'OBJECT': return isJsonObject(parsed.value);
    case 'ARRAY': return Array.isArray(parsed.value);
    case 'SCALAR': return isScalar(parsed.value);
    default: return true;
  }
}
