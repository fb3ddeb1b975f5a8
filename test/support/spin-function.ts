/** A scalar UDF that keeps the thread busy for `ms` per call and returns its argument: a deliberately slow operator. */
import type { Engine } from '../../src/index.js';

export function registerSpinFunction(engine: Engine, name: string, type: 'INT' | 'BIGINT', ms: number): void {
  engine.registerFunction(name, {
    parameters: [type],
    returns: type,
    eval: (value) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      return value;
    },
  });
}
