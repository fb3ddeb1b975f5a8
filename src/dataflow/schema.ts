/** Row schemas handed from the planner to the runtime. */
import type { DataType } from '../common/types.js';

export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

export interface Schema {
  readonly fields: readonly Field[];
}

export function schema(fields: readonly Field[]): Schema {
  return { fields };
}

export function field(name: string, type: DataType, nullable = true): Field {
  return { name, type, nullable };
}

export function fieldIndex(schema: Schema, name: string): number {
  return schema.fields.findIndex((f) => f.name === name);
}
