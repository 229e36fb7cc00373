import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { RemoveMemberSchema, RemoveRoleSchema } from "~/modules/people/member-forms.server";
import { findMember, removeMember, removeRole } from "~/modules/people/members.server";
import { describeRole } from "~/modules/people/roles";
import { parseFormData, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, Checkbox, ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.member.name ?? "Person"} — Golden Thread` }];

const PersonParam = z.string().uuid();

/** The person in the URL: 404 unless they hold a role in this partnership. */
async function personFrom(request: Request, params: Record<string, string | undefined>) {
  const ctx = await requireAccess(request, params, "people:manage");
  const person = PersonParam.safeParse(params.person);
  if (!person.success) notFound();
  const member = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findMember(tx, { partnershipId: ctx.partnership.id, userId: person.data }));
  if (!member) notFound();
  return { ctx, userId: person.data, member };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, userId, member } = await personFrom(request, params);
  return json({ slug: ctx.partnership.slug, partnershipName: ctx.partnership.name, member, isSelf: userId === ctx.user.id });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, userId } = await personFrom(request, params);
  const partnershipId = ctx.partnership.id;
  const body = await readForm(request);
  const intent = body.get("intent");
  const people = `/p/${ctx.partnership.slug}/people`;
  if (intent === "removeRole") {
    const form = parseFormData(body, RemoveRoleSchema);
    if (!form.ok) return json(form.reply, { status: 400 });
    const done = await withPartnership(partnershipId, ctx.user.id, async (tx) => {
      const result = await removeRole(tx, { partnershipId, userId, role: form.data });
      return result.ok ? { result, left: await findMember(tx, { partnershipId, userId }) } : { result, left: null };
    });
    if (!done.result.ok && done.result.notFound) notFound();
    if (!done.result.ok) return json(refuse(form.values, {}, done.result.message), { status: 400 });
    return redirectWithNotice(done.left ? `${people}/${userId}` : people, "Role removed");
  }
  if (intent === "remove") {
    const form = parseFormData(body, RemoveMemberSchema);
    if (!form.ok) return json(form.reply, { status: 400 });
    const result = await withPartnership(partnershipId, ctx.user.id, (tx) => removeMember(tx, { partnershipId, userId }));
    if (!result.ok && result.notFound) notFound();
    if (!result.ok) return json(refuse(form.values, {}, result.message), { status: 400 });
    return redirectWithNotice(people, `Removed from ${ctx.partnership.name}`);
  }
  return json(refuse({}, {}, "Choose what to do: remove a role or remove the person"), { status: 400 });
}

export default function Person() {
  const { slug, partnershipName, member, isSelf } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const base = `/p/${slug}/people/${member.userId}`;
  return (
    <Main backLink={{ to: `/p/${slug}/people`, label: "Back to people" }}>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{partnershipName}</span>
      <h1 className="govuk-heading-l">{member.name}</h1>
      <p className="govuk-body gt-break">
        {member.email}
        {member.disabled ? <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Account disabled</strong> : null}
      </p>
      <h2 className="govuk-heading-m">Roles in this partnership</h2>
      <dl className="govuk-summary-list">
        {member.roles.map((r) => {
          const label = describeRole(r.role, r);
          const query = new URLSearchParams({ role: r.role, ...(r.organisationId ? { organisationId: r.organisationId } : {}) });
          return (
            <div className="govuk-summary-list__row" key={`${r.role}-${r.organisationId ?? ""}`}>
              <dt className="govuk-summary-list__key">{label}</dt>
              <dd className="govuk-summary-list__actions">
                <div className="gt-actions">
                  <Link className="govuk-link" to={`${base}/role?${query}`}>
                    Change<span className="govuk-visually-hidden"> role {label}</span>
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="role" value={r.role} />
                    {r.organisationId ? <input type="hidden" name="organisationId" value={r.organisationId} /> : null}
                    <button type="submit" name="intent" value="removeRole" className="gt-link-button">
                      Remove<span className="govuk-visually-hidden"> role {label}</span>
                    </button>
                  </Form>
                </div>
              </dd>
            </div>
          );
        })}
      </dl>

      <h2 className="govuk-heading-m">Remove from the partnership</h2>
      <p className="govuk-body">
        {isSelf ? "You will lose" : `${member.name} will lose`} every role in {partnershipName}. {isSelf ? "Your" : "Their"} account, and any roles in other partnerships, stay.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="remove" />
        <Checkbox name="confirm" label={`Yes, remove ${member.name} from ${partnershipName}`} reply={reply?.values?.intent === "remove" ? reply : null} />
        <Button warning>Remove from partnership</Button>
      </Form>

      {isSelf ? null : (
        <>
          <h2 className="govuk-heading-m">Erase their personal data</h2>
          <p className="govuk-body">If {member.name} asks to be forgotten, erase their name, email address and account. The figures they reported stay.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/erase`}>
              Erase {member.name}&apos;s personal data
            </Link>
          </p>
        </>
      )}
    </Main>
  );
}
