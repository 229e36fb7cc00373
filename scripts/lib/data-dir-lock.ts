/**
 * Embedded PostgreSQL is one process's files: two processes opening the same folder would corrupt
 * it. A pid file in the folder refuses a second opener while the first is alive.
 */
import fs from "node:fs";
import path from "node:path";

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process holding the embedded database open (a running `npm start`), or null. */
export function dataDirHolder(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "golden-thread.pid"), "utf8").trim());
    return pid && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "golden-thread.pid");
  const existing = Number(fs.readFileSync(lockFile, { encoding: "utf8", flag: "a+" }).trim());
  if (existing && existing !== process.pid && alive(existing)) {
    throw new Error(`The embedded database in ${dataDir} is in use by process ${existing}. Stop it first, or set GT_DATA_DIR to another folder.`);
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lockFile, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
}

export function embeddedDataDir() {
  return path.resolve(process.env.GT_DATA_DIR || ".data");
}
