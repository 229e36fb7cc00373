/**
 * The environment, read in one place and checked with zod. `npm start` reads it before anything
 * else (`loadConfig`) and refuses to start with every problem listed, rather than failing later on
 * the first request that needs a bad value. Everything else asks `config()`. The README's table
 * lists the same variables. An empty value counts as unset.
 *
 * Two values are written while the app runs and are read where they are kept, not here: the
 * clock's GT_CLOCK_OFFSET_MS (clock.server.ts turns GT_CLOCK into it at load, for child
 * processes), and GT_SERVED_ORIGIN (origin.server.ts: set once the server listens).
 */
import { z } from "zod";

const unset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(unset, schema.optional());
const withDefault = <T extends z.ZodTypeAny>(schema: T, value: z.input<T>) => z.preprocess(unset, schema.default(value));
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const flag = z.enum(["1", "true", "yes", "0", "false", "no"]).transform((v) => ["1", "true", "yes"].includes(v));
const onOff = z.enum(["on", "off"]);
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL");
const webOrigin = z
  .string()
  .url("must be a URL such as https://goldenthread.example.org")
  .refine((v) => /^https?:\/\//.test(v), "must start with https:// (or http:// for a private test)")
  .transform((v) => new URL(v).origin);

const Schema = z.object({
  NODE_ENV: withDefault(z.enum(["production", "development", "test"]), "production"),
  PORT: withDefault(whole(0, 65535), 3000),
  HOST: optional(z.string()),
  APP_ORIGIN: optional(webOrigin),
  ALLOW_INSECURE_HTTP: withDefault(flag, "0"),
  TRUST_PROXY: optional(z.string()),
  DATABASE_URL: optional(postgresUrl),
  DATABASE_OWNER_URL: optional(postgresUrl),
  DATABASE_READ_URL: optional(postgresUrl),
  DATABASE_POOL_SIZE: optional(whole(1, 1000)),
  GT_DATA_DIR: optional(z.string()),
  GT_SEED_DEMO: withDefault(z.enum(["0", "1"]), "1"),
  GT_SKIP_BUILD: withDefault(flag, "0"),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
  MAIL_FROM: optional(z.string()),
  LOG_LEVEL: optional(z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])),
  GT_CLOCK: optional(z.string()),
  GT_REMINDERS_EVERY_MINUTES: withDefault(
    z.coerce
      .number()
      .positive()
      .max(7 * 24 * 60),
    60,
  ),
  GT_LIVE_CACHE: withDefault(onOff, "on"),
  GT_ROLLUP_UPKEEP: withDefault(onOff, "on"),
  GT_PAGE_CACHE_MB: withDefault(whole(0, 65_536), 64),
  GT_FACTS_CACHE_ORGANISATIONS: withDefault(whole(0, 100_000_000), 300_000),
  GT_RETURN_FACTS_CACHE_ROWS: withDefault(whole(0, 1_000_000_000), 1_000_000),
  GT_CHART_CACHE_CHARS: withDefault(whole(0, 10_000_000_000), 8_000_000),
  GT_DASHBOARD_CACHE_ENTRIES: withDefault(whole(0, 10_000_000), 300),
});

export type Config = z.infer<typeof Schema>;
/** The variables, for the README's table and its test. */
export const CONFIG_VARIABLES = Object.keys(Schema.shape) as Array<keyof Config>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The environment has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/** Reads and checks an environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = Schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}${typeof env[String(i.path[0])] === "string" ? ` (it is "${env[String(i.path[0])]}")` : ""}`),
  );
}

let loaded: Config | undefined;

/** At start-up: the environment checked once; later calls get the same answer. */
export function loadConfig(): Config {
  return (loaded ??= parseConfig(process.env));
}

export const config = loadConfig;

/** Reads the environment again: for a test or a script that changed it. */
export function reloadConfig(): Config {
  loaded = undefined;
  return loadConfig();
}
