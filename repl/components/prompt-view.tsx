import { Box, Text } from 'ink';
import type { InputBuffer } from '../state/input-buffer.js';

export const PROMPT = 'sluice> ';
export const CONTINUATION = '     -> ';

/** The input being typed: the first line after `sluice> `, continuation lines after `-> `, and a cursor. */
export function PromptView({ buffer, active }: { readonly buffer: InputBuffer; readonly active: boolean }) {
  return (
    <Box flexDirection="column">
      {buffer.lines.map((line, index) => (
        <Text key={index}>
          <Text color="green">{index === 0 ? PROMPT : CONTINUATION}</Text>
          {line}
        </Text>
      ))}
      <Text>
        <Text color="green">{buffer.lines.length === 0 ? PROMPT : CONTINUATION}</Text>
        {buffer.current}
        {active ? <Text inverse> </Text> : null}
      </Text>
    </Box>
  );
}
