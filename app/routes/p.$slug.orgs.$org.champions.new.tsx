import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { CHAMPION_FIELDS, championSchema } from "~/modules/champions/champion-form";
import { addChampion, currentContact } from "~/modules/champions/champions.server";
import { contactChangedMessage, contactNotice, contactShownIn } from "~/modules/champions/champion-form";
import { ChampionFields } from "~/modules/champions/components";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Name a champion — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "champions:manage");
  const scope = {
    partnershipId: ctx.partnership.id,
    organisationId: ctx.organisation!.id,
  };
  const contact = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => currentContact(tx, scope));
  return json({
    organisation: ctx.organisation!.name,
    path: `/p/${ctx.partnership.slug}/orgs/${ctx.organisation!.id}`,
    contact: contact ? { id: contact.id, name: contact.name } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "champions:manage");
  const form = await parseForm(request, championSchema(today()));
  if (!form.ok) return json(form.reply, { status: 400 });
  const scope = {
    partnershipId: ctx.partnership.id,
    organisationId: ctx.organisation!.id,
  };
  const saved = await withPartnership(scope.partnershipId, ctx.user.id, (tx) =>
    addChampion(tx, {
      ...scope,
      input: form.data,
      contactShown: contactShownIn(form.values),
    }),
  );
  if (!saved.ok && saved.reason === "contact-changed") return json(refuse(form.values, {}, contactChangedMessage(form.data.name, saved.contact)), { status: 409 });
  if (!saved.ok) return json(refuse(form.values, saved.errors ?? {}), { status: 409 });
  return redirectWithNotice(
    `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}/champions/${saved.id}`,
    `${form.data.name} is now an RJ champion${contactNotice(form.data.name, saved.replacedContact)}`,
  );
}

export default function NewChampion() {
  const { organisation, path, contact } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `${path}/champions` }}>
      <ErrorSummary reply={reply} order={CHAMPION_FIELDS} />
      <span className="govuk-caption-l">{organisation}</span>
      <h1 className="govuk-heading-l">Name an RJ champion</h1>
      <Form method="post" noValidate>
        <ChampionFields reply={reply} contact={contact} />
        <Button>Save champion</Button>
      </Form>
    </Main>
  );
}
