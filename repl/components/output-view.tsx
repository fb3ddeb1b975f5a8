import { Text } from 'ink';
import type { OutputItem, OutputTone } from '../state/output.js';

const COLORS: Record<OutputTone, string | undefined> = {
  echo: 'cyan',
  data: undefined,
  info: 'gray',
  warn: 'yellow',
  error: 'red',
};

/** One finished block of output (printed once, above the live area). */
export function OutputView({ item }: { readonly item: OutputItem }) {
  const color = COLORS[item.tone];
  return color === undefined ? <Text>{item.lines.join('\n')}</Text> : <Text color={color}>{item.lines.join('\n')}</Text>;
}
