/**
 * Served HTML never contains a NUL byte. React 18's streaming renderer flushed its whole 2 KB view
 * when a multi-byte character (an em dash, a curly quote) met its end, so 8 of 515 pages carried
 * NUL bytes; patches/react-dom+18.3.1.patch flushes only the bytes written, as React 19 does. Both
 * builds are checked: production serves the minified one, tests the development one.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import { Suspense, createElement } from "react";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
type Server = typeof import("react-dom/server");
// The package's exports map hides its builds; they are read from where npm put them.
const cjs = path.join(path.dirname(require.resolve("react-dom/package.json")), "cjs");
const BUILDS: Record<string, Server> = {
  production: require(path.join(cjs, "react-dom-server.node.production.min.js")) as Server,
  development: require(path.join(cjs, "react-dom-server.node.development.js")) as Server,
};

/** Many short pieces of text, as a table of names is: the renderer copies each into its 2 KB view. */
function render(server: Server, lead: string): Promise<Buffer> {
  const rows = Array.from({ length: 400 }, (_, i) => createElement("li", { key: i }, i % 2 ? "St Mary’s" : "Café — ok"));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = server.renderToPipeableStream(createElement(Suspense, { fallback: null }, createElement("p", null, lead), createElement("ul", null, rows)), {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

describe("streamed HTML", () => {
  for (const [name, server] of Object.entries(BUILDS)) {
    it(`has no NUL byte where a multi-byte character meets the 2 KB boundary (${name} build)`, async () => {
      const withNul: number[] = [];
      for (let pad = 0; pad < 24; pad++) {
        const html = await render(server, "a".repeat(pad));
        if (html.includes(0)) withNul.push(pad);
        expect(html.toString("utf8").split("St Mary’s").length - 1).toBe(200);
      }
      expect(withNul).toEqual([]);
    });
  }
});
