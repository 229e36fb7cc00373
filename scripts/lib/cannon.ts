/**
 * One measured run of autocannon (pipelining 1, fixed connections, a fixed duration or a fixed
 * number of requests), with every response's time kept so percentiles are exact, and responses
 * counted by status class. Used by `npm run bench` and by the load-correctness test.
 */
import autocannon from "autocannon";

export interface PreparedRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called with each response's status and headers, e.g. to record which submissions were acknowledged. */
  onStatus?: (status: number, headers: Record<string, string>) => void;
}

export interface Measured {
  label: string;
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  byClass: Record<"2xx" | "3xx" | "4xx" | "5xx", number>;
  /** Responses by exact status (a single run's; not pooled). */
  statuses?: Record<number, number>;
  /** Connection errors and timeouts. */
  errors: number;
  /** Every response's time, sorted (kept out of JSON reports: see `pooled`). */
  latencies?: number[];
}

export interface RunOptions {
  label: string;
  origin: string;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  duration?: number;
  amount?: number;
  /** Every request the same: a path and headers. */
  path?: string;
  headers?: Record<string, string>;
  /** Or a different request each time, taken in turn (wrapping round). */
  next?: () => PreparedRequest | null;
  timeoutSeconds?: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export async function measure(options: RunOptions): Promise<Measured> {
  const latencies: number[] = [];
  const byClass = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  const statuses: Record<number, number> = {};
  const started = performance.now();
  let finish!: (error: Error | null, result: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve, reject) => (finish = (error, result) => (error ? reject(error) : resolve(result))));
  const instance = autocannon(
    {
      url: options.origin + (options.path ?? "/"),
      connections: options.connections,
      pipelining: 1,
      duration: options.duration ?? 10,
      amount: options.amount,
      timeout: options.timeoutSeconds ?? 30,
      headers: options.headers,
      requests: options.next
        ? [
            {
              setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
                const prepared = options.next!();
                if (!prepared) return null;
                context.prepared = prepared;
                return {
                  ...request,
                  method: prepared.method ?? "GET",
                  path: prepared.path,
                  headers: { ...(options.headers ?? {}), ...(prepared.headers ?? {}) },
                  body: prepared.body,
                };
              },
              onResponse: (status: number, _body: string, context: Record<string, unknown>, headers: Record<string, string> = {}) => {
                const prepared = context.prepared as PreparedRequest | undefined;
                prepared?.onStatus?.(status, headers);
              },
            },
          ]
        : undefined,
    } as autocannon.Options,
    (error, result) => finish(error, result),
  );
  // The run's span is from its first request going out to its last answer: autocannon's own duration
  // is whole seconds, which made a short fixed-amount run look up to twice as slow as it was.
  let firstSent = Infinity;
  let lastAnswered = 0;
  instance.on("response", (_client: unknown, status: number, _bytes: number, time: number) => {
    const now = performance.now();
    firstSent = Math.min(firstSent, now - time);
    lastAnswered = now;
    latencies.push(time);
    const cls = `${Math.floor(status / 100)}xx` as keyof typeof byClass;
    if (cls in byClass) byClass[cls]++;
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await done;
  const seconds = latencies.length ? Math.max((lastAnswered - firstSent) / 1000, 0.001) : Math.max((performance.now() - started) / 1000, result.duration || 0.001);
  // Added to the summary, not spread into a copy: a copy would lose the non-enumerable latencies
  // that pooling needs (every pooled round came out empty: NaN).
  const measured = summarise(options.label, options.connections, latencies, seconds, byClass, result.errors + result.timeouts);
  measured.statuses = statuses;
  return measured;
}

function summarise(label: string, connections: number, latencies: number[], seconds: number, byClass: Measured["byClass"], errors: number): Measured {
  latencies.sort((a, b) => a - b);
  const measured: Measured = {
    label,
    connections,
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    byClass,
    errors,
  };
  // Not enumerable: a report's raw runs stay their summaries, not thousands of times each.
  Object.defineProperty(measured, "latencies", { value: latencies, enumerable: false });
  return measured;
}

/**
 * Several runs of one target taken in turns with other targets (rounds), as one: every response's
 * time pooled for the percentiles, requests over the runs' summed seconds for the rate. Taking
 * targets in turns puts a slow spell of a shared machine (a checkpoint, autovacuum, a noisy
 * neighbour) on all of them instead of on whichever ran then.
 */
export function pooled(label: string, runs: Measured[]): Measured {
  if (runs.length === 0) throw new Error(`${label}: no runs to pool`);
  const byClass = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  for (const run of runs) for (const cls of Object.keys(byClass) as Array<keyof typeof byClass>) byClass[cls] += run.byClass[cls];
  const latencies = runs.flatMap((run) => run.latencies ?? []);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return summarise(
    label,
    runs[0].connections,
    latencies,
    seconds,
    byClass,
    runs.reduce((sum, run) => sum + run.errors, 0),
  );
}

/** A fixed-width table of runs, for the terminal and the README. */
export function formatRuns(runs: Measured[]): string {
  const header = ["run", "conns", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "2xx/3xx", "4xx", "5xx+err"];
  const rows = runs.map((r) => [
    r.label,
    String(r.connections),
    String(r.requests),
    r.rps.toFixed(1),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    String(r.byClass["2xx"] + r.byClass["3xx"]),
    String(r.byClass["4xx"]),
    String(r.byClass["5xx"] + r.errors),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  return [line(header), "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|", ...rows.map(line)].join("\n");
}
