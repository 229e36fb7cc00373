import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { ROLE_LABELS } from "~/modules/auth/permissions";
import { NewRoleSchema, RoleKeySchema } from "~/modules/people/member-forms.server";
import { changeRole, findMember, type RoleKey } from "~/modules/people/members.server";
import { describeRole, isOrganisationRole, ORGANISATION_ROLES, PARTNERSHIP_ROLES } from "~/modules/people/roles";
import { formValues, parseFormData, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { listBoroughs } from "~/modules/tenancy/partnerships.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, RadiosField, SelectField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Change a role — Golden Thread" }];

const PersonParam = z.string().uuid();

/** The person (404 unless they hold a role here) and which of their roles, from the query or the form. */
async function roleFrom(request: Request, params: Record<string, string | undefined>, source: URLSearchParams | FormData) {
  const ctx = await requireAccess(request, params, "people:manage");
  const person = PersonParam.safeParse(params.person);
  if (!person.success) notFound();
  const partnershipId = ctx.partnership.id;
  const found = await withPartnership(partnershipId, ctx.user.id, async (tx) => ({
    member: await findMember(tx, { partnershipId, userId: person.data }),
    boroughs: await listBoroughs(tx, { partnershipId }),
  }));
  if (!found.member) notFound();
  const key = RoleKeySchema.safeParse({ role: source.get("role") ?? undefined, organisationId: source.get("organisationId") ?? undefined });
  if (!key.success) throw new Response("Choose a role to change from the person's page.", { status: 400 });
  const current = found.member.roles.find((r) => r.role === key.data.role && r.organisationId === key.data.organisationId);
  if (!current) notFound();
  return { ctx, member: found.member, current, key: key.data as RoleKey, boroughs: found.boroughs };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, member, current, boroughs } = await roleFrom(request, params, new URL(request.url).searchParams);
  return json({ slug: ctx.partnership.slug, member: { userId: member.userId, name: member.name }, current, boroughs });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const body = await readForm(request);
  const { ctx, member, key } = await roleFrom(request, params, body);
  const form = parseFormData(body, NewRoleSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const partnershipId = ctx.partnership.id;
  const result = await withPartnership(partnershipId, ctx.user.id, (tx) =>
    changeRole(tx, { partnershipId, userId: member.userId, from: key, to: { role: form.data.newRole, boroughId: form.data.boroughId } }),
  );
  if (!result.ok && result.notFound) notFound();
  if (!result.ok) return json(refuse(formValues(body), { [result.field]: result.message }), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/people/${member.userId}`, "Role changed");
}

export default function ChangeRole() {
  const { slug, member, current, boroughs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const organisational = isOrganisationRole(current.role);
  const choices = organisational ? ORGANISATION_ROLES : PARTNERSHIP_ROLES;
  return (
    <Main backLink={{ to: `/p/${slug}/people/${member.userId}`, label: `Back to ${member.name}` }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["newRole", "boroughId"]} />
          <span className="govuk-caption-l">{member.name}</span>
          <Form method="post" noValidate>
            <input type="hidden" name="role" value={current.role} />
            {current.organisationId ? <input type="hidden" name="organisationId" value={current.organisationId} /> : null}
            <RadiosField
              name="newRole"
              isPageHeading
              legend={organisational ? `What should ${member.name} be at ${current.organisationName}?` : `What should ${member.name} be in this partnership?`}
              hint={`Now: ${describeRole(current.role, current)}`}
              defaultValue={current.role}
              reply={reply}
              options={choices.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
            />
            {organisational ? null : (
              <SelectField
                name="boroughId"
                label="Borough (board members only)"
                hint="Limit a board member to one borough, or leave as the whole partnership"
                placeholder="The whole partnership"
                defaultValue={current.boroughId}
                options={boroughs.map((b) => ({ value: b.id, label: b.name }))}
                reply={reply}
              />
            )}
            <Button>Change role</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
