/**
 * Before a session ends for want of use, a person with JavaScript is told and can stay signed in
 * (WCAG 2.2.1, Timing Adjustable): five minutes before, and whenever the person comes back to the
 * tab, the page asks the server how long is left (without extending it: another tab may have used
 * it), and if it is ending shows a banner
 * with a button that extends it. Once it has ended the banner says so: what is then sent is kept
 * for after signing in again (auth/kept-post.server.ts).
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export const WARN_BEFORE_MS = 5 * 60 * 1000;

interface TimeLeft {
  endsInMs: number;
  extendable: boolean;
}

const isTimeLeft = (data: unknown): data is TimeLeft => typeof data === "object" && data !== null && typeof (data as TimeLeft).endsInMs === "number";

export function SessionWarning({ initial }: { initial: TimeLeft }) {
  const check = useFetcher<TimeLeft>();
  const stay = useFetcher<TimeLeft>();
  const [left, setLeft] = useState<TimeLeft>(initial);
  const [phase, setPhase] = useState<"quiet" | "warning" | "ended">("quiet");
  const banner = useRef<HTMLDivElement>(null);

  // A fresh reading from the server or the root's data (after a save) starts the timers again.
  useEffect(() => setLeft(initial), [initial]);
  // A reading is only a reading when it has the shape the route gives (a redirect to sign in does not).
  useEffect(() => {
    if (isTimeLeft(check.data)) setLeft(check.data);
    else if (check.state === "idle" && check.data !== undefined) setLeft({ endsInMs: 0, extendable: false });
  }, [check.data, check.state]);
  useEffect(() => {
    if (isTimeLeft(stay.data)) {
      setLeft(stay.data);
      setPhase("quiet");
    }
  }, [stay.data]);

  useEffect(() => {
    if (left.endsInMs > WARN_BEFORE_MS) {
      setPhase("quiet");
      const timer = setTimeout(() => check.load("/account/session"), left.endsInMs - WARN_BEFORE_MS);
      return () => clearTimeout(timer);
    }
    if (left.endsInMs <= 0) {
      setPhase("ended");
      return;
    }
    setPhase("warning");
    const timer = setTimeout(() => setPhase("ended"), left.endsInMs);
    return () => clearTimeout(timer);
    // check.load is stable enough for a timer; re-running on it would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [left]);

  useEffect(() => {
    if (phase !== "quiet") banner.current?.focus();
  }, [phase]);

  // Timers stop while a laptop sleeps and another tab may have used the session: coming back to
  // the page asks again how long is left.
  useEffect(() => {
    const again = () => {
      if (document.visibilityState === "visible") check.load("/account/session");
    };
    window.addEventListener("focus", again);
    document.addEventListener("visibilitychange", again);
    return () => {
      window.removeEventListener("focus", again);
      document.removeEventListener("visibilitychange", again);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (phase === "quiet") return null;
  const minutes = Math.max(1, Math.ceil(left.endsInMs / 60_000));
  return (
    <div className="govuk-width-container">
      <div className="govuk-notification-banner gt-session-warning" role="alert" aria-labelledby="session-warning-title" tabIndex={-1} ref={banner}>
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="session-warning-title">
            {phase === "ended" ? "You have been signed out" : "You will be signed out soon"}
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          {phase === "ended" ? (
            <p className="govuk-body">
              Your session has ended. Anything you send now is kept: sign in again and you can send it.{" "}
              <a className="govuk-link" href="/login?reason=ended">
                Sign in
              </a>
            </p>
          ) : left.extendable ? (
            <>
              <p className="govuk-body">
                You have not used Golden Thread for a while, so you will be signed out in {minutes === 1 ? "about a minute" : `${minutes} minutes`}. Nothing you have typed is lost
                either way.
              </p>
              <stay.Form method="post" action="/account/session">
                <button type="submit" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
                  Stay signed in
                </button>
              </stay.Form>
            </>
          ) : (
            <p className="govuk-body">
              You have been signed in for 12 hours, the longest a session lasts: you will be signed out in {minutes === 1 ? "about a minute" : `${minutes} minutes`}. Save what you
              are doing; you can sign in again straight away.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
