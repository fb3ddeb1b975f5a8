/** Small builders for AST nodes, so binder tests do not depend on the parser. Default position is 1:1. */
import type { SourcePosition } from '../../src/common/errors.js';
import type {
  BinaryExpr, CaseExpr, CastExpr, ColumnRef, Expression, FunctionCall, Identifier, IntervalLiteral, IntervalUnit,
  IsNullExpr, Literal, TypeName, UnaryExpr,
} from '../../src/parser/ast.js';

export function at(line: number, column: number): SourcePosition {
  return { line, column };
}

const START = at(1, 1);

export function ident(name: string, position = START): Identifier {
  return { kind: 'identifier', name, quoted: false, position };
}

/** `col('price')`, `col('b.price', at(1, 8))`: the identifiers of a qualified name follow each other. */
export function col(dotted: string, position = START): ColumnRef {
  let column = position.column;
  const path = dotted.split('.').map((part) => {
    const id = ident(part, at(position.line, column));
    column += part.length + 1;
    return id;
  });
  return { kind: 'column', path, position };
}

export function num(text: string, position = START): Literal {
  return { kind: 'literal', type: 'number', text, position };
}

export function str(text: string, position = START): Literal {
  return { kind: 'literal', type: 'string', text, position };
}

export function bool(value: boolean, position = START): Literal {
  return { kind: 'literal', type: 'boolean', text: value ? 'TRUE' : 'FALSE', position };
}

export function nullLit(position = START): Literal {
  return { kind: 'literal', type: 'null', text: 'NULL', position };
}

export function interval(text: string, unit: IntervalUnit, toUnit?: IntervalUnit, sign: 1 | -1 = 1, position = START): IntervalLiteral {
  return toUnit === undefined
    ? { kind: 'interval', text, unit, sign, position }
    : { kind: 'interval', text, unit, toUnit, sign, position };
}

export function bin(left: Expression, op: BinaryExpr['op'], right: Expression, position = START): BinaryExpr {
  return { kind: 'binary', op, left, right, position };
}

export function unary(op: UnaryExpr['op'], operand: Expression, position = START): UnaryExpr {
  return { kind: 'unary', op, operand, position };
}

export function isNull(operand: Expression, negated = false, position = START): IsNullExpr {
  return { kind: 'is-null', operand, negated, position };
}

export function typeName(name: string, params: readonly number[] = [], position = START): TypeName {
  return { kind: 'type', name, params, notNull: false, position };
}

export function cast(operand: Expression, type: TypeName, position = START): CastExpr {
  return { kind: 'cast', operand, type, position };
}

export function caseOf(
  operand: Expression | null,
  whens: readonly [Expression, Expression][],
  otherwise: Expression | null = null,
  position = START,
): CaseExpr {
  return { kind: 'case', operand, whens: whens.map(([when, then]) => ({ when, then })), else: otherwise, position };
}

export function fn(name: string, args: readonly Expression[], position = START): FunctionCall {
  return { kind: 'call', name: ident(name, position), args, distinct: false, star: false, position };
}
