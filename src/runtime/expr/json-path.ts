/**
 * SQL/JSON paths as Flink 1.20 evaluates them (Jayway JsonPath 2.9 over Jackson's tree). The syntax Sluice reads is
 * in json-path-syntax.ts, filters in json-path-filter.ts, the functions that end a path in json-path-functions.ts.
 *
 * A definite path (keys, single indexes, a member list, a function) selects one item; any other (a wildcard, an
 * index list, a slice, a filter, `..`) selects a list, a JSON array of the matches, possibly empty. Strict mode
 * reports structural problems (a missing key, an index past the end, a key on a non-object, bad JSON, a JSON null
 * found) as errors for the ON ERROR clause, but only where everything before the problem was definite; lax mode
 * turns them into "nothing" (NULL for a definite path, an empty list for another; bad JSON is nothing too). Errors
 * of functions and filters on a scalar are errors in both modes.
 */
import { evaluatePredicate, filterValueOf, UNDEFINED, type FilterValue } from './json-path-filter.js';
import { applyPathFunction, JsonPathError } from './json-path-functions.js';
import { parseJsonPath, type JsonPath, type PathProblem, type Step } from './json-path-syntax.js';
import { isJsonObject, javaClassName, javaText, type ParsedJson } from './json-values.js';

export type { JsonPath, PathMode, PathProblem } from './json-path-syntax.js';
export { UnsupportedJsonPathError } from './json-path-filter.js';

/** What a path selects: an item (`null` for nothing or a JSON null) or an error that ON ERROR handles. */
export type PathResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const paths = new Map<string, JsonPath | PathProblem>();

/** The compiled path, or why Sluice cannot read `text` (parsed once per distinct text). */
export function compileJsonPath(text: string): JsonPath | PathProblem {
  const cached = paths.get(text);
  if (cached !== undefined) return cached;
  const path = parseJsonPath(text);
  if (paths.size > 1000) paths.clear();
  paths.set(text, path);
  return path;
}

export function isPathProblem(path: JsonPath | PathProblem): path is PathProblem {
  return 'problem' in path;
}

/** A structural problem: an error in strict mode, nothing in lax mode (Jayway's PathNotFoundException). */
class PathNotFound extends Error {}

/** `$..x.fn()`, which Jayway evaluates as fn($..x): one result. */
function isScanAggregate(path: JsonPath): boolean {
  return path.steps[0]?.kind === 'scan' && path.steps.at(-1)?.kind === 'function';
}

/**
 * The item(s) `path` selects in `json`, with Flink's strict / lax handling (SqlJsonUtils.jsonApiCommonSyntax).
 * Throws UnsupportedJsonPathError where Flink fails the job and Sluice does not follow.
 */
export function selectPath(json: ParsedJson, path: JsonPath): PathResult {
  const lax = path.mode === 'lax';
  if (!json.ok) return lax ? { ok: true, value: null } : { ok: false, error: json.error };
  // Jayway cannot read a document that is a JSON null, in either mode.
  if (json.value === null) return { ok: false, error: 'json object can not be null' };
  const single = path.definite || isScanAggregate(path);
  let value: unknown;
  try {
    if (isScanAggregate(path)) {
      const fn = path.steps.at(-1) as Extract<Step, { kind: 'function' }>;
      const found = run(json.value, json.value, { ...path, steps: path.steps.slice(0, -1), definite: false });
      value = applyPathFunction(fn.name, fn.argument, json.value, found);
    } else {
      const found = run(json.value, json.value, path);
      value = path.definite ? found[0] : found;
    }
  } catch (error) {
    if (error instanceof JsonPathError) return { ok: false, error: error.message };
    if (!(error instanceof PathNotFound)) throw error;
    return lax ? { ok: true, value: single ? null : [] } : { ok: false, error: error.message };
  }
  if (!lax && value === null) return { ok: false, error: 'Strict jsonpath mode requires a non empty returned value, but is null' };
  return { ok: true, value };
}

