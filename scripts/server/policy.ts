/**
 * The request rules the server applies before Remix sees a request. Written down in
 * docs/decisions/0006-csrf-origin-rule.md; tests in tests/security.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const BODY_LIMIT_BYTES = 1 * 1024 * 1024;
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** CSV uploads may be large; every other form is small. */
export function bodyLimitFor(pathname: string): number {
  return /\/(import|upload)s?(\/|$)/.test(pathname) ? UPLOAD_LIMIT_BYTES : BODY_LIMIT_BYTES;
}

/**
 * CSRF: a state-changing request must come from this origin. The `Origin` header must equal the
 * app's origin. Browsers send Origin on every cross-origin request and on same-origin POSTs; where
 * one omits it, `Sec-Fetch-Site: same-origin` is accepted instead. With neither, the request is
 * refused: no browser we support sends a form post without them, and scripts must send Origin.
 * Returns the reason for refusing, or null to let the request through.
 */
export function sameOriginRefusal(request: { method: string; origin?: string; secFetchSite?: string; host?: string; protocol: string }, appOrigin: string | null): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const expected = appOrigin ?? (request.host ? `${request.protocol}://${request.host}` : null);
  if (request.origin && request.origin !== "null") {
    return request.origin === expected ? null : "This form was sent from another website, so it was not accepted.";
  }
  if (request.secFetchSite === "same-origin") return null;
  return "This request did not say which website it came from, so it was not accepted. Go back, reload the page and try again.";
}

export function securityHeaders({ nonce, secure, mode }: { nonce: string; secure: boolean; mode: string }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Charts set style attributes; scripts stay strictly nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    mode === "development" ? "connect-src 'self' ws://localhost:*" : "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
  if (secure) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
