// Imported first by scripts/bench.ts, so the settings hold before any module reads them.
process.env.NODE_ENV ??= "production";
process.env.LOG_LEVEL ??= "warn";
