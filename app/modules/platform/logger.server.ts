/** Structured JSON logs (pino). Every request line and every error carries the request id. */
import pino from "pino";
import { config } from "./config.server";

export const logger = pino({
  level: config().LOG_LEVEL ?? (config().NODE_ENV === "test" ? "warn" : "info"),
  base: { service: "golden-thread" },
  redact: ["req.headers.cookie", "password", "*.password"],
});
