/**
 * A minimal browser-like HTTP client for security tests: keeps cookies, sends the Origin a browser
 * would, never follows redirects (so a test sees exactly what the server answered).
 */
import { codeFor } from "./two-factor";

export const DEMO_PASSWORD = "golden-thread-demo";

export class Client {
  cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    readonly origin: string | null = baseUrl,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...value] = pair.split("=");
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()));
      if (expired || value.join("=") === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
  }

  async request(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    if (this.origin && method !== "GET" && method !== "HEAD" && !headers.has("Origin")) headers.set("Origin", this.origin);
    const response = await fetch(new URL(path, this.baseUrl), { method, body: init.body, headers, redirect: "manual" });
    this.keepCookies(response);
    return response;
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request("GET", path, { headers });
  }

  post(path: string, fields: Record<string, string | string[]> | URLSearchParams | FormData, headers?: Record<string, string>) {
    let body: BodyInit;
    if (fields instanceof URLSearchParams || fields instanceof FormData) body = fields;
    else {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
      body = params;
    }
    return this.request("POST", path, { body, headers });
  }

  /**
   * Signs in as a person would: the password, then (for an account with two-factor sign-in) the
   * code its app shows now: the demo's published secret unless a test enrolled its own.
   */
  async signIn(email: string, password = DEMO_PASSWORD, options: { secret?: string; headers?: Record<string, string> } = {}) {
    const response = await this.post("/login", { email, password }, options.headers);
    if (response.status !== 302) throw new Error(`Sign-in as ${email} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const location = response.headers.get("Location");
    if (location !== "/login/code") return location;
    const coded = await this.post("/login/code", { code: codeFor(options.secret) }, options.headers);
    if (coded.status !== 302) throw new Error(`The code step for ${email} answered ${coded.status}: ${(await coded.text()).slice(0, 300)}`);
    return coded.headers.get("Location");
  }
}

export async function signedIn(baseUrl: string, email: string) {
  const client = new Client(baseUrl);
  await client.signIn(email);
  return client;
}
