/**
 * Searched CASE over number vectors: every branch is evaluated over the whole batch (vector kernels never raise
 * errors: a branch that cannot be computed exactly somewhere, such as an integer division by zero on a row the
 * branch never reaches, declines the batch and the row kernels evaluate it, branch by branch, as SQL requires), and
 * each row takes the value of its first TRUE condition, else of ELSE, else NULL.
 */
import type { NumberVector } from './number-vector.js';
import type { VectorColumns, VectorKernel } from './compile.js';

export interface VectorCaseBranch {
  readonly when: VectorKernel;
  readonly then: VectorKernel;
}

export function caseKernel(branches: readonly VectorCaseBranch[], otherwise: VectorKernel | null): VectorKernel {
  return (columns: VectorColumns) => {
    const length = columns.length;
    const values = new Float64Array(length);
    const nulls = new Uint8Array(length).fill(1);
    /** 1 once a row has taken a branch. */
    const decided = new Uint8Array(length);
    for (const branch of branches) {
      const condition = branch.when(columns);
      const result = branch.then(columns);
      if (condition === undefined || result === undefined) return undefined;
      for (let i = 0; i < length; i++) {
        if (decided[i] === 1 || condition.values[i] !== 1 || (condition.nulls !== null && condition.nulls[i] === 1)) continue;
        decided[i] = 1;
        values[i] = result.values[i]!;
        nulls[i] = result.nulls === null ? 0 : result.nulls[i]!;
      }
    }
    if (otherwise !== null) {
      const result = otherwise(columns);
      if (result === undefined) return undefined;
      for (let i = 0; i < length; i++) {
        if (decided[i] === 1) continue;
        values[i] = result.values[i]!;
        nulls[i] = result.nulls === null ? 0 : result.nulls[i]!;
      }
    }
    let anyNull = false;
    for (let i = 0; i < length && !anyNull; i++) anyNull = nulls[i] === 1;
    const vector: NumberVector = { values, nulls: anyNull ? nulls : null };
    return vector;
  };
}