/** Everything `path` finds from `start` (`root` is the document, for `$` operands in filters). */
function run(start: unknown, root: unknown, path: JsonPath): unknown[] {
  const lax = path.mode === 'lax';
  const { steps } = path;
  const found: unknown[] = [];
  walk(start, 0, true);
  if (path.definite && found.length === 0) throw new PathNotFound(`No results for path: ${stepsText(steps, steps.length)}`);
  return found;

  function walk(item: unknown, at: number, upstreamDefinite: boolean): void {
    if (at === steps.length) {
      found.push(item);
      return;
    }
    const step = steps[at]!;
    const here = (): string => stepsText(steps, at);
    // A problem is an error only where everything before it was definite and the mode is strict.
    const fail = (message: () => string): void => {
      if (upstreamDefinite && !lax) throw new PathNotFound(message());
    };
    switch (step.kind) {
      case 'any':
        if (Array.isArray(item)) item.forEach((element) => walk(element, at + 1, false));
        else if (isJsonObject(item)) Object.values(item).forEach((member) => walk(member, at + 1, false));
        return;
      case 'key':
      case 'keys': {
        const keys = step.kind === 'key' ? [step.key] : step.keys;
        if (!isJsonObject(item)) return fail(() => `Expected to find an object with property ${stepText(step)} in path ${here()} but found '${javaClassName(item)}'`);
        if (step.kind === 'keys') {
          const merged: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
          for (const key of keys) if (Object.prototype.hasOwnProperty.call(item, key)) merged[key] = item[key];
          return walk(merged, at + 1, upstreamDefinite);
        }
        if (!Object.prototype.hasOwnProperty.call(item, step.key)) {
          if (at < steps.length - 1) fail(() => `Missing property in path ${stepsText(steps, at + 1)}`);
          return;
        }
        return walk(item[step.key], at + 1, upstreamDefinite);
      }
      case 'index':
      case 'indexes':
      case 'slice': {
        if (item === null) return fail(() => `The path ${here()} is null`);
        if (!Array.isArray(item)) return fail(() => `Filter: ${stepText(step)} can only be applied to arrays. Current context is: ${javaText(item)}`);
        const definite = upstreamDefinite && step.kind === 'index';
        for (const index of arrayIndexes(step, item.length)) {
          const effective = index < 0 ? item.length + index : index;
          if (effective >= 0 && effective < item.length) walk(item[effective], at + 1, definite);
        }
        return;
      }
      case 'filter': {
        const test = (candidate: unknown): boolean => evaluatePredicate(step.predicate, (operand) => operandValue(operand, candidate, root));
        if (isJsonObject(item)) {
          if (test(item)) walk(item, at + 1, false);
        } else if (Array.isArray(item)) {
          item.forEach((element) => {
            if (test(element)) walk(element, at + 1, false);
          });
        } else if (upstreamDefinite) {
          throw new JsonPathError(`Illegal jsonpath spec '${path.source}': the filter ${step.text} cannot be applied to ${javaText(item)}`);
        }
        return;
      }
      case 'scan': {
        const inner = step.step;
        const visit = (model: unknown): void => {
          if (isJsonObject(model)) {
            if (inner.kind === 'any') Object.values(model).forEach((member) => walk(member, at + 1, false));
            else if (inner.kind === 'key' && Object.prototype.hasOwnProperty.call(model, inner.key)) walk(model[inner.key], at + 1, false);
            Object.values(model).forEach(visit);
          } else if (Array.isArray(model)) {
            if (inner.kind === 'any') model.forEach((element) => walk(element, at + 1, false));
            else if (inner.kind === 'index') {
              const index = inner.index < 0 ? model.length + inner.index : inner.index;
              if (index >= 0 && index < model.length) walk(model[index], at + 1, false);
            }
            model.forEach(visit);
          }
        };
        return visit(item);
      }
      case 'function':
        return walk(applyPathFunction(step.name, step.argument, item), at + 1, upstreamDefinite);
    }
  }

  /** A filter operand: what it finds as a value; nothing is JSON null in lax mode, undefined in strict mode. */
  function operandValue(operand: JsonPath, item: unknown, document: unknown): FilterValue {
    try {
      const [value] = run(operand.root === '$' ? document : item, document, operand);
      return filterValueOf(value ?? null, operand.source);
    } catch (error) {
      if (!(error instanceof PathNotFound)) throw error;
      return lax ? { kind: 'null' } : UNDEFINED;
    }
  }
}

/** The indexes a step visits, as Jayway's array tokens do (a slice's negative start is not clamped). */
function arrayIndexes(step: Extract<Step, { kind: 'index' | 'indexes' | 'slice' }>, length: number): number[] {
  if (step.kind === 'index') return [step.index];
  if (step.kind === 'indexes') return [...step.indexes];
  const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  if (length === 0) return [];
  if (step.to === null) return range(Math.max(0, step.from! < 0 ? length + step.from! : step.from!), length);
  if (step.from === null) return range(0, Math.min(length, step.to < 0 ? length + step.to : step.to));
  return range(step.from, Math.min(length, step.to));
}

/** Jayway's text of a step (`['a']`, `[0]`, `[0,2]`, `[1:]`, `[*]`). */
function stepText(step: Step): string {
  switch (step.kind) {
    case 'key': return `['${step.key}']`;
    case 'keys': return `[${step.keys.map((key) => `'${key}'`).join(',')}]`;
    case 'index': return `[${step.index}]`;
    case 'indexes': return `[${step.indexes.join(',')}]`;
    case 'slice': return `[${step.from ?? ''}:${step.to ?? ''}]`;
    case 'any': return '[*]';
    case 'scan': return `..${stepText(step.step)}`;
    case 'filter': return '[?]';
    case 'function': return `.${step.name}(${step.name === 'index' ? step.argument : ''})`;
  }
}

function stepsText(steps: readonly Step[], count: number): string {
  return `$${steps.slice(0, count).map(stepText).join('')}`;
}

/** Why a literal path cannot be planned, for the binder (null when Sluice reads it). */
export function jsonPathProblem(text: string): PathProblem | null {
  const path = compileJsonPath(text);
  return isPathProblem(path) ? path : null;
}
