/**
 * Dashboards computed once per partnership generation, day and filters, and shared by everyone
 * allowed to see them: the work of a county dashboard (every organisation's pledge history,
 * champions, returns, the roll-ups, the plan) is done on the first view after a write, not on
 * every view. See platform/partnership-changes.server.ts for how a write moves the generation on,
 * and ADR 0017. `GT_LIVE_CACHE=off` computes every time (the benchmark's comparison).
 */
import { LiveCache, liveCacheOn } from "../platform/live-cache.server";
import { generationOf } from "../platform/partnership-changes.server";
import { config } from "../platform/config.server";

const computed = new LiveCache<unknown>(config().GT_DASHBOARD_CACHE_ENTRIES);

export interface Cached<T> {
  value: T;
  /** What the value was computed from: partnership, generation, day and inputs. */
  key: string;
}

/**
 * `compute`'s value for these inputs as of the partnership's current generation. The generation is
 * read before computing, so a write that commits meanwhile leaves this entry behind, never under it.
 */
export async function cachedForPartnership<T>(partnershipId: string, inputs: Array<string | number | boolean | null | undefined>, compute: () => Promise<T>): Promise<Cached<T>> {
  const key = [partnershipId, generationOf(partnershipId), ...inputs.map((i) => String(i ?? ""))].join("|");
  if (!liveCacheOn()) return { key, value: await compute() };
  return { key, value: (await computed.getOrCompute(key, compute)) as T };
}
