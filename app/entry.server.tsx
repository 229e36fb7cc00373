import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { logger } from "./modules/platform/logger.server";
import { documentDataOf } from "./modules/platform/document-data.server";
import { pageCacheKey, pageResponse, renderedPage } from "./modules/platform/page-cache.server";
import { noteRequestFailure } from "./modules/platform/outage.server";
import { RequestInfoContext } from "./ui/request-info";

export { prepareDatabase, loadDemo } from "./modules/platform/prepare.server";
export { databases, closeDatabases, databaseAnswers } from "./db.server";
export { logger } from "./modules/platform/logger.server";
export { clockIsSet, now } from "./modules/platform/clock.server";
export { rememberWrite } from "./modules/platform/read-routing.server";
export { inRequestScope } from "./modules/platform/per-request.server";
export { answeringOutages } from "./modules/platform/outage.server";
export { startReminderSchedule } from "./modules/notify/schedule.server";

const ABORT_DELAY = 5_000;

declare module "@remix-run/node" {
  interface AppLoadContext {
    nonce: string;
    requestId: string;
    /** The client's address as the server saw it (behind a trusted proxy, the forwarded one). */
    clientAddress: string;
    /** A full page load (not a client-side data request). */
    documentRequest?: boolean;
    /** A loader's heavy data for the server render (platform/document-data.server.ts). */
    documentData?: unknown;
  }
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const cacheKey = pageCacheKey(request, responseStatusCode, remixContext);
  if (cacheKey) {
    return renderedPage(cacheKey, () => renderToBuffer(request, remixContext, loadContext)).then((page) => pageResponse(page, request, responseStatusCode, responseHeaders));
  }
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || request.method !== "GET";
  const nonce = loadContext.nonce ?? "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RequestInfoContext.Provider value={{ nonce, requestId: loadContext.requestId ?? "", documentData: documentDataOf(loadContext) }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </RequestInfoContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logger.error({ err: error, requestId: loadContext.requestId }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The whole page as one buffer, for the page cache: such pages carry no nonce and no request id. */
function renderToBuffer(request: Request, remixContext: EntryContext, loadContext: AppLoadContext): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let failed: unknown = null;
    const { pipe, abort } = renderToPipeableStream(
      <RequestInfoContext.Provider value={{ nonce: "", requestId: "", documentData: documentDataOf(loadContext) }}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </RequestInfoContext.Provider>,
      {
        onAllReady() {
          const chunks: Buffer[] = [];
          const sink = new PassThrough();
          sink.on("data", (chunk: Buffer) => chunks.push(chunk));
          sink.on("end", () => (failed ? reject(failed) : resolve(Buffer.concat(chunks))));
          pipe(sink);
        },
        onShellError: reject,
        onError(error: unknown) {
          failed = error;
          logger.error({ err: error, requestId: loadContext.requestId }, "render failed");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  noteRequestFailure(error);
  if (request.signal.aborted) return;
  logger.error({ err: error, requestId: context?.requestId, method: request.method, url: new URL(request.url).pathname }, "request failed");
};
