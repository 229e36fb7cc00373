import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { findMember } from "~/modules/people/members.server";
import { describeRole } from "~/modules/people/roles";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { ConfirmNameSchema, eraseMember, memberErasureCheck } from "~/modules/privacy/erasure.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Erase a person's data — Golden Thread" }];

const PersonParam = z.string().uuid();

async function memberFrom(request: Request, params: Record<string, string | undefined>) {
  const ctx = await requireAccess(request, params, "personal-data:erase");
  const person = PersonParam.safeParse(params.person);
  if (!person.success) notFound();
  const member = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findMember(tx, { partnershipId: ctx.partnership.id, userId: person.data }));
  if (!member) notFound();
  return { ctx, member, scope: { partnershipId: ctx.partnership.id, actorId: ctx.user.id, member } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, member, scope } = await memberFrom(request, params);
  const check = await memberErasureCheck(scope);
  return json({
    slug: ctx.partnership.slug,
    partnershipName: ctx.partnership.name,
    member: { userId: member.userId, name: member.name, email: member.email, roles: member.roles.map((r) => describeRole(r.role, r)) },
    refusal: check.ok ? null : check.reason,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, member, scope } = await memberFrom(request, params);
  const form = await parseForm(request, ConfirmNameSchema(member.name));
  if (!form.ok) return json(form.reply, { status: 400 });
  const erased = await eraseMember(scope);
  if (!erased.ok) return json(refuse(form.values, {}, erased.reason), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/people`, `${member.name}'s personal data has been erased`);
}

export default function ErasePerson() {
  const { slug, partnershipName, member, refusal } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/people/${member.userId}`, label: `Back to ${member.name}` }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["confirmName"]} />
          <span className="govuk-caption-l">{partnershipName}</span>
          <h1 className="govuk-heading-l">Erase {member.name}&apos;s personal data</h1>
          <p className="govuk-body">Do this when {member.name} asks to be forgotten and no longer works with the partnership. It cannot be undone.</p>
          <h2 className="govuk-heading-m">What happens</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>their name and email address ({member.email}) are replaced by &ldquo;Erased person&rdquo; wherever Golden Thread shows them</li>
            <li>their account is closed: its password, two-factor sign-in and sessions are deleted, and their roles ({member.roles.join("; ")}) are removed</li>
            <li>their champion records here keep only the dates and training level, under &ldquo;Erased champion&rdquo;</li>
            <li>invitations to them are deleted, emails to them are blanked, and earlier audit entries show &ldquo;[erased]&rdquo; instead of their details</li>
          </ul>
          <h2 className="govuk-heading-m">What stays</h2>
          <p className="govuk-body">
            Returns, figures, plan updates and pledge signatures they submitted stay, so the partnership&apos;s history does not change. The audit trail records that you erased
            this person&apos;s data, and when.
          </p>
          {refusal ? (
            <div className="govuk-inset-text">{refusal}</div>
          ) : (
            <Form method="post" noValidate>
              <TextField name="confirmName" label={`To confirm, type their full name: ${member.name}`} autoComplete="off" spellCheck={false} reply={reply} />
              <Button warning>Erase personal data</Button>
            </Form>
          )}
        </div>
      </div>
    </Main>
  );
}
