/**
 * What a correlate's table function produces for one input row, as plain functions of the argument values: UNNEST's
 * expansions of an ARRAY or MAP (a NULL collection produces nothing), a user-defined table function's rows, or the
 * copies of the input row that INTERSECT ALL / EXCEPT ALL emit.
 */
import type { ArrayValue, MapValue, Value } from '../../common/values.js';
import type { CorrelateFunction } from '../../dataflow/correlate.js';
import { userTableFunction } from '../expr/user-table-functions.js';

/** The rows produced from one input row's argument values, each with one value per produced column. */
export type RowProducer = (args: readonly Value[]) => Iterable<readonly Value[]>;

export function rowProducer(fn: CorrelateFunction): RowProducer {
  if (fn.kind === 'user') {
    const impl = userTableFunction(fn.id);
    return (args) => impl.call(args);
  }
  if (fn.kind === 'replicate') return ([count]) => replicas(count ?? null);
  switch (fn.expansion) {
    case 'element':
      return ([collection]) => (collection == null ? [] : (collection as ArrayValue).map((element) => [element]));
    case 'row-fields':
      // A NULL element produces no row (as in Flink), unlike a NULL element of an array of scalars.
      return ([collection]) => (collection == null ? [] : (collection as ArrayValue).filter((row) => row !== null) as ArrayValue[]);
    case 'map-entries':
      return ([collection]) => (collection == null ? [] : [...(collection as MapValue)].map(([key, value]) => [key, value]));
  }
}

/** `count` empty rows (the input row's copies; a correlate appends nothing to them); none for NULL or count <= 0. */
function* replicas(count: Value): Iterable<readonly Value[]> {
  for (let i = 0n; count !== null && i < BigInt(count as bigint | number); i++) yield [];
}
