// Sign-in throttling over real HTTP: per client (by source address, or by the address
// the trusted proxy appended), with a global cap, reset by a successful sign-in.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, PASSWORD, startTestApp, type TestApp } from './web-security-helpers.js';

let app: TestApp | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function fail(client: Client, times: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await client.signIn('admin', 'wrong password!')).status);
  return statuses;
}

describe('sign-in throttling', () => {
  it('answers 429 with a French message at the 11th wrong password, while another client may still sign in', async () => {
    app = await startTestApp();
    const attacker = new Client(app.url);
    expect(await fail(attacker, 10)).toEqual(Array(10).fill(401));

    const refused = await attacker.signIn('admin', 'wrong password!');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Trop de tentatives de connexion échouées. Réessayez dans 15 min');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Even the right password is not tried any more.
    expect((await attacker.signIn('admin', PASSWORD)).status).toBe(429);
    // X-Forwarded-For is not trusted when the app is not behind a proxy.
    const spoofing = new Client(app.url, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect((await spoofing.signIn('admin', PASSWORD)).status).toBe(429);

    // Another machine (another loopback source address) is not affected.
    const colleague = new Client(app.url, { localAddress: '127.0.0.2' });
    const ok = await colleague.signIn('admin', PASSWORD);
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('/runs');
  });

  it('forgets a client’s failures once it signs in', async () => {
    app = await startTestApp();
    const client = new Client(app.url);
    expect(await fail(client, 9)).toEqual(Array(9).fill(401));
    expect((await client.signIn('admin', PASSWORD)).status).toBe(302);
    const again = new Client(app.url);
    expect(await fail(again, 10)).toEqual(Array(10).fill(401));
    expect((await again.signIn('admin', PASSWORD)).status).toBe(429);
  });

  it('behind the proxy, counts per address the proxy appended, not the leftmost one a client can write', async () => {
    app = await startTestApp({ secureCookies: true });
    const behind = (forwarded: string) =>
      new Client(app!.url, { headers: { 'x-forwarded-for': forwarded, 'x-forwarded-proto': 'https' } });
    for (let i = 0; i < 10; i++) {
      // A new fake leftmost address each time: still one client, 198.51.100.9.
      expect((await behind(`10.9.9.${i}, 198.51.100.9`).signIn('admin', 'wrong password!')).status).toBe(401);
    }
    expect((await behind('10.9.9.99, 198.51.100.9').signIn('admin', PASSWORD)).status).toBe(429);
    expect((await behind('198.51.100.10').signIn('admin', PASSWORD)).status).toBe(302);
  });

  it('caps failed attempts across all clients', async () => {
    app = await startTestApp({
      secureCookies: true,
      signInLimits: { global: { max: 5, windowMs: 60_000 } },
    });
    const from = (address: string) =>
      new Client(app!.url, { headers: { 'x-forwarded-for': address, 'x-forwarded-proto': 'https' } });
    for (let i = 1; i <= 5; i++) {
      expect((await from(`198.51.100.${i}`).signIn('admin', 'wrong password!')).status).toBe(401);
    }
    const refused = await from('198.51.100.200').signIn('admin', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Réessayez dans 1 min');
  });
});
