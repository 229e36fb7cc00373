/**
 * A page's heavy data (a dashboard's tables and charts) on a full page load goes straight to the
 * server render, not through the loader's JSON: Remix would otherwise serialise it, parse it back
 * and serialise it again into the page for hydration — most of a dashboard request's time, for
 * pages that do not hydrate at all (ui/page-handle.ts). On a client-side navigation (a data
 * request) the loader returns it as usual. The route reads it with useDocumentData. It is made
 * only when needed: a page the page cache keeps is not rendered, so its data is not made either.
 */
import type { AppLoadContext } from "@remix-run/node";

/** `make` runs now for a data request, and for a full page load only if the page is rendered (not kept). */
export function documentOnly<T>(context: AppLoadContext | undefined, make: () => T): T | null {
  if (!context?.documentRequest) return make();
  context.documentData = make;
  return null;
}

/** The data for the server render (entry.server.tsx): made on first use. */
export function documentDataOf(context: AppLoadContext): unknown {
  if (typeof context.documentData === "function") context.documentData = (context.documentData as () => unknown)();
  return context.documentData;
}
