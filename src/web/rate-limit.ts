// Sign-in throttling: failed attempts are counted per client (sliding window) and across
// all clients (a global cap, so that an attacker spreading guesses over many addresses
// is slowed down too). Pure logic with an injectable clock; the sign-in route asks
// before checking a password and reports the outcome after. Memory is bounded: each
// client keeps at most `max` timestamps, and the least recently failing clients are
// forgotten beyond `maxClients` (the global cap still holds for them).

export interface WindowLimit {
  /** Failed attempts allowed within the window; the next one is refused. */
  max: number;
  windowMs: number;
}

export interface SignInLimits {
  perClient: WindowLimit;
  global: WindowLimit;
  /** Clients remembered at most. */
  maxClients: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perClient: { max: 10, windowMs: 15 * 60_000 },
  global: { max: 100, windowMs: 60_000 },
  maxClients: 10_000,
};

export type SignInVerdict =
  { allowed: true } | { allowed: false; scope: 'client' | 'global'; retryAfterMs: number };

/** Failure times within one window, oldest first, never more than `max` of them. */
class FailureLog {
  private times: number[] = [];

  constructor(private readonly limit: WindowLimit) {}

  add(now: number): void {
    this.prune(now);
    this.times.push(now);
    if (this.times.length > this.limit.max) this.times.shift();
  }

  /** 0 while attempts remain, else how long until the oldest failure leaves the window. */
  blockedFor(now: number): number {
    this.prune(now);
    const oldest = this.times[0];
    if (this.times.length < this.limit.max || oldest === undefined) return 0;
    return oldest + this.limit.windowMs - now;
  }

  empty(now: number): boolean {
    this.prune(now);
    return this.times.length === 0;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) + this.limit.windowMs <= now) drop++;
    if (drop > 0) this.times = this.times.slice(drop);
  }
}

export class SignInLimiter {
  private readonly limits: SignInLimits;
  /** Map order is least recently failing first: eviction takes from the front. */
  private readonly clients = new Map<string, FailureLog>();
  private readonly global: FailureLog;

  constructor(
    limits: Partial<SignInLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...DEFAULT_SIGN_IN_LIMITS, ...limits };
    this.global = new FailureLog(this.limits.global);
  }

  /** Asked before the password is checked: a refused attempt is not checked at all. */
  check(client: string): SignInVerdict {
    const now = this.now();
    const own = this.clients.get(client)?.blockedFor(now) ?? 0;
    if (own > 0) return { allowed: false, scope: 'client', retryAfterMs: own };
    const global = this.global.blockedFor(now);
    if (global > 0) return { allowed: false, scope: 'global', retryAfterMs: global };
    return { allowed: true };
  }

  failure(client: string): void {
    const now = this.now();
    this.global.add(now);
    let log = this.clients.get(client);
    if (log) this.clients.delete(client);
    else log = new FailureLog(this.limits.perClient);
    log.add(now);
    this.clients.set(client, log);
    this.evict(now);
  }

  /** A successful sign-in clears the client's count (not the global one). */
  success(client: string): void {
    this.clients.delete(client);
  }

  /** Clients currently remembered (tests check the bound). */
  size(): number {
    return this.clients.size;
  }

  private evict(now: number): void {
    // Expired logs first, from the front where the oldest are; then the oldest by force.
    for (const [client, log] of this.clients) {
      if (!log.empty(now)) break;
      this.clients.delete(client);
    }
    while (this.clients.size > this.limits.maxClients) {
      const oldest = this.clients.keys().next().value as string;
      this.clients.delete(oldest);
    }
  }
}
