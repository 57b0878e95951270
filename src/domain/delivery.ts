// The delivery queue's rules (FEATURES.md §6), pure: each file × destination is one
// delivery; the caller passes the clock in and stores what these functions return.

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'retrying';

export interface Delivery {
  status: DeliveryStatus;
  /** Attempts made in the current cycle (a manual re-send starts a new cycle). */
  attempts: number;
  /** ISO time; set while the delivery waits for its turn (pending, retrying). */
  nextAttemptAt?: string;
  /** The last failure's message (no secret: adapters guarantee it), kept after a success for history. */
  lastError?: string;
  lastAttemptAt?: string;
  sentAt?: string;
}

export interface RetryPolicy {
  /** Attempts before giving up (the first one included). */
  maxAttempts: number;
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/** 1, 2, 4, 8… minutes up to 2 hours: about 8 hours of trying, enough for a server down overnight. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 60_000,
  factor: 2,
  maxDelayMs: 2 * 60 * 60_000,
};

export interface AttemptFailure {
  message: string;
  /** DeliveryError.retryable: false means trying again cannot help (wrong password, pinned key changed…). */
  retryable: boolean;
}

/**
 * Wait after the n-th failed attempt (n ≥ 1). No random jitter: an appliance has a handful
 * of destinations, so there is no crowd of clients to spread out, and tests stay exact.
 */
export function backoffDelay(failedAttempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** exponent);
}

export function newDelivery(now: Date): Delivery {
  return { status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() };
}

/** Whether the queue should attempt it now. */
export function isDue(delivery: Delivery, now: Date): boolean {
  if (delivery.status !== 'pending' && delivery.status !== 'retrying') return false;
  return delivery.nextAttemptAt === undefined || Date.parse(delivery.nextAttemptAt) <= now.getTime();
}

function assertWaiting(delivery: Delivery, what: string): void {
  if (delivery.status !== 'pending' && delivery.status !== 'retrying') {
    throw new Error(`cannot record ${what} on a delivery that is ${delivery.status}`);
  }
}

/** A copy without one optional field (JSON storage would keep an explicit undefined as noise). */
function omit<K extends keyof Delivery>(delivery: Delivery, key: K): Delivery {
  const copy = { ...delivery };
  delete copy[key];
  return copy;
}

export function recordSuccess(delivery: Delivery, now: Date): Delivery {
  assertWaiting(delivery, 'a success');
  return {
    ...omit(delivery, 'nextAttemptAt'),
    status: 'sent',
    attempts: delivery.attempts + 1,
    lastAttemptAt: now.toISOString(),
    sentAt: now.toISOString(),
  };
}

export function recordFailure(
  delivery: Delivery,
  failure: AttemptFailure,
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Delivery {
  assertWaiting(delivery, 'a failure');
  const attempts = delivery.attempts + 1;
  const base = { ...delivery, attempts, lastError: failure.message, lastAttemptAt: now.toISOString() };
  if (failure.retryable && attempts < policy.maxAttempts) {
    const next = new Date(now.getTime() + backoffDelay(attempts, policy));
    return { ...base, status: 'retrying', nextAttemptAt: next.toISOString() };
  }
  return { ...omit(base, 'nextAttemptAt'), status: 'failed' };
}

/**
 * "Re-send" from the run page: a failed delivery (the file stayed in the outbox), a
 * retrying one that should not wait, or a sent one wanted again. Starts a new cycle.
 */
export function resend(delivery: Delivery, now: Date): Delivery {
  return { ...omit(delivery, 'sentAt'), status: 'pending', attempts: 0, nextAttemptAt: now.toISOString() };
}

/** The earliest time any of these deliveries is due, for the queue's timer; undefined when none waits. */
export function nextWakeUp(deliveries: Iterable<Delivery>): Date | undefined {
  let earliest: number | undefined;
  for (const delivery of deliveries) {
    if (delivery.status !== 'pending' && delivery.status !== 'retrying') continue;
    const at = delivery.nextAttemptAt === undefined ? 0 : Date.parse(delivery.nextAttemptAt);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest === undefined ? undefined : new Date(earliest);
}
