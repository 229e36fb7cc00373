import { Form } from "@remix-run/react";
import { ROLE_LABELS } from "../auth/permissions";
import type { InvitedRole } from "./roles";
import { Button, ErrorSummary, RadiosField, SelectField, TextField, type Reply } from "~/ui/form";

const ROLE_HINTS: Record<InvitedRole, string> = {
  coordinator: "Runs the partnership: organisations, pledge, returns, plan and people",
  board: "Reads every dashboard, plan and review; changes nothing",
  org_admin: "Keeps an organisation's profile, signs its pledge, names champions and invites colleagues",
  champion: "Files the organisation's quarterly return and progress on its plan actions",
};

/** Invite someone: their email and name, the role, and where that role applies. */
export function InviteForm({
  roles,
  reply,
  boroughs,
  organisations,
}: {
  roles: InvitedRole[];
  reply: Reply | null | undefined;
  /** For board members: the boroughs one may be limited to. */
  boroughs?: Array<{ id: string; name: string }>;
  /** For organisation roles chosen on the partnership's page. */
  organisations?: Array<{ id: string; name: string }>;
}) {
  return (
    <>
      <ErrorSummary reply={reply} order={["name", "email", "role", "boroughId", "organisationId"]} />
      <Form method="post" noValidate>
        <TextField name="name" label="Their full name (optional)" hint="Used to greet them in the email" autoComplete="off" spellCheck={false} reply={reply} />
        <TextField
          name="email"
          label="Their email address"
          hint="Use their work email. The invitation link is sent here."
          type="email"
          autoComplete="off"
          spellCheck={false}
          reply={reply}
        />
        <RadiosField
          name="role"
          legend="Role"
          legendClassName="govuk-fieldset__legend--m"
          reply={reply}
          defaultValue={roles.length === 1 ? roles[0] : undefined}
          options={roles.map((role) => ({ value: role, label: ROLE_LABELS[role], hint: ROLE_HINTS[role] }))}
        />
        {boroughs && roles.includes("board") ? (
          <SelectField
            name="boroughId"
            label="Borough (board members only)"
            hint="Limit a board member to one borough, or leave as the whole partnership"
            placeholder="The whole partnership"
            options={boroughs.map((b) => ({ value: b.id, label: b.name }))}
            reply={reply}
          />
        ) : null}
        {organisations ? (
          <SelectField
            name="organisationId"
            label="Organisation (organisation administrators only)"
            placeholder="Choose an organisation"
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            reply={reply}
          />
        ) : null}
        <Button>Send invitation</Button>
      </Form>
    </>
  );
}
