import { describe, expect, it } from 'vitest';
import { SignInLimiter } from './rate-limit.js';

const MINUTE = 60_000;

function clock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('sign-in limiter', () => {
  it('refuses a client after 10 failures within 15 minutes, and says when to retry', () => {
    const time = clock();
    const limiter = new SignInLimiter({}, time.now);
    for (let i = 0; i < 10; i++) {
      expect(limiter.check('10.0.0.1'), `attempt ${i + 1}`).toEqual({ allowed: true });
      limiter.failure('10.0.0.1');
      time.advance(MINUTE);
    }
    // The first failure was 10 minutes ago: it leaves the window in 5 minutes.
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: false, scope: 'client', retryAfterMs: 5 * MINUTE });
    expect(limiter.check('10.0.0.2')).toEqual({ allowed: true });
    time.advance(5 * MINUTE - 1);
    expect(limiter.check('10.0.0.1').allowed).toBe(false);
    time.advance(1);
    // A sliding window: one failure has left it, so one attempt is allowed again.
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
    limiter.failure('10.0.0.1');
    expect(limiter.check('10.0.0.1').allowed).toBe(false);
  });

  it('forgets a client’s failures when it signs in', () => {
    const time = clock();
    const limiter = new SignInLimiter({}, time.now);
    for (let i = 0; i < 9; i++) limiter.failure('10.0.0.1');
    limiter.success('10.0.0.1');
    for (let i = 0; i < 9; i++) limiter.failure('10.0.0.1');
    expect(limiter.check('10.0.0.1')).toEqual({ allowed: true });
  });

  it('caps failures across all clients, whatever their number', () => {
    const time = clock();
    const limiter = new SignInLimiter({ global: { max: 100, windowMs: MINUTE } }, time.now);
    for (let i = 0; i < 100; i++) {
      expect(limiter.check(`10.0.${i}.1`)).toEqual({ allowed: true });
      limiter.failure(`10.0.${i}.1`);
    }
    expect(limiter.check('192.168.1.50')).toEqual({ allowed: false, scope: 'global', retryAfterMs: MINUTE });
    time.advance(MINUTE);
    expect(limiter.check('192.168.1.50')).toEqual({ allowed: true });
  });

  it('keeps memory bounded: expired clients go first, then the least recently failing', () => {
    const time = clock();
    const limiter = new SignInLimiter(
      { maxClients: 50, global: { max: 1_000_000, windowMs: MINUTE } },
      time.now,
    );
    for (let i = 0; i < 10_000; i++) limiter.failure(`client-${i}`);
    expect(limiter.size()).toBe(50);
    time.advance(15 * MINUTE);
    limiter.failure('late');
    expect(limiter.size()).toBe(1);
    // A blocked client that keeps failing stays remembered while others come and go.
    for (let i = 0; i < 10; i++) limiter.failure('attacker');
    for (let i = 0; i < 48; i++) limiter.failure(`other-${i}`);
    limiter.failure('attacker');
    for (let i = 0; i < 40; i++) limiter.failure(`more-${i}`);
    expect(limiter.check('attacker').allowed).toBe(false);
  });
});
