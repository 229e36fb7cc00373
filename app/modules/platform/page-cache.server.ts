/**
 * Rendered pages kept for routes whose handle asks for it (ui/page-handle.ts): the dashboards. The
 * loaders still run on every request — the session, the person's access to the partnership and
 * borough are checked each time, and the dashboard's data comes from dashboards/cache.server.ts —
 * only rendering the same markup again is skipped. The key is the address plus every loader's data
 * (the person, their roles, any notice, and the key the page's heavy data was computed under —
 * that data itself goes to the render directly: document-data.server.ts), so two people share
 * nothing and a write shows at once. Such pages have no
 * scripts and no per-request values in their markup; headers (cookies, CSP) are always this
 * request's own. A page is stored as it is and gzipped, and sent gzipped to browsers that take it.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { EntryContext } from "@remix-run/node";
import type { DocumentHandle } from "~/ui/page-handle";
import { LiveCache, liveCacheOn } from "./live-cache.server";
import { config } from "./config.server";

export interface RenderedPage {
  html: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

const pages = new LiveCache<RenderedPage>(config().GT_PAGE_CACHE_MB * 1_048_576, (p) => p.html.length + p.gzip.length);

/** The page's cache key, or null when this response must be rendered afresh. */
export function pageCacheKey(request: Request, statusCode: number, context: EntryContext): string | null {
  if (!liveCacheOn() || request.method !== "GET" || statusCode !== 200) return null;
  const state = context.staticHandlerContext;
  if (state.errors || state.actionData) return null;
  const leaf = state.matches[state.matches.length - 1];
  const handle = context.routeModules[leaf.route.id]?.handle as DocumentHandle | undefined;
  if (!handle?.pageCache || handle.hydrate !== false) return null;
  const leafData = state.loaderData[leaf.route.id] as Record<string, unknown> | undefined;
  if (!leafData || typeof leafData.dataKey !== "string") return null;
  const hash = createHash("sha256").update(request.url);
  for (const match of state.matches)
    hash
      .update("\0")
      .update(match.route.id)
      .update("\0")
      .update(JSON.stringify(keyed(match.route.id, state.loaderData[match.route.id])));
  return hash.digest("base64url");
}

/**
 * What of a route's data goes into the key. The root's session time left changes with every
 * request and is only used by client scripts (ui/SessionWarning.tsx), which a kept page never has.
 */
function keyed(routeId: string, data: unknown): unknown {
  if (routeId !== "root" || !data || typeof data !== "object") return data ?? null;
  const { session: _session, ...rest } = data as Record<string, unknown>;
  return rest;
}

/** The page under `key`, rendering it (once, however many ask at the same time) if it is not kept. */
export function renderedPage(key: string, render: () => Promise<Buffer>): Promise<RenderedPage> {
  return pages.getOrCompute(key, async () => {
    const html = await render();
    return { html: new Uint8Array(html), gzip: new Uint8Array(gzipSync(html)) };
  });
}

/** The kept page as a response: gzipped when the browser takes it; this request's own headers. */
export function pageResponse(page: RenderedPage, request: Request, status: number, headers: Headers): Response {
  const gzip = /\bgzip\b/.test(request.headers.get("Accept-Encoding") ?? "");
  const body = gzip ? page.gzip : page.html;
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Content-Length", String(body.length));
  headers.append("Vary", "Accept-Encoding");
  if (gzip) headers.set("Content-Encoding", "gzip");
  return new Response(body, { status, headers });
}
