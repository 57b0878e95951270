// What a shop run asks its connector for: the run's own dates (`comptoir run --from/--to`,
// a scheduled task) win; without any, the profile's default period on the appliance's
// "today". States, shops and the date field come from the profile's import settings.
import type { DocumentQuery } from '../adapters/shops/connector.js';
import type { IsoDate } from '../domain/document.js';
import { addDays, periodRange } from '../domain/period.js';
import type { ImportSettings } from '../domain/profile.js';

export interface ShopQueryRequest {
  task: 'orders' | 'creditnotes';
  from?: IsoDate;
  to?: IsoDate;
}

/** `today` is the appliance's local date (COMPTOIR_TZ); the domain never reads the clock. */
export function shopQuery(
  settings: ImportSettings,
  request: ShopQueryRequest,
  today: IsoDate,
): DocumentQuery {
  let range;
  if (request.from === undefined && request.to === undefined) {
    range = periodRange(settings.period, today);
  } else {
    // One bound given: the other as before this setting existed (to today, from 7 days back).
    const to = request.to ?? today;
    range = { from: request.from ?? addDays(to, -6), to };
  }
  const query: DocumentQuery = { kind: request.task, ...range };
  // Empty lists mean "no filter": the worker then asks the shop for its paid states.
  if (settings.states.length > 0) query.states = [...settings.states];
  if (settings.shops.length > 0) query.shops = [...settings.shops];
  // The date field is for sales; credit notes are always selected on their own date.
  if (request.task === 'orders') query.dateField = settings.dateField;
  return query;
}
