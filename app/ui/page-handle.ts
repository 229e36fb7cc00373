/**
 * Route `handle`s that change how the document is served.
 *
 * `hydrate: false` — the page is sent without client scripts: it is complete as HTML (links, GET
 * forms, server-drawn charts), so there is nothing to hydrate, and the browser downloads no
 * JavaScript for it. Reaching it by a client-side navigation still works (the route renders from
 * its loader's data).
 *
 * `pageCache` — the rendered page is kept (platform/page-cache.server.ts), keyed by its address and
 * every loader's data. The page's heavy data is not in its loader's data on a full page load
 * (platform/document-data.server.ts); the loader's `dataKey` (the partnership generation, day and
 * inputs it was computed from) stands for it.
 */
export interface DocumentHandle {
  hydrate?: boolean;
  pageCache?: boolean;
}

export const PAGE_CACHED: DocumentHandle = { hydrate: false, pageCache: true };

export const hydrates = (handles: unknown[]) => !handles.some((h) => (h as DocumentHandle | undefined)?.hydrate === false);
