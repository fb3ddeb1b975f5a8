/**
 * Reading an Arrow validity bitmap directly: arrow-js' `Data.getValid(i)` checks the type (unions) and the
 * nullability on every call, which showed in profiles of nested and decimal columns.
 */
import type * as arrow from 'apache-arrow';

/** Whether row `i` of `data` (0-based within the slice) is not NULL. */
export type ValidityTest = (i: number) => boolean;

const ALWAYS_VALID: ValidityTest = () => true;

export function validityOf(data: arrow.Data): ValidityTest {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || bitmap === undefined || bitmap.length === 0) return ALWAYS_VALID;
  const offset = data.offset;
  return (i) => (bitmap[(offset + i) >> 3]! & (1 << ((offset + i) & 7))) !== 0;
}
