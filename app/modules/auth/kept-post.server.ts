/**
 * A form sent after the session ended is kept, not lost. The guard (guard.server.ts) keeps the
 * posted fields (never passwords or codes: outage.server.tsx's rule) for two hours under a random
 * token in an HttpOnly cookie, and sends the person to sign in, saying why. Once signed in, the
 * resume page (routes/resume.tsx) shows what they typed and sends it on to where it was going, as
 * the person now signed in: the action checks access and staleness as for any post.
 */
import { sql } from "kysely";
import type { KeptFields } from "../../../db/types";
import { databases } from "../../db.server";
import { typedFields } from "../platform/outage.server";
import { authCookie, readAuthCookie } from "./session.server";
import { newToken, tokenHash, looksLikeToken } from "./tokens.server";

const COOKIE = "gt_kept";
const KEPT_SECONDS = 2 * 60 * 60;

export interface KeptPost {
  path: string;
  fields: Array<[string, string]>;
  shown: Array<{ label: string; value: string }>;
  withheld: string[];
}

/** Keeps a url-encoded form post; null for other bodies (a file upload is not kept). Returns the Set-Cookie header. */
export async function keepPost(request: Request, path: string): Promise<string | null> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "")) return null;
  const form = await request.formData().catch(() => null);
  if (!form) return null;
  const { fields, withheld } = typedFields(form);
  if (!fields.length) return null;
  const { token, hash } = newToken();
  await databases()
    .app.insertInto("kept_posts")
    .values({ id: hash, path, fields: JSON.stringify({ fields, withheld }) as unknown as KeptFields, expires_at: sql<Date>`now() + make_interval(secs => ${KEPT_SECONDS})` })
    .execute();
  // Expired ones go as new ones come: nothing else writes this table.
  await databases()
    .app.deleteFrom("kept_posts")
    .where("expires_at", "<=", sql<Date>`now()`)
    .execute();
  return authCookie(COOKIE, token, KEPT_SECONDS);
}

export function hasKeptPost(request: Request): boolean {
  return looksLikeToken(readAuthCookie(request, COOKIE) ?? undefined);
}

/** The browser's kept post, taken (deleted) as it is shown, and the header that clears the cookie. */
export async function takeKeptPost(request: Request): Promise<{ post: KeptPost | null; clear: string }> {
  const clear = authCookie(COOKIE, "", 0);
  const token = readAuthCookie(request, COOKIE);
  if (!looksLikeToken(token ?? undefined)) return { post: null, clear };
  const row = await databases()
    .app.deleteFrom("kept_posts")
    .where("id", "=", tokenHash(token!))
    .where("expires_at", ">", sql<Date>`now()`)
    .returning(["path", "fields"])
    .executeTakeFirst();
  if (!row) return { post: null, clear };
  const form = new FormData();
  for (const [name, value] of row.fields.fields) form.append(name, value);
  const { fields, shown } = typedFields(form);
  return { post: { path: row.path, fields, shown, withheld: row.fields.withheld }, clear };
}
