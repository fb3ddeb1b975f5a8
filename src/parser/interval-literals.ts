/**
 * Builds interval literal nodes from the tokens of `INTERVAL [+|-] '<text>' <unit>[(p[, f])] [TO <unit>[(f)]]`:
 * `year-month-interval` for YEAR / MONTH / YEAR TO MONTH, `interval` (day-time) for DAY … SECOND. The text and the
 * precisions are checked by the binder (src/planner/binder/interval-literals.ts); here only the shape.
 */
import type { IToken } from 'chevrotain';
import { SqlSyntaxError, type SourcePosition } from '../common/errors.js';
import type { Expression, IntervalLiteral, IntervalUnit, YearMonthIntervalLiteral, YearMonthUnit } from './ast.js';
import { stringContent, tokenStart } from './lexer.js';

type AnyIntervalUnit = IntervalUnit | YearMonthUnit;

const INTERVAL_UNITS: Readonly<Record<string, AnyIntervalUnit>> = {
  YEAR: 'YEAR', YEARS: 'YEAR', MONTH: 'MONTH', MONTHS: 'MONTH', DAY: 'DAY', DAYS: 'DAY',
  HOUR: 'HOUR', HOURS: 'HOUR', MINUTE: 'MINUTE', MINUTES: 'MINUTE', SECOND: 'SECOND', SECONDS: 'SECOND',
};

/** The `(p)` / `(p, f)` written after an interval unit. */
export interface IntervalPrecision {
  readonly leading: number;
  readonly fraction?: number;
  readonly position: SourcePosition;
}

/** The tokens of one interval literal, as the grammar rule collected them. */
export interface IntervalLiteralTokens {
  readonly start: IToken;
  readonly sign: IToken | undefined;
  readonly text: IToken;
  readonly unit: IToken;
  readonly precision: IntervalPrecision | undefined;
  readonly toUnit: IToken | undefined;
  readonly toPrecision: IntervalPrecision | undefined;
}

function intervalUnit(token: IToken): AnyIntervalUnit {
  const unit = INTERVAL_UNITS[token.image.toUpperCase()];
  if (unit === undefined) {
    throw new SqlSyntaxError(`Unexpected '${token.image}'; expected YEAR, MONTH, DAY, HOUR, MINUTE or SECOND`, {
      position: tokenStart(token),
    });
  }
  return unit;
}

/** A precision's number: digits only (`YEAR(2.5)` is not one). */
export function precisionDigits(token: IToken): number {
  if (!/^\d+$/.test(token.image)) {
    throw new SqlSyntaxError(`Unexpected '${token.image}'; expected an interval precision (digits)`, { position: tokenStart(token) });
  }
  return Number(token.image);
}

function misplacedFraction(precision: IntervalPrecision): SqlSyntaxError {
  return new SqlSyntaxError('Unexpected interval precision; only SECOND takes fraction digits: SECOND(p, f), or TO SECOND(f)', {
    position: precision.position,
  });
}

export function buildIntervalLiteral(tokens: IntervalLiteralTokens): Expression {
  const { toUnit: toToken, precision, toPrecision } = tokens;
  const unit = intervalUnit(tokens.unit);
  const toUnit = toToken === undefined ? undefined : intervalUnit(toToken);
  const base = {
    text: stringContent(tokens.text.image),
    sign: tokens.sign !== undefined && tokens.sign.image === '-' ? (-1 as const) : (1 as const),
    position: tokenStart(tokens.start),
    ...(precision === undefined ? {} : { precision: precision.leading }),
  };
  if (precision?.fraction !== undefined && (unit !== 'SECOND' || toUnit !== undefined)) throw misplacedFraction(precision);
  if (toPrecision !== undefined && (toUnit !== 'SECOND' || toPrecision.fraction !== undefined)) throw misplacedFraction(toPrecision);
  if (unit === 'YEAR' || unit === 'MONTH') {
    if (toToken !== undefined && (unit !== 'YEAR' || toUnit !== 'MONTH')) {
      throw new SqlSyntaxError(`Unexpected '${toToken.image}'; expected MONTH after ${unit} TO`, { position: tokenStart(toToken) });
    }
    const yearMonth: YearMonthIntervalLiteral = { kind: 'year-month-interval', ...base, unit };
    return toToken === undefined ? yearMonth : { ...yearMonth, toUnit: 'MONTH' };
  }
  if (toToken !== undefined && (toUnit === 'YEAR' || toUnit === 'MONTH')) {
    throw new SqlSyntaxError(`Unexpected '${toToken.image}'; expected HOUR, MINUTE or SECOND after ${unit} TO`, {
      position: tokenStart(toToken),
    });
  }
  const fraction = toPrecision?.leading ?? precision?.fraction;
  const dayTime: IntervalLiteral = {
    kind: 'interval', ...base, unit, ...(fraction === undefined ? {} : { fractionalPrecision: fraction }),
  };
  return toUnit === undefined ? dayTime : { ...dayTime, toUnit: toUnit as IntervalUnit };
}
