/**
 * The benchmark chart: events/s per query, Sluice beside Flink, with the Sluice/Flink ratio above each pair. Drawn
 * as SVG here and rendered to PNG by resvg (system fonts; DejaVu Sans on Debian).
 */
import { writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

export interface ChartBar {
  readonly query: string;
  readonly sluice: number;
  readonly flink: number | undefined;
}

const WIDTH = 860;
const HEIGHT = 420;
const MARGIN = { top: 56, right: 24, bottom: 56, left: 84 };
const COLORS = { sluice: '#2f7ed8', flink: '#e4572e', axis: '#444', grid: '#ddd' };

function niceMax(value: number): number {
  const exponent = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * exponent >= value) return step * exponent;
  return 10 * exponent;
}

function thousands(value: number): string {
  return value >= 1000 ? `${Math.round(value / 1000)} K` : String(Math.round(value));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

export function chartSvg(title: string, bars: readonly ChartBar[]): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = niceMax(Math.max(...bars.flatMap((b) => [b.sluice, b.flink ?? 0])));
  const y = (value: number): number => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const group = plotWidth / bars.length;
  const barWidth = Math.min(48, group / 3);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="26" font-size="17" text-anchor="middle" fill="${COLORS.axis}">${escape(title)}</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const value = (max / 5) * i;
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(value)}" y2="${y(value)}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${y(value) + 4}" font-size="12" text-anchor="end" fill="${COLORS.axis}">${thousands(value)}</text>`);
  }
  parts.push(`<text x="18" y="${MARGIN.top + plotHeight / 2}" font-size="13" fill="${COLORS.axis}" transform="rotate(-90 18 ${MARGIN.top + plotHeight / 2})" text-anchor="middle">events / s</text>`);
  bars.forEach((bar, i) => {
    const center = MARGIN.left + group * i + group / 2;
    const draw = (value: number, x: number, color: string): void => {
      parts.push(`<rect x="${x}" y="${y(value)}" width="${barWidth}" height="${MARGIN.top + plotHeight - y(value)}" fill="${color}"/>`);
    };
    draw(bar.sluice, center - barWidth - 2, COLORS.sluice);
    if (bar.flink !== undefined) draw(bar.flink, center + 2, COLORS.flink);
    parts.push(`<text x="${center}" y="${HEIGHT - MARGIN.bottom + 20}" font-size="14" text-anchor="middle" fill="${COLORS.axis}">${escape(bar.query)}</text>`);
    if (bar.flink !== undefined && bar.flink > 0) {
      const top = Math.min(y(bar.sluice), y(bar.flink)) - 8;
      parts.push(`<text x="${center}" y="${top}" font-size="12" text-anchor="middle" fill="${COLORS.axis}">${(bar.sluice / bar.flink).toFixed(2)}×</text>`);
    }
  });
  const legendY = HEIGHT - 16;
  parts.push(`<rect x="${MARGIN.left}" y="${legendY - 10}" width="12" height="12" fill="${COLORS.sluice}"/>`);
  parts.push(`<text x="${MARGIN.left + 18}" y="${legendY}" font-size="12" fill="${COLORS.axis}">Sluice</text>`);
  parts.push(`<rect x="${MARGIN.left + 80}" y="${legendY - 10}" width="12" height="12" fill="${COLORS.flink}"/>`);
  parts.push(`<text x="${MARGIN.left + 98}" y="${legendY}" font-size="12" fill="${COLORS.axis}">Apache Flink (parallelism 2)</text>`);
  parts.push(`<text x="${WIDTH - MARGIN.right}" y="${legendY}" font-size="12" text-anchor="end" fill="${COLORS.axis}">ratio = Sluice / Flink</text>`);
  parts.push('</svg>');
  return parts.join('\n');
}

export function writeChartPng(path: string, title: string, bars: readonly ChartBar[]): void {
  const png = new Resvg(chartSvg(title, bars), { font: { loadSystemFonts: true } }).render().asPng();
  writeFileSync(path, png);
}
