/** The prompt: the statement being typed (highlighted, with continuation prompts), a search line, completions. */
import { Box, Text } from 'ink';
import { highlightLines } from '../editor/highlight.js';
import { bufferText, type InputBuffer } from '../state/input-buffer.js';
import { HighlightedLine } from './highlighted-line.js';

export const PROMPT = 'sluice> ';
export const CONTINUATION = '     -> ';

export interface PromptViewProps {
  readonly buffer: InputBuffer;
  readonly active: boolean;
  /** Ctrl-R in progress: what is searched and the entry found (null: nothing matches). */
  readonly search: { readonly query: string; readonly found: string | null } | null;
  /** Candidates listed after a Tab that matched several words. */
  readonly completions: readonly string[];
}

const MAX_COMPLETIONS_SHOWN = 40;

export function PromptView({ buffer, active, search, completions }: PromptViewProps) {
  if (search) {
    return (
      <Text>
        <Text color="magenta">{`(reverse-i-search${search.found === null && search.query !== '' ? ' failed' : ''})'${search.query}': `}</Text>
        {search.found ?? ''}
      </Text>
    );
  }
  const lines = highlightLines(bufferText(buffer));
  const last = lines.length - 1;
  const shownCompletions = completions.slice(0, MAX_COMPLETIONS_SHOWN);
  return (
    <Box flexDirection="column">
      {lines.map((segments, index) => (
        <Text key={index}>
          <Text color="green">{index === 0 ? PROMPT : CONTINUATION}</Text>
          <HighlightedLine segments={segments} cursor={index === last && active ? buffer.cursor : null} />
        </Text>
      ))}
      {shownCompletions.length > 0 ? (
        <Text color="gray">
          {shownCompletions.join('  ') + (completions.length > shownCompletions.length ? `  … (${completions.length} in all)` : '')}
        </Text>
      ) : null}
    </Box>
  );
}
