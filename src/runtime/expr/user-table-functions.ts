/**
 * User-defined table functions at run time: the session registers each one under a unique id (the plan refers to
 * it by that id, as plain data) with a `call` that converts values to and from what the user's code sees.
 */
import { InternalError } from '../../common/errors.js';
import type { Value } from '../../common/values.js';

export interface UserTableFunctionImpl {
  readonly name: string;
  /**
   * Called per input row with the argument values (NULLs included); the rows it produces, each the declared
   * columns' values in order, in the runtime representation. The rows may be produced lazily: errors can come from
   * the call or from the iteration. A produced value of the wrong type is an ExecutionError naming the column;
   * anything else thrown is the user's function failing.
   */
  call(args: readonly Value[]): Iterable<readonly Value[]>;
}

const registered = new Map<string, UserTableFunctionImpl>();

export function registerUserTableFunction(id: string, impl: UserTableFunctionImpl): void {
  registered.set(id, impl);
}

export function unregisterUserTableFunction(id: string): void {
  registered.delete(id);
}

export function userTableFunction(id: string): UserTableFunctionImpl {
  const impl = registered.get(id);
  if (!impl) throw new InternalError(`User-defined table function ${id} is not registered (was its engine closed?)`);
  return impl;
}
