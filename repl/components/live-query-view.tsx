/**
 * The running query, redrawn in place: one page of the result (table or changelog mode) and the status line.
 * Only the visible window is built, so a result of any length costs one page per refresh. Keys as in Flink's
 * client: q/Esc (and Ctrl-C) stop, arrows and PgUp/PgDn/Home/End scroll, +/- change the refresh interval.
 */
import { Box, Text, useInput, useStdout } from 'ink';
import { useState } from 'react';
import { buildGrid } from '../format/result-grid.js';
import type { LiveQuery } from '../live/live-query.js';
import { keyHints, statusLine } from '../live/status-line.js';
import { FOLLOWING, scroll, visibleRange, type ScrollAction, type Viewport } from '../live/viewport.js';
import { LIVE_VIEW_CHROME_LINES } from '../session/query-run.js';

export interface LiveQueryViewProps {
  readonly query: LiveQuery;
  /** Changes on every refresh, so React redraws (the query object itself is mutable). */
  readonly version: number;
  readonly refreshMs: number;
  onStop(): void;
  onRefreshChange(slower: boolean): void;
}

const KEY_ACTIONS: Record<string, ScrollAction> = { k: 'up', j: 'down', g: 'home', G: 'end', ' ': 'page-down', b: 'page-up', h: 'left', l: 'right' };

export function LiveQueryView({ query, refreshMs, onStop, onRefreshChange }: LiveQueryViewProps) {
  const { stdout } = useStdout();
  const screenRows = stdout.rows > 0 ? stdout.rows : 24;
  const screenColumns = stdout.columns > 0 ? stdout.columns : 80;
  const [viewport, setViewport] = useState<Viewport>(FOLLOWING);
  const [, setModeVersion] = useState(0);
  const pageSize = Math.max(3, screenRows - LIVE_VIEW_CHROME_LINES);
  const total = query.displayRowCount();
  const pinned = query.mode === 'changelog' ? 1 : 0;
  const scrollColumns = query.columns.length;

  useInput((input, key) => {
    if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return onStop();
    if (input === '+' || input === '-') return onRefreshChange(input === '+');
    if (input === 'm' && !query.tableau) {
      query.toggleMode();
      setViewport(FOLLOWING);
      setModeVersion((version) => version + 1);
      return;
    }
    const action = scrollAction(input, key);
    if (action) setViewport((current) => scroll(current, action, total, pageSize, scrollColumns));
  });

  if (query.tableau) {
    return (
      <Box flexDirection="column">
        <Text color="cyan" wrap="truncate-end">{statusLine(query, null)}</Text>
        <Text color="gray" wrap="truncate-end">{keyHints(query, refreshMs)}</Text>
      </Box>
    );
  }
  const { start, end } = visibleRange(viewport, total, pageSize);
  const grid = buildGrid(query.displayColumns(), query.displayRows(start, end), {
    firstColumn: viewport.column + pinned,
    pinnedColumns: pinned,
    maxWidth: screenColumns,
  });
  const shown = grid.shownColumns.filter((index) => index >= pinned);
  const position = {
    firstRow: start + 1,
    lastRow: end,
    totalRows: total,
    firstColumn: (shown[0] ?? pinned) - pinned + 1,
    lastColumn: (shown[shown.length - 1] ?? pinned) - pinned + 1,
    totalColumns: scrollColumns,
  };
  const lines = [...grid.header, ...grid.rows, ...(grid.rows.length > 0 ? [grid.border] : [])];
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">{lines.join('\n')}</Text>
      {/* One line each, cut to the terminal width, so the live area keeps its height. */}
      <Text color="cyan" wrap="truncate-end">{statusLine(query, position)}</Text>
      <Text color="gray" wrap="truncate-end">{keyHints(query, refreshMs)}</Text>
    </Box>
  );
}

interface ScrollKeys {
  readonly upArrow: boolean;
  readonly downArrow: boolean;
  readonly leftArrow: boolean;
  readonly rightArrow: boolean;
  readonly pageUp: boolean;
  readonly pageDown: boolean;
  readonly home: boolean;
  readonly end: boolean;
}

function scrollAction(input: string, key: ScrollKeys): ScrollAction | null {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'page-up';
  if (key.pageDown) return 'page-down';
  if (key.home) return 'home';
  if (key.end) return 'end';
  return KEY_ACTIONS[input] ?? null;
}
