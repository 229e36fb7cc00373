import { Form, Link, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { SessionUser } from "~/modules/auth/session.server";

export function SkipLink() {
  return (
    <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
      Skip to main content
    </a>
  );
}

function ThreadMark() {
  return (
    <svg className="gt-header__thread" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="14" fill="none" stroke="#f3c13a" strokeWidth="3" />
      <path d="M5 20 C 12 6, 20 26, 27 12" fill="none" stroke="#ffffff" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function Header({ user }: { user: Pick<SessionUser, "name" | "email"> | null }) {
  return (
    <header className="gt-header" role="banner">
      <div className="govuk-width-container">
        <div className="govuk-header__container govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Link to={user ? "/home" : "/"} className="gt-header__service">
              <ThreadMark />
              Golden Thread
            </Link>
          </div>
          <div className="govuk-grid-column-one-half">
            <div className="gt-header__account">
              {user ? (
                <>
                  <Link to="/account" className="govuk-link govuk-link--inverse">
                    <span className="govuk-visually-hidden">Your account: </span>
                    {user.name}
                  </Link>
                  <Form method="post" action="/logout" reloadDocument>
                    <button type="submit" className="gt-link-button">
                      Sign out
                    </button>
                  </Form>
                </>
              ) : (
                <Link to="/login" className="govuk-link govuk-link--inverse">
                  Sign in
                </Link>
              )}
            </div>
          </div>
        </div>
      </div>
    </header>
  );
}

export function DemoBanner() {
  return (
    <div className="gt-demo-banner" role="region" aria-label="Demo data">
      <div className="govuk-width-container">
        <strong className="govuk-tag govuk-tag--yellow">Demo data</strong>
        Places are real; the people, pledges and figures are invented to show how Golden Thread works.
      </div>
    </div>
  );
}

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

export function ServiceNav({ items, current, label }: { items: NavItem[]; current: string; label: string }) {
  return (
    <nav className="gt-service-nav" aria-label={label}>
      <div className="govuk-width-container">
        <ul className="gt-service-nav__list">
          {items.map((item) => {
            const active = item.end ? current === item.to : current === item.to || current.startsWith(item.to + "/");
            return (
              <li key={item.to} className={`gt-service-nav__item${active ? " gt-service-nav__item--active" : ""}`}>
                <Link to={item.to} className="gt-service-nav__link" aria-current={active ? "page" : undefined}>
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

export function Footer() {
  return (
    <footer className="govuk-footer gt-footer" role="contentinfo">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/privacy">
                  Privacy
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/accessibility">
                  Accessibility statement
                </Link>
              </li>
            </ul>
            <p className="govuk-body-s">Golden Thread holds aggregate counts and organisational information only — never case details.</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

/**
 * The page's main area; shows the pending one-time notice ("Return submitted") first, on the page
 * it was taken for only: with JavaScript the root's data outlives a client-side navigation, and the
 * banner must not follow the person to every later page.
 */
export function Main({ children, backLink }: { children: ReactNode; backLink?: { to: string; label?: string } }) {
  const root = useRouteLoaderData<{ notice: string | null; noticeAt?: string | null }>("root");
  const { pathname } = useLocation();
  const notice = root?.notice && root.noticeAt === pathname ? root.notice : null;
  return (
    <div className="govuk-width-container">
      {backLink ? (
        <Link to={backLink.to} className="govuk-back-link">
          {backLink.label ?? "Back"}
        </Link>
      ) : null}
      <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
        {notice ? <NoticeBanner notice={notice} /> : null}
        {children}
      </main>
    </div>
  );
}

export function NoticeBanner({ notice }: { notice: string }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="notice-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notice-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{notice}</p>
      </div>
    </div>
  );
}
