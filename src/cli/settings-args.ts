/** `--set key=value` options: collected into the engine's initial configuration. */
import { InvalidArgumentError } from 'commander';

export function collectSetting(argument: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = argument.indexOf('=');
  if (equals <= 0) throw new InvalidArgumentError(`expected key=value, got '${argument}'`);
  const key = argument.slice(0, equals).trim();
  const value = argument.slice(equals + 1).trim();
  if (key === '') throw new InvalidArgumentError(`expected key=value, got '${argument}'`);
  return { ...previous, [key]: unquote(value) };
}

/** Accepts `key='value'` as Flink's SET does, so settings can be copied from SQL. */
function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}
