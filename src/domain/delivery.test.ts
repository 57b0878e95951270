import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isDue,
  newDelivery,
  nextWakeUp,
  recordFailure,
  recordSuccess,
  resend,
  type RetryPolicy,
} from './delivery.js';

const T0 = new Date('2025-03-01T10:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1_000, factor: 2, maxDelayMs: 3_000 };
const down = { message: 'nothing answers', retryable: true };

describe('delivery state machine', () => {
  it('starts pending and due at once', () => {
    const d = newDelivery(T0);
    expect(d).toEqual({ status: 'pending', attempts: 0, nextAttemptAt: T0.toISOString() });
    expect(isDue(d, T0)).toBe(true);
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, policy))).toEqual([1_000, 2_000, 3_000, 3_000, 3_000]);
    expect(backoffDelay(1)).toBe(60_000);
    expect(backoffDelay(50)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
  });

  it('retries a retryable failure later, then gives up after maxAttempts', () => {
    let d = recordFailure(newDelivery(T0), down, T0, policy);
    expect(d).toMatchObject({ status: 'retrying', attempts: 1, lastError: 'nothing answers' });
    expect(d.nextAttemptAt).toBe(at(1_000).toISOString());
    expect(isDue(d, at(999))).toBe(false);
    expect(isDue(d, at(1_000))).toBe(true);

    d = recordFailure(d, down, at(1_000), policy);
    expect(d.nextAttemptAt).toBe(at(3_000).toISOString());
    d = recordFailure(d, down, at(3_000), policy);
    expect(d.nextAttemptAt).toBe(at(6_000).toISOString());
    d = recordFailure(d, down, at(6_000), policy);
    expect(d).toMatchObject({ status: 'failed', attempts: 4 });
    expect(d.nextAttemptAt).toBeUndefined();
    expect(isDue(d, at(1e9))).toBe(false);
  });

  it('fails at once when the error is not retryable', () => {
    const d = recordFailure(newDelivery(T0), { message: 'wrong password', retryable: false }, T0, policy);
    expect(d).toMatchObject({ status: 'failed', attempts: 1, lastError: 'wrong password' });
  });

  it('records a success after retries, keeping the last error for history', () => {
    const failed = recordFailure(newDelivery(T0), down, T0, policy);
    const sent = recordSuccess(failed, at(1_000));
    expect(sent).toEqual({
      status: 'sent',
      attempts: 2,
      lastError: 'nothing answers',
      lastAttemptAt: at(1_000).toISOString(),
      sentAt: at(1_000).toISOString(),
    });
    expect(isDue(sent, at(1e9))).toBe(false);
  });

  it('refuses to record an attempt on a finished delivery', () => {
    const sent = recordSuccess(newDelivery(T0), T0);
    expect(() => recordSuccess(sent, T0)).toThrow(/sent/);
    expect(() => recordFailure(sent, down, T0)).toThrow(/sent/);
  });

  it('re-sends a failed or sent delivery as a new cycle, due now', () => {
    const failed = recordFailure(newDelivery(T0), { message: 'no', retryable: false }, T0, policy);
    const again = resend(failed, at(5_000));
    expect(again).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'no',
      nextAttemptAt: at(5_000).toISOString(),
    });
    expect(resend(recordSuccess(newDelivery(T0), T0), T0).sentAt).toBeUndefined();
  });

  it('tells the queue when to wake up next', () => {
    const waiting = recordFailure(newDelivery(T0), down, T0, policy);
    const sent = recordSuccess(newDelivery(T0), T0);
    expect(nextWakeUp([sent, waiting])).toEqual(at(1_000));
    expect(nextWakeUp([sent])).toBeUndefined();
  });
});
