// Wall-clock time ↔ instants in an IANA time zone, without a time-zone library: Intl (full
// ICU in Node 20) tells the wall time of an instant; the reverse is found by trying the
// offsets the zone uses around that wall time. Pure: formatters are cached only for speed.

/** A wall-clock time to the minute (month 1–12). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (for configuration checks: COMPTOIR_TZ). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time of an instant, written as if it were UTC (ms), to the second. */
function wallMs(instantMs: number, timeZone: string): number {
  const f: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(Math.floor(instantMs / 1000) * 1000)) {
    if (p.type !== 'literal') f[p.type] = Number(p.value);
  }
  // Some ICU versions write midnight as 24 even with h23.
  const hour = f.hour === 24 ? 0 : (f.hour ?? 0);
  return Date.UTC(f.year ?? 1970, (f.month ?? 1) - 1, f.day ?? 1, hour, f.minute ?? 0, f.second ?? 0);
}

/** UTC offset in force at an instant, in ms (Europe/Paris in winter: 3 600 000). */
function offsetMs(instantMs: number, timeZone: string): number {
  return wallMs(instantMs, timeZone) - Math.floor(instantMs / 1000) * 1000;
}

export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const w = new Date(wallMs(instant.getTime(), timeZone));
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
  };
}

/**
 * The instant a wall-clock time designates. Daylight-saving rules (why: a schedule must
 * run exactly once per slot, never zero or two times):
 * - a wall time that occurs twice (02:30 on the fall-back day in Europe/Paris) is the
 *   first occurrence (02:30 CEST, still summer time);
 * - a wall time that does not exist (02:30 on the spring-forward day) is the first instant
 *   after the gap (03:00 CEST), not "02:30 + 1 h": the run happens as soon as it can.
 */
export function instantAt(wall: WallTime, timeZone: string): Date {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Zones change offset at most once or twice a year, so the offsets in force a day before
  // and after are the only ones this wall time can be written with.
  const offsets = [...new Set([-DAY_MS, 0, DAY_MS].map((d) => offsetMs(local + d, timeZone)))];
  const fits = offsets.map((o) => local - o).filter((t) => wallMs(t, timeZone) === local);
  if (fits.length > 0) return new Date(Math.min(...fits));
  // In a gap: the transition lies between these two instants; find it to the second.
  let lo = local - Math.max(...offsets);
  let hi = local - Math.min(...offsets);
  const before = offsetMs(lo, timeZone);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetMs(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}
