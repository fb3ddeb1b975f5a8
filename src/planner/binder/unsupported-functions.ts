/**
 * Flink 1.20 built-in functions that Sluice does not implement yet: calling one fails planning with
 * "Function 'X' is not supported yet" at its position, rather than "No function named 'X'" (kept for names Flink
 * does not know). Only names checked against Flink 1.20's function list belong here; a name Sluice implements is
 * bound before this list is consulted, so implementing one needs no change here (removing it keeps the list honest).
 */
export const UNSUPPORTED_FLINK_FUNCTIONS: ReadonlySet<string> = new Set([
  'TYPEOF',
]);
