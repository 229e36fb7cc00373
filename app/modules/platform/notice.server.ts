/**
 * One-time notices after a redirect ("Return submitted"), carried in a short-lived cookie so they
 * work without JavaScript. Each notice has an id; showing it sets a second cookie naming the id as
 * seen, rather than deleting the first. So a page that shows it and a loader that passes it on to
 * another page (redirectKeepingNotice: a new id) can answer in either order — as the parallel data
 * requests of a client-side navigation do — and the notice is neither lost nor shown twice.
 */
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { originConfig } from "./origin.server";

const noticeCookie = () => createCookie("gt_notice", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60, secure: originConfig().secureCookies });
const seenCookie = () => createCookie("gt_notice_seen", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60, secure: originConfig().secureCookies });

interface Notice {
  id: string;
  text: string;
}

export async function redirectWithNotice(to: string, notice: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  const value: Notice = { id: randomBytes(8).toString("hex"), text: notice.slice(0, 300) };
  headers.append("Set-Cookie", await noticeCookie().serialize(value));
  return redirect(to, { ...init, headers });
}

/** The notice this request carries that has not been shown yet. */
async function pendingNotice(request: Request): Promise<Notice | null> {
  const cookies = request.headers.get("Cookie");
  const notice = (await noticeCookie().parse(cookies)) as unknown;
  if (!notice || typeof notice !== "object") return null;
  const { id, text } = notice as Partial<Notice>;
  if (typeof id !== "string" || typeof text !== "string" || !text) return null;
  const seen = (await seenCookie().parse(cookies)) as unknown;
  return seen === id ? null : { id, text };
}

/** The pending notice, and the header that marks it shown. */
export async function takeNotice(request: Request): Promise<{ notice: string | null; headers: HeadersInit }> {
  const notice = await pendingNotice(request);
  if (!notice) return { notice: null, headers: {} };
  return { notice: notice.text, headers: { "Set-Cookie": await seenCookie().serialize(notice.id) } };
}

/** A redirect from one page to the page a person really belongs on, keeping the notice they have not seen yet. */
export async function redirectKeepingNotice(request: Request, to: string): Promise<Response> {
  const notice = await pendingNotice(request);
  if (!notice) return redirect(to);
  return redirectWithNotice(to, notice.text);
}
