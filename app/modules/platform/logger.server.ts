/** Structured JSON logs (pino). Every request line and every error carries the request id. */
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: "golden-thread" },
  redact: ["req.headers.cookie", "password", "*.password"],
});
