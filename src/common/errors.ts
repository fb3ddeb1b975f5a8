/**
 * Errors, grouped by who is to blame (after DataFusion's error kinds). Every error is a typed class;
 * nothing in Sluice throws strings. Errors that point into SQL text carry a 1-based line:column.
 */

/** A place in SQL text: 1-based line and column, 0-based character offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset?: number;
}

export type ErrorKind =
  | 'syntax' // the SQL text does not parse
  | 'plan' // it parses but does not mean anything: unknown names, type errors, unsupported shapes
  | 'not-implemented' // valid Flink SQL that Sluice does not run yet
  | 'execution' // a running job failed (bad input data, I/O)
  | 'connector' // a connector's options or its external system
  | 'internal'; // a bug in Sluice: please report it

export interface SluiceErrorOptions {
  readonly position?: SourcePosition;
  /** Extra guidance appended in parentheses, e.g. "did you mean 'price'?" */
  readonly hint?: string;
  readonly cause?: unknown;
}

export abstract class SluiceError extends Error {
  abstract readonly kind: ErrorKind;
  /** The bare message, without position or hint. */
  readonly detail: string;
  readonly position: SourcePosition | undefined;
  readonly hint: string | undefined;

  constructor(detail: string, options: SluiceErrorOptions = {}) {
    super(formatMessage(detail, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.detail = detail;
    this.position = options.position;
    this.hint = options.hint;
    this.name = new.target.name;
  }
}

function formatMessage(detail: string, options: SluiceErrorOptions): string {
  let text = detail;
  if (options.position) text += ` at ${options.position.line}:${options.position.column}`;
  if (options.hint) text += ` (${options.hint})`;
  return text;
}

/** The SQL text does not parse. */
export class SqlSyntaxError extends SluiceError {
  readonly kind = 'syntax' as const;
}

/** The SQL parses but cannot be planned: unknown names, type mismatches, invalid window specs. */
export class PlanError extends SluiceError {
  readonly kind = 'plan' as const;
}

/** Valid Flink SQL that Sluice does not support yet. */
export class NotImplementedError extends SluiceError {
  readonly kind = 'not-implemented' as const;
}

/** A running job failed. */
export class ExecutionError extends SluiceError {
  readonly kind = 'execution' as const;
}

/**
 * A connector failed: bad options, unreadable input, malformed records. `location` names the place in the
 * external system, e.g. `data/bids.json:12:7` or `topic bids partition 3 offset 1200`.
 */
export class ConnectorError extends SluiceError {
  readonly kind = 'connector' as const;
  readonly location: string | undefined;
  /** What was wrong, without ` (at location)`. */
  readonly reason: string;
  constructor(detail: string, options: SluiceErrorOptions & { location?: string } = {}) {
    super(options.location ? `${detail} (at ${options.location})` : detail, options);
    this.location = options.location;
    this.reason = detail;
  }
}

/** A bug in Sluice. */
export class InternalError extends SluiceError {
  readonly kind = 'internal' as const;
}

export function isSluiceError(error: unknown): error is SluiceError {
  return error instanceof SluiceError;
}
