import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { parseForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { PartnershipSettingsSchema, updatePartnershipSettings } from "~/modules/tenancy/partnership-setup.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, CheckboxesField, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Partnership settings — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const p = ctx.partnership;
  return json({
    slug: p.slug,
    settings: {
      name: p.name,
      county: p.county,
      deadlineDays: p.deadline_days,
      graceDays: p.grace_days,
      suppressionThreshold: p.suppression_threshold,
      publish: [p.publish_register ? "register" : null, p.publish_figures ? "figures" : null, p.join_requests_open ? "join" : null].filter((v): v is string => Boolean(v)),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const form = await parseForm(request, PartnershipSettingsSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => updatePartnershipSettings(tx, { partnershipId: ctx.partnership.id, settings: form.data }));
  return redirectWithNotice(`/p/${ctx.partnership.slug}/settings`, "Settings saved");
}

export default function Settings() {
  const { slug, settings } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["name", "deadlineDays", "graceDays", "suppressionThreshold"]} />
          <span className="govuk-caption-l">{settings.county}</span>
          <h1 className="govuk-heading-l">Partnership settings</h1>
          <p className="govuk-body">
            Also set up the partnership&apos;s{" "}
            <Link className="govuk-link" to={`/p/${slug}/boroughs`}>
              boroughs
            </Link>{" "}
            and{" "}
            <Link className="govuk-link" to={`/p/${slug}/orgs`}>
              organisations
            </Link>
            .
          </p>
          <Form method="post" noValidate>
            <TextField name="name" label="Partnership name" defaultValue={settings.name} reply={reply} />
            <TextField
              name="deadlineDays"
              label="Days after a quarter ends that its return is due"
              hint="For example, 30 makes the return for April to June due on 30 July"
              inputMode="numeric"
              width={3}
              suffix="days"
              defaultValue={settings.deadlineDays}
              reply={reply}
            />
            <TextField
              name="graceDays"
              label="Days after the due date before a quarter's returns lock"
              hint="Late returns can still be filed until then. A coordinator can open a locked quarter for one organisation."
              inputMode="numeric"
              width={3}
              suffix="days"
              defaultValue={settings.graceDays}
              reply={reply}
            />
            <TextField
              name="suppressionThreshold"
              label="Smallest count of people shown in published figures"
              hint="Smaller counts are hidden on public pages and in exports for publication, so nobody can be identified. At least 3."
              inputMode="numeric"
              width={3}
              defaultValue={settings.suppressionThreshold}
              reply={reply}
            />
            <CheckboxesField
              name="publish"
              legend="What the partnership publishes"
              legendClassName="govuk-fieldset__legend--m"
              reply={reply}
              defaultValues={settings.publish}
              options={[
                { value: "register", label: "The register of organisations that have signed the pledge" },
                { value: "figures", label: "Headline figures, with small counts hidden" },
                {
                  value: "join",
                  label: "“Ask to join”: organisations not yet in the partnership can ask from the public page",
                  hint: "You decide each request. Nothing of a request is public, and no account exists until you approve it.",
                },
              ]}
            />
            <Button>Save settings</Button>
          </Form>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/p/${slug}/join-requests`}>
              Requests to join
            </Link>
          </p>
        </div>
      </div>
    </Main>
  );
}
