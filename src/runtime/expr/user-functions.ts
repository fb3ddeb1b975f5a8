/**
 * User-defined scalar functions at run time: the session registers each one under a unique id (the plan refers to
 * it by that id, as plain data) with a `call` that converts values to and from what the user's code sees.
 */
import { InternalError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';

export interface UserFunctionImpl {
  readonly name: string;
  /** Called per row with the argument values (NULLs included); returns the result in the runtime representation. */
  call(args: readonly Value[]): Value;
}

const registered = new Map<string, UserFunctionImpl>();

export function registerUserFunction(id: string, impl: UserFunctionImpl): void {
  registered.set(id, impl);
}

export function unregisterUserFunction(id: string): void {
  registered.delete(id);
}

export function userFunction(id: string): UserFunctionImpl {
  const impl = registered.get(id);
  if (!impl) throw new InternalError(`User-defined function ${id} is not registered (was its engine closed?)`);
  return impl;
}
