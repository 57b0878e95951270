// A cookie-keeping HTTP client for the web routes: signs in like a browser, reads the CSRF
// token from a page's forms, posts forms (repeated names allowed) without following redirects.
export type FormFields = Record<string, string> | [string, string][];

export class WebClient {
  /** The jar, by cookie name: tests read it and tamper with it (session replay, signatures). */
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async request(
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.base}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return response;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  post(path: string, form: FormFields, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  async token(path: string): Promise<string> {
    const html = await (await this.request(path)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match?.[1]) throw new Error(`no CSRF token in ${path}`);
    return match[1];
  }

  /** First start: creates the administrator (signed in afterwards); returns a CSRF token. */
  async setup(username: string, password: string): Promise<string> {
    const setup = await this.token('/setup');
    const answer = await this.post('/setup', { _csrf: setup, username, password, passwordAgain: password });
    if (answer.status !== 302) throw new Error(`setup answered ${answer.status}`);
    return this.token('/runs');
  }
}
