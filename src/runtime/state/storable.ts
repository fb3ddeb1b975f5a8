/**
 * Writing state values with `v8.serialize`, and saying clearly which value could not be stored. Most state is the
 * engine's own plain data; objects made by the user's code (the accumulators of user-defined aggregates) may stop
 * being storable at any update. Such objects are marked with what to say about them (`markUserObject`); when a value
 * fails to serialise, the marked objects inside it are tried one by one and the first that fails gives the error —
 * a walk that costs nothing until a write fails.
 */
import { serialize } from 'node:v8';
import { InternalError, type SluiceError } from '../../common/errors.js';

/** Describes a marked object that could not be serialised: `problem` is what `v8.serialize` said. */
export type UnstorableExplanation = (object: object, problem: string) => SluiceError;

const marked = new WeakMap<object, UnstorableExplanation>();

/** Marks an object the user's code made (and may change), so that a failed write names it (see `serializeState`). */
export function markUserObject(object: object, explain: UnstorableExplanation): void {
  marked.set(object, explain);
}

/** `v8.serialize(value)`, failing with the marked object's explanation when the value cannot be stored. */
export function serializeState(name: string, value: unknown): Buffer {
  try {
    return serialize(value);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw findUnstorable(value, new Set()) ?? new InternalError(`State '${name}' cannot be stored: ${problem}`, { cause: error });
  }
}

/** The explanation of the first marked object in `value` that cannot be serialised on its own. */
function findUnstorable(value: unknown, seen: Set<object>): SluiceError | undefined {
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  const explain = marked.get(value);
  if (explain) {
    try {
      serialize(value);
      return undefined;
    } catch (error) {
      return explain(value, error instanceof Error ? error.message : String(error));
    }
  }
  const parts: Iterable<unknown> = value instanceof Map ? [...value.keys(), ...value.values()]
    : value instanceof Set || Array.isArray(value) ? value
    : Object.getPrototypeOf(value) === Object.prototype ? Object.values(value) : [];
  for (const part of parts) {
    const found = findUnstorable(part, seen);
    if (found) return found;
  }
  return undefined;
}
