// The dashboard's chart, drawn on the server as SVG (no script, no library, nothing from a
// CDN): one bar per day of the month, documents exported, with the day's failed documents
// stacked on top in the failure colour. Geometry only; the template writes the elements.
import type { DayFigures } from '../domain/dashboard.js';

export const CHART = { width: 720, height: 220, left: 36, right: 8, top: 12, bottom: 28 } as const;

export interface ChartBar {
  day: number;
  x: number;
  width: number;
  /** Documents exported. */
  y: number;
  height: number;
  /** Failed documents, stacked above. */
  failedY: number;
  failedHeight: number;
  documents: number;
  failures: number;
  /** The day's number is written under days 1, 5, 10, 15, 20, 25 and the last. */
  label: boolean;
}

export interface ChartTick {
  value: number;
  y: number;
}

export interface Chart {
  width: number;
  height: number;
  baseline: number;
  left: number;
  right: number;
  bars: ChartBar[];
  ticks: ChartTick[];
}

/** A round top for the axis: 1, 2, 5 × 10^n at or above the largest day. */
function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

const round = (n: number): number => Math.round(n * 10) / 10;

export function chartOf(days: readonly DayFigures[]): Chart {
  const { width, height, left, right, top, bottom } = CHART;
  const plotHeight = height - top - bottom;
  const baseline = height - bottom;
  const max = niceMax(Math.max(0, ...days.map((d) => d.documents + d.failures)));
  const slot = (width - left - right) / Math.max(days.length, 1);
  const scale = (n: number): number => (n / max) * plotHeight;
  const bars = days.map((d, i): ChartBar => {
    const height = round(scale(d.documents));
    const failedHeight = round(scale(d.failures));
    return {
      day: i + 1,
      x: round(left + i * slot + slot * 0.15),
      width: round(slot * 0.7),
      y: round(baseline - height),
      height,
      failedY: round(baseline - height - failedHeight),
      failedHeight,
      documents: d.documents,
      failures: d.failures,
      label: [1, 5, 10, 15, 20, 25, days.length].includes(i + 1),
    };
  });
  const ticks = [0, ...(max % 2 === 0 ? [max / 2] : []), max].map((value) => ({
    value,
    y: round(baseline - scale(value)),
  }));
  return { width, height, baseline, left, right: width - right, bars, ticks };
}
