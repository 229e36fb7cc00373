import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { findChampion } from "~/modules/champions/champions.server";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { parseForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { ConfirmNameSchema, ERASED, eraseChampion } from "~/modules/privacy/erasure.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Erase a champion's data — Golden Thread" }];

const ChampionParam = z.string().uuid();

async function championFrom(request: Request, params: Record<string, string | undefined>) {
  const ctx = await requireAccess(request, params, "personal-data:erase");
  const championId = ChampionParam.safeParse(params.champion);
  if (!championId.success) notFound();
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id, championId: championId.data };
  const champion = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => findChampion(tx, scope));
  if (!champion || champion.name === ERASED.champion) notFound();
  return { ctx, scope, champion, path: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}/champions` };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, champion, path } = await championFrom(request, params);
  return json({ organisation: ctx.organisation!.name, champion: { id: champion.id, name: champion.name, email: champion.email, hasAccount: Boolean(champion.userId) }, path });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, scope, champion, path } = await championFrom(request, params);
  const form = await parseForm(request, ConfirmNameSchema(champion.name));
  if (!form.ok) return json(form.reply, { status: 400 });
  if (!(await eraseChampion({ ...scope, actorId: ctx.user.id }))) notFound();
  return redirectWithNotice(path, `${champion.name}'s personal data has been erased`);
}

export default function EraseChampion() {
  const { organisation, champion, path } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `${path}/${champion.id}`, label: `Back to ${champion.name}` }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["confirmName"]} />
          <span className="govuk-caption-l">{organisation}</span>
          <h1 className="govuk-heading-l">Erase {champion.name}&apos;s champion record</h1>
          <p className="govuk-body">Do this when {champion.name} asks to be forgotten. It cannot be undone.</p>
          <h2 className="govuk-heading-m">What happens</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>their name, work email ({champion.email}) and job title are replaced by &ldquo;Erased champion&rdquo;</li>
            <li>if they are still a champion, the record shows them as having left today</li>
            <li>invitations to them are deleted, emails to them are blanked, and earlier audit entries show &ldquo;[erased]&rdquo; instead of their details</li>
            {champion.hasAccount ? <li>their sign-in account is not erased: to erase that too, use Erase personal data on their page under People</li> : null}
          </ul>
          <h2 className="govuk-heading-m">What stays</h2>
          <p className="govuk-body">
            The dates they were a champion and their training level stay, so champion and training figures do not change. The audit trail records that you erased this record, and
            when.
          </p>
          <Form method="post" noValidate>
            <TextField name="confirmName" label={`To confirm, type their full name: ${champion.name}`} autoComplete="off" spellCheck={false} reply={reply} />
            <Button warning>Erase champion record</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
