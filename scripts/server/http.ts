/**
 * The production HTTP server around the Remix build: request ids and structured logs, security
 * headers with a per-request CSP nonce, the same-origin check on every state-changing request,
 * body size limits, static files, and errors that show a reference instead of a stack trace.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import compression from "compression";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import { createRequestHandler, createReadableStreamFromReadable, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import type { Logger } from "pino";
import type { AppBuild } from "../lib/load-build";
import { bodyLimitFor, securityHeaders, sameOriginRefusal } from "./policy";

export interface HttpOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  logger: Logger;
  publicDir?: string;
  appOrigin: string | null;
  trustProxy?: string;
}

const requestIdOf = () => randomBytes(6).toString("hex");

function limitedBody(req: ExpressRequest, res: ExpressResponse, limit: number): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) {
        // A body sent without Content-Length (chunked) is cut here: the answer is 413, as with a length.
        res.locals.bodyTooLarge = true;
        done(new Error("request body too large"));
      } else done(null, chunk);
    },
  });
  req.on("error", (error) => limiter.destroy(error));
  return req.pipe(limiter);
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, limit: number, appOrigin: string | null): Request {
  // Behind a proxy the public origin is APP_ORIGIN, whatever host the proxy connected to.
  const url = new URL(req.originalUrl, appOrigin ?? `${req.protocol}://${req.get("host") ?? "localhost"}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  // The address as sent, `?index` included (Remix strips it from the request an action sees): a
  // form kept over a sign-in is sent on to it (app/modules/auth/kept-post.server.ts). Never the client's own.
  const sentTo = new URL(url);
  sentTo.searchParams.delete("_data");
  headers.set("x-gt-sent-to", sentTo.pathname + sentTo.search);
  if (appOrigin) {
    // The same-origin rule has already been applied against APP_ORIGIN (policy.ts). Remix checks
    // Origin against Host (or X-Forwarded-Host) again and throws on a mismatch; a proxy that does
    // not pass Host on (nginx's default) would make every form post without JavaScript a 500.
    headers.set("host", url.host);
    headers.delete("x-forwarded-host");
  }
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(limitedBody(req, res, limit));
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  // Every page and data response may depend on who asks: never kept by a shared cache or the
  // browser's back-forward store unless a route says otherwise.
  if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "private, no-store");
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** Pages the server answers itself, before Remix: plain, readable, and never a stack trace. */
function plainPage(title: string, body: string) {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Golden Thread</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}a{color:#1d70b8}</style>
</head><body><main id="main-content"><h1>${title}</h1><p>${body}</p><p><a href="/">Go to the home page</a></p></main></body></html>`;
}

function tooLarge(res: ExpressResponse, limit: number) {
  res
    .status(413)
    .type("html")
    .send(plainPage("Too large", `What you sent is larger than the ${Math.round(limit / 1_048_576)} MB allowed. Send a smaller file, or split it into parts.`));
}

export function createHttpApp(options: HttpOptions) {
  const { logger, mode } = options;
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", /^\d+$/.test(options.trustProxy) ? Number(options.trustProxy) : options.trustProxy);

  app.use((req, res, next) => {
    const requestId = requestIdOf();
    const nonce = randomBytes(16).toString("base64");
    res.locals.requestId = requestId;
    res.locals.nonce = nonce;
    res.setHeader("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(securityHeaders({ nonce, secure: options.appOrigin?.startsWith("https://") ?? false, mode }))) {
      res.setHeader(name, value);
    }
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error(line, "request");
      else logger.info(line, "request");
    });
    next();
  });

  app.use((req, res, next) => {
    const refusal = sameOriginRefusal(
      { method: req.method, origin: req.get("origin"), secFetchSite: req.get("sec-fetch-site"), host: req.get("host"), protocol: req.protocol },
      options.appOrigin,
    );
    if (refusal) {
      logger.warn({ requestId: res.locals.requestId, path: req.path, origin: req.get("origin") ?? null }, "cross-origin request refused");
      res.status(403).type("html").send(plainPage("Request refused", refusal));
      return;
    }
    const limit = bodyLimitFor(req.path);
    const declared = Number(req.get("content-length") ?? 0);
    if (declared > limit) {
      tooLarge(res, limit);
      req.resume();
      return;
    }
    next();
  });

  app.use(compression());
  const publicDir = options.publicDir ?? path.resolve("public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static(publicDir, { maxAge: "1h", index: false }));

  let handler: ReturnType<typeof createRequestHandler> | undefined;
  const currentBuild = async () => (typeof options.build === "function" ? options.build() : options.build);
  const getHandler = async () => {
    if (typeof options.build === "function") return createRequestHandler(await options.build(), mode);
    return (handler ??= createRequestHandler(options.build, mode));
  };

  app.all("*", async (req, res, next) => {
    try {
      const request = remixRequest(req, res, bodyLimitFor(req.path), options.appOrigin);
      const context = {
        nonce: res.locals.nonce as string,
        requestId: res.locals.requestId as string,
        clientAddress: req.ip ?? "unknown",
        documentRequest: (req.method === "GET" || req.method === "HEAD") && req.query._data === undefined,
      };
      const handling = process.hrtime.bigint();
      const handle = await getHandler();
      const build = (await currentBuild()) as AppBuild;
      let response = await build.entry.module.inRequestScope(req.method, () => build.entry.module.answeringOutages(request, context, handle));
      // The app's own time (loaders, actions and rendering the page), for devtools and `npm run bench`.
      res.setHeader("Server-Timing", `app;dur=${(Number(process.hrtime.bigint() - handling) / 1e6).toFixed(1)}`);
      // A body the app did not read (a refused upload) is discarded, so the connection stays usable.
      if (!req.readableEnded) {
        req.unpipe();
        req.resume();
      }
      if (res.locals.bodyTooLarge) {
        tooLarge(res, bodyLimitFor(req.path));
        return;
      }
      if (req.method !== "GET" && req.method !== "HEAD" && response.status < 400) {
        // So this person's next dashboard reads wait for the replica to have their write.
        const headers = new Headers(response.headers);
        await build.entry.module.rememberWrite(request, headers);
        response = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
      }
      if (response.status >= 500 && response.headers.has("X-Remix-Error")) {
        // A failed data request: the browser shows this message, so give it the reference, not the error.
        const headers = new Headers(response.headers);
        headers.delete("Content-Length");
        response = new Response(JSON.stringify({ message: `Unexpected Server Error (reference ${context.requestId})` }), { status: response.status, headers });
      }
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  app.use((error: Error, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, "unhandled error");
    if (res.headersSent) return res.end();
    res
      .status(500)
      .type("html")
      .send(plainPage("Sorry, there is a problem with the service", `Try again later. If you contact support, quote reference ${res.locals.requestId}.`));
  });

  return app;
}
