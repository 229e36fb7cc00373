/**
 * One-time notices after a redirect ("Return submitted"), carried in a short-lived cookie so they
 * work without JavaScript.
 */
import { createCookie, redirect } from "@remix-run/node";
import { originConfig } from "./origin.server";

const noticeCookie = () =>
  createCookie("gt_notice", { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60, secure: originConfig().secureCookies });

export async function redirectWithNotice(to: string, notice: string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await noticeCookie().serialize(notice.slice(0, 300)));
  return redirect(to, { ...init, headers });
}

/** The pending notice, and the header that clears it once shown. */
export async function takeNotice(request: Request): Promise<{ notice: string | null; headers: HeadersInit }> {
  const notice = (await noticeCookie().parse(request.headers.get("Cookie"))) as unknown;
  if (typeof notice !== "string" || !notice) return { notice: null, headers: {} };
  return { notice, headers: { "Set-Cookie": await noticeCookie().serialize("", { maxAge: 0 }) } };
}

/** A redirect from one page to the page a person really belongs on, keeping the notice they have not seen yet. */
export async function redirectKeepingNotice(request: Request, to: string): Promise<Response> {
  const notice = (await noticeCookie().parse(request.headers.get("Cookie"))) as unknown;
  if (typeof notice !== "string" || !notice) return redirect(to);
  return redirectWithNotice(to, notice);
}
