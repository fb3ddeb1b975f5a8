/**
 * Scrolling through a live result: which rows and columns are on screen. Follows the newest rows (like `tail -f`)
 * until the user scrolls up; End (or G) follows again. Pure.
 */

export interface Viewport {
  /** Index of the first row shown, when not following. */
  readonly top: number;
  /** Show the last page, whatever arrives. */
  readonly follow: boolean;
  /** The first (non-pinned) column shown. */
  readonly column: number;
}

export const FOLLOWING: Viewport = { top: 0, follow: true, column: 0 };

export type ScrollAction = 'up' | 'down' | 'page-up' | 'page-down' | 'home' | 'end' | 'left' | 'right';

/** The rows [start, end) shown for `total` rows and a page of `pageSize`. */
export function visibleRange(viewport: Viewport, total: number, pageSize: number): { start: number; end: number } {
  const lastTop = Math.max(0, total - pageSize);
  const start = viewport.follow ? lastTop : Math.min(viewport.top, lastTop);
  return { start, end: Math.min(total, start + pageSize) };
}

export function scroll(viewport: Viewport, action: ScrollAction, total: number, pageSize: number, columns: number): Viewport {
  const { start } = visibleRange(viewport, total, pageSize);
  const lastTop = Math.max(0, total - pageSize);
  const moveTo = (top: number): Viewport => ({ top: Math.max(0, Math.min(top, lastTop)), follow: false, column: viewport.column });
  switch (action) {
    case 'up':
      return moveTo(start - 1);
    case 'down':
      return start + 1 >= lastTop ? { ...viewport, top: lastTop, follow: true } : moveTo(start + 1);
    case 'page-up':
      return moveTo(start - pageSize);
    case 'page-down':
      return start + pageSize >= lastTop ? { ...viewport, top: lastTop, follow: true } : moveTo(start + pageSize);
    case 'home':
      return { top: 0, follow: false, column: viewport.column };
    case 'end':
      return { top: lastTop, follow: true, column: viewport.column };
    case 'left':
      return { ...viewport, column: Math.max(0, viewport.column - 1) };
    case 'right':
      return { ...viewport, column: Math.min(Math.max(0, columns - 1), viewport.column + 1) };
  }
}
