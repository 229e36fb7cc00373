/** Imports the Remix server build; the app's own exports (database, logger) come with it. */
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import type { Logger } from "pino";
import type * as entry from "../../app/entry.server";
import { SERVER_BUILD } from "../build";

export type AppBuild = ServerBuild & { entry: { module: typeof entry } };

export async function loadBuild(fresh = false): Promise<AppBuild> {
  const url = pathToFileURL(SERVER_BUILD).href + (fresh ? `?t=${performance.now()}` : "");
  return (await import(url)) as AppBuild;
}

export function appLogger(build: AppBuild): Logger {
  return build.entry.module.logger;
}
