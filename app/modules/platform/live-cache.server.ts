/**
 * An in-memory cache for work derived from a partnership's data (dashboards, the public page and
 * their rendered pages). Keys carry the partnership's generation (partnership-changes.server.ts),
 * so a write makes every earlier entry unreachable at once: the cache is never stale, only cold.
 * Least recently used entries go first when the cache is over its budget; concurrent requests
 * for the same missing key share one computation instead of each doing it.
 */
import { config } from "./config.server";
/** `GT_LIVE_CACHE=off` computes and renders every time (the benchmark's comparison). */
export const liveCacheOn = () => config().GT_LIVE_CACHE !== "off";

export class LiveCache<V> {
  private readonly entries = new Map<string, { value: V; cost: number }>();
  private readonly pending = new Map<string, Promise<V>>();
  private used = 0;

  /** `budget` in the units of `costOf` (entries by default). */
  constructor(
    private readonly budget: number,
    private readonly costOf: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V) {
    const cost = this.costOf(value);
    if (cost > this.budget) return;
    this.delete(key);
    this.entries.set(key, { value, cost });
    this.used += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budget) break;
      this.entries.delete(oldest);
      this.used -= entry.cost;
    }
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.used -= entry.cost;
    }
  }

  clear() {
    this.entries.clear();
    this.used = 0;
  }

  get size() {
    return this.entries.size;
  }

  /** The cached value, or `compute`'s (stored unless it throws); one computation per key at a time. */
  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const running = this.pending.get(key);
    if (running) return running;
    const promise = compute().then(
      (value) => {
        this.pending.delete(key);
        this.set(key, value);
        return value;
      },
      (error: unknown) => {
        this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, promise);
    return promise;
  }
}
