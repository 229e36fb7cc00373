import { linkOrigin } from "~/modules/platform/origin.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/modules/auth/guard.server";
import { invitationNotice } from "~/modules/people/invite.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { NewPartnershipSchema, startPartnership } from "~/modules/tenancy/partnership-setup.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Create a partnership — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const form = await parseForm(request, NewPartnershipSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const started = await startPartnership({ ...form.data, adminId: admin.id, origin: linkOrigin() });
  if (!started.ok) return json(refuse(form.values, { [started.field]: started.message }), { status: 400 });
  return redirectWithNotice("/admin", `${form.data.name} created. ${invitationNotice(form.data.coordinatorEmail)}`);
}

export default function NewPartnership() {
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: "/admin", label: "Back to partnerships" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["name", "county", "slug", "coordinatorName", "coordinatorEmail"]} />
          <span className="govuk-caption-l">Platform administration</span>
          <h1 className="govuk-heading-l">Create a partnership</h1>
          <Form method="post" noValidate>
            <TextField name="name" label="Partnership name" hint="For example, West Yorkshire Restorative Justice Partnership" reply={reply} />
            <TextField name="county" label="Area it covers" hint="The county or police force area, for example West Yorkshire" reply={reply} />
            <TextField
              name="slug"
              label="Web address"
              hint="Lower-case letters, numbers and hyphens. Its pages will be at /p/ followed by this"
              spellCheck={false}
              autoComplete="off"
              width={20}
              reply={reply}
            />
            <h2 className="govuk-heading-m">First coordinator</h2>
            <p className="govuk-body">They get an invitation to set up their account, and can then invite everyone else.</p>
            <TextField name="coordinatorName" label="Full name" autoComplete="off" spellCheck={false} reply={reply} />
            <TextField name="coordinatorEmail" label="Email address" type="email" autoComplete="off" spellCheck={false} reply={reply} />
            <Button>Create partnership and invite coordinator</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
