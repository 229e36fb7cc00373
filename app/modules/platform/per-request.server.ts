/**
 * Work done once per page load however many loaders ask for it (the root, the layout and the page
 * each check the session and access; Remix hands each loader its own copy of the request, so the
 * scope is the server's: scripts/server/http.ts runs each request in `inRequestScope`). Only for
 * GET and HEAD: after an action (a sign-in, a role change) the loaders that follow must see what it
 * changed, so those requests do the work afresh. Outside a request scope (tests, scripts) the work
 * is simply done.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>> | null>();

/** Runs the handling of one request; `method` decides whether its loaders may share work. */
export function inRequestScope<T>(method: string, handle: () => T): T {
  return scope.run(method === "GET" || method === "HEAD" ? new Map() : null, handle);
}

export function oncePerRequest<T>(key: string, work: () => Promise<T>): Promise<T> {
  const done = scope.getStore();
  if (!done) return work();
  let promise = done.get(key) as Promise<T> | undefined;
  if (!promise) done.set(key, (promise = work()));
  return promise;
}
