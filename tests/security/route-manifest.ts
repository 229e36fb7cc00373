/** The routes of the production build, with their full URL patterns, from Remix's own manifest. */
import { pathToFileURL } from "node:url";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";

export interface ManifestRoute {
  id: string;
  pattern: string;
  params: string[];
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  hasPage: boolean;
}

export async function manifestRoutes(): Promise<ManifestRoute[]> {
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const routes = build.routes;
  const fullPath = (id: string): string => {
    const route = routes[id];
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/").replace(/\/+/g, "/");
  };
  return Object.values(routes).map((route) => {
    const pattern = "/" + fullPath(route.id).replace(/^\//, "");
    const module = route.module as unknown as Record<string, unknown>;
    return {
      id: route.id,
      pattern,
      params: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]),
      index: Boolean(route.index),
      hasLoader: typeof module.loader === "function",
      hasAction: typeof module.action === "function",
      hasPage: typeof module.default === "function",
    };
  });
}

export function fill(pattern: string, values: Record<string, string>) {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name]));
}
