import { databases } from "../../db.server";
import type { Tx } from "./with-partnership.server";

let demoCache: { value: boolean; at: number } | undefined;

/** Whether this installation holds demo partnerships (for the "demo data" banner); cached briefly. */
export async function hasDemoData(): Promise<boolean> {
  if (demoCache && performance.now() - demoCache.at < 30_000) return demoCache.value;
  try {
    const row = await databases().app.selectFrom("partnerships").select("id").where("is_demo", "=", true).limit(1).executeTakeFirst();
    demoCache = { value: Boolean(row), at: performance.now() };
  } catch {
    return demoCache?.value ?? false;
  }
  return demoCache.value;
}

/** A partnership's id from its slug (slugs never change), or null; for pages outside any one partnership's session. */
export async function partnershipIdOf(slug: string): Promise<string | null> {
  const row = await databases().app.selectFrom("partnerships").select("id").where("slug", "=", slug).executeTakeFirst();
  return row?.id ?? null;
}

export function listBoroughs(tx: Tx, { partnershipId }: { partnershipId: string }) {
  return tx.selectFrom("boroughs").select(["id", "name", "ons_code"]).where("partnership_id", "=", partnershipId).orderBy("name").execute();
}

export function listPartnerships(tx: Tx) {
  return tx.selectFrom("partnerships").select(["id", "slug", "name", "county", "is_demo", "created_at"]).orderBy("name").execute();
}
