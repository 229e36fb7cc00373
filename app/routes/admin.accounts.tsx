import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin, notFound } from "~/modules/auth/guard.server";
import { AccountSwitchSchema, findAccounts, resetTwoFactor, switchAccount } from "~/modules/auth/account-admin.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { formatDate } from "~/modules/platform/dates";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Accounts — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const query = (new URL(request.url).searchParams.get("q") ?? "").replaceAll("\u0000", "").slice(0, 200);
  return json({ query, accounts: await findAccounts(admin.id, query), adminId: admin.id });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const form = await parseForm(request, AccountSwitchSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const back = form.data.q ? `/admin/accounts?q=${encodeURIComponent(form.data.q)}` : "/admin/accounts";
  if (form.data.intent === "reset-two-factor") {
    if (form.data.userId === admin.id)
      return json(refuse(form.values, {}, "You cannot reset your own two-factor sign-in. Use a recovery code, or ask another platform administrator"), { status: 400 });
    const reset = await resetTwoFactor(admin.id, { userId: form.data.userId });
    if (!reset) notFound();
    return redirectWithNotice(back, `${reset.name}'s two-factor sign-in is reset and they are signed out everywhere. They set it up again when they next sign in`);
  }
  if (form.data.userId === admin.id) return json(refuse(form.values, {}, "You cannot disable your own account"), { status: 400 });
  const account = await switchAccount(admin.id, { userId: form.data.userId, disabled: form.data.intent === "disable" });
  if (!account) notFound();
  return redirectWithNotice(back, form.data.intent === "disable" ? `${account.name}'s account is disabled and signed out everywhere` : `${account.name}'s account is enabled`);
}

export default function Accounts() {
  const { query, accounts, adminId } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: "/admin", label: "Back to platform administration" }}>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">Platform administration</span>
      <h1 className="govuk-heading-l">Accounts</h1>
      <p className="govuk-body">A disabled account is signed out everywhere and cannot sign in. Its roles stay, so enabling it restores them.</p>
      <p className="govuk-body">
        Reset two-factor sign-in only for someone who has lost both their phone and their recovery codes, after checking who they are another way, for example by calling them on a
        number you already hold.
      </p>
      <Form method="get" className="gt-inline-form" role="search">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="q">
            Name or email address
          </label>
          <input className="govuk-input govuk-input--width-20" id="q" name="q" type="search" defaultValue={query} spellCheck={false} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Search
        </button>
      </Form>
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{query ? `Accounts matching “${query}”` : "Accounts"}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Email address
              </th>
              <th scope="col" className="govuk-table__header">
                Since
              </th>
              <th scope="col" className="govuk-table__header">
                Two-factor
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {accounts.map((a) => (
              <tr className="govuk-table__row" key={a.id}>
                <td className="govuk-table__cell">
                  {a.name}
                  {a.is_platform_admin ? <span className="govuk-body-s"> (platform administrator)</span> : null}
                </td>
                <td className="govuk-table__cell gt-break">{a.email}</td>
                <td className="govuk-table__cell">{formatDate(a.created_at)}</td>
                <td className="govuk-table__cell">
                  {a.has_two_factor ? "On" : "Off"}
                  {a.has_two_factor && a.id !== adminId ? (
                    <Form method="post" className="govuk-!-margin-top-2">
                      <input type="hidden" name="userId" value={a.id} />
                      <input type="hidden" name="q" value={query} />
                      <button type="submit" name="intent" value="reset-two-factor" className="gt-link-button">
                        Reset<span className="govuk-visually-hidden"> two-factor sign-in of {a.name}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  {a.disabled_at ? <strong className="govuk-tag govuk-tag--grey">Disabled</strong> : <strong className="govuk-tag govuk-tag--green">Active</strong>}
                  {a.id === adminId ? null : (
                    <Form method="post" className="govuk-!-margin-top-2">
                      <input type="hidden" name="userId" value={a.id} />
                      <input type="hidden" name="q" value={query} />
                      <button type="submit" name="intent" value={a.disabled_at ? "enable" : "disable"} className="gt-link-button">
                        {a.disabled_at ? "Enable" : "Disable"}
                        <span className="govuk-visually-hidden"> the account of {a.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Main>
  );
}
