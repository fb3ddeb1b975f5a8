/** One line of input, syntax-highlighted, with the cursor drawn as an inverse cell when it is on this line. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Segment, TokenKind } from '../editor/highlight.js';

const STYLES: Record<TokenKind, { color?: string; bold?: boolean }> = {
  keyword: { color: 'blue', bold: true },
  string: { color: 'green' },
  number: { color: 'yellow' },
  comment: { color: 'gray' },
  identifier: { color: 'cyan' },
  plain: {},
};

export function HighlightedLine({ segments, cursor }: { readonly segments: readonly Segment[]; readonly cursor: number | null }) {
  const parts: ReactNode[] = [];
  let offset = 0;
  let cursorDrawn = cursor === null;
  segments.forEach((segment, index) => {
    const end = offset + segment.text.length;
    const style = STYLES[segment.kind];
    if (!cursorDrawn && cursor !== null && cursor >= offset && cursor < end) {
      const at = cursor - offset;
      const char = [...segment.text.slice(at)][0] ?? ' ';
      parts.push(<Text key={`${index}a`} {...style}>{segment.text.slice(0, at)}</Text>);
      parts.push(<Text key={`${index}c`} inverse>{char}</Text>);
      parts.push(<Text key={`${index}b`} {...style}>{segment.text.slice(at + char.length)}</Text>);
      cursorDrawn = true;
    } else {
      parts.push(<Text key={index} {...style}>{segment.text}</Text>);
    }
    offset = end;
  });
  if (!cursorDrawn) parts.push(<Text key="cursor" inverse> </Text>);
  return <Text>{parts}</Text>;
}
