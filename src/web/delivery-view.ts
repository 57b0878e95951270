// DeliveryRecord → what the run page prints (labels and messages carry no secret).
import type { DeliveryStatus } from '../domain/delivery.js';
import type { DeliveryRecord } from '../store/deliveries.js';
import type { Formatter } from './format.js';
import type { Translate } from './i18n.js';

/** The run badges' colours: no new CSS for the same four meanings. */
const BADGE: Record<DeliveryStatus, string> = {
  pending: 'running',
  retrying: 'partly',
  sent: 'succeeded',
  failed: 'failed',
};

export interface DeliveryView {
  id: number;
  destination: string;
  file: string;
  status: DeliveryStatus;
  statusText: string;
  badge: string;
  attempts: number;
  lastError: string;
  nextAttempt: string;
  waiting: boolean;
  resendUrl: string;
}

export function deliveriesView(records: DeliveryRecord[], t: Translate, fmt: Formatter): DeliveryView[] {
  return records.map((d) => ({
    id: d.id,
    destination: d.destination,
    file: d.file.name,
    status: d.status,
    statusText: t(`delivery.${d.status}`),
    badge: BADGE[d.status],
    attempts: d.attempts,
    lastError: d.lastError ?? '',
    nextAttempt: fmt.dateTime(d.nextAttemptAt),
    waiting: d.status === 'pending' || d.status === 'retrying',
    resendUrl: `/runs/${d.runId}/deliveries/${d.id}/resend`,
  }));
}

/** What views/partials/run-deliveries.njk reads. */
export function deliveriesSection(records: DeliveryRecord[], runId: number, t: Translate, fmt: Formatter) {
  const deliveries = deliveriesView(records, t, fmt);
  return { runId, deliveries, deliveriesWaiting: deliveries.some((d) => d.waiting) };
}
