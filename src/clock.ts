// Wall-clock time in the appliance's time zone (COMPTOIR_TZ). The domain never reads the
// clock: callers pass these values in.

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localTime(date: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` in the given time zone. */
export function localDate(date: Date, timeZone: string): string {
  const t = localTime(date, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
}

/** `YYYY-MM` for archive folders. */
export function localMonth(date: Date, timeZone: string): string {
  return localDate(date, timeZone).slice(0, 7);
}
