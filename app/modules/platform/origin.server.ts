/**
 * Where the app is served from. APP_ORIGIN (e.g. https://goldenthread.example.org) is required in
 * production; it decides the CSRF origin check, Secure cookies and HSTS. Without it (a developer's
 * machine) the origin is the request's own.
 */
export interface OriginConfig {
  origin: string | null;
  secureCookies: boolean;
}

let cached: OriginConfig | undefined;

export function originConfig(): OriginConfig {
  if (cached) return cached;
  const origin = process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN).origin : null;
  cached = { origin, secureCookies: origin?.startsWith("https://") ?? false };
  return cached;
}

export function isLoopbackOrigin(origin: string) {
  const { hostname } = new URL(origin);
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

export function expectedOrigin(request: Request): string {
  return originConfig().origin ?? new URL(request.url).origin;
}
