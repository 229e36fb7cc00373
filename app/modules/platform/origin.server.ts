/**
 * Where the app is served from. APP_ORIGIN (e.g. https://goldenthread.example.org) decides the
 * CSRF origin check, Secure cookies, HSTS and every link the app sends by email. A server that
 * listens beyond loopback refuses to start without it (scripts/start.ts); on a developer's
 * machine links use the address the server was started on (GT_SERVED_ORIGIN, set by
 * scripts/start.ts and scripts/dev.ts once they listen), never the request's Host header, which
 * anyone can send.
 */
import { config } from "./config.server";
export interface OriginConfig {
  origin: string | null;
  secureCookies: boolean;
}

let cached: OriginConfig | undefined;

export function originConfig(): OriginConfig {
  if (cached) return cached;
  const origin = config().APP_ORIGIN ?? null;
  cached = { origin, secureCookies: origin?.startsWith("https://") ?? false };
  return cached;
}

export function isLoopbackOrigin(origin: string) {
  const { hostname } = new URL(origin);
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

/**
 * The origin for links in emails and on pages: APP_ORIGIN, else the address the server listens on.
 * Outside a server (a command-line job, a test calling a module) with neither, the default address
 * of `npm start`.
 */
export function linkOrigin(): string {
  if (originConfig().origin) return originConfig().origin!;
  if (process.env.GT_SERVED_ORIGIN) return new URL(process.env.GT_SERVED_ORIGIN).origin;
  return `http://localhost:${config().PORT}`;
}
