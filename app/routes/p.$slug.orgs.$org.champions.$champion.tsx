import { linkOrigin } from "~/modules/platform/origin.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { CHAMPION_FIELDS, championSchema } from "~/modules/champions/champion-form";
import { currentContact, findChampion, recordLeaving, updateChampion } from "~/modules/champions/champions.server";
import { contactChangedMessage, contactNotice, contactShownIn } from "~/modules/champions/champion-form";
import { tellContactLeft } from "~/modules/champions/contact-left.server";
import { ChampionFields } from "~/modules/champions/components";
import { inviteChampion } from "~/modules/champions/invite.server";
import { TRAINING_LABELS } from "~/modules/champions/training";
import { deliverSoon } from "~/modules/notify/delivery.server";
import { invitationNotice } from "~/modules/people/invite.server";
import { dateField, withDates } from "~/modules/platform/date-input";
import { formatDate } from "~/modules/platform/dates";
import { parseForm, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { ERASED } from "~/modules/privacy/erased";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { DateField } from "~/ui/DateField";
import { Main } from "~/ui/Layout";
import { Button, ErrorSummary, type Reply } from "~/ui/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.champion.name ?? "Champion"} — Golden Thread` }];

const ChampionParam = z.string().uuid();

async function requireChampion(request: Request, params: Record<string, string | undefined>) {
  const ctx = await requireAccess(request, params, "champions:manage");
  const championId = ChampionParam.safeParse(params.champion);
  if (!championId.success) notFound();
  const scope = {
    partnershipId: ctx.partnership.id,
    organisationId: ctx.organisation!.id,
    championId: championId.data,
  };
  const { champion, contact } = await withPartnership(scope.partnershipId, ctx.user.id, async (tx) => ({
    champion: await findChampion(tx, scope),
    contact: await currentContact(tx, scope),
  }));
  if (!champion) notFound();
  return {
    ctx,
    scope,
    champion,
    contact: contact && contact.id !== champion.id ? { id: contact.id, name: contact.name } : null,
    path: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}/champions`,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, champion, contact, path } = await requireChampion(request, params);
  return json({
    organisation: ctx.organisation!.name,
    champion,
    contact,
    path,
    canErase: ctx.can("personal-data:erase") && champion.name !== ERASED.champion,
  });
}

const STALE = "Someone changed this champion's details after you opened this page. What you typed is below: check it and save again.";

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, scope, champion, path } = await requireChampion(request, params);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const on = today();
  if (intent === "leave") {
    const form = await parseForm(formData, withDates(["leftOn"], z.object({ leftOn: dateField("the date they left", { today: on, when: "past" }) })));
    if (!form.ok) return json(form.reply, { status: 400 });
    const saved = await withPartnership(scope.partnershipId, ctx.user.id, async (tx) => {
      const left = await recordLeaving(tx, {
        ...scope,
        leftOn: form.data.leftOn,
      });
      if (left.ok && left.leftAsContact) {
        await tellContactLeft(tx, {
          ...scope,
          partnershipSlug: ctx.partnership.slug,
          name: champion.name,
          leftOn: form.data.leftOn,
          origin: linkOrigin(),
        });
      }
      return left;
    });
    if (!saved.ok) return json(refuse(form.values, saved.errors ?? {}, saved.errors ? undefined : `${champion.name} has already left`), { status: 409 });
    if (saved.leftAsContact) deliverSoon(scope.partnershipId);
    return redirectWithNotice(
      path,
      saved.leftAsContact
        ? `${champion.name}'s leaving date is recorded. They were the communications contact: choose another champion as the contact`
        : `${champion.name}'s leaving date is recorded`,
    );
  }
  if (intent === "invite") {
    const result = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => inviteChampion(tx, { ...scope, invitedBy: ctx.user.id, origin: linkOrigin() }));
    if (!result) notFound();
    if (!result.ok) return json({ errors: {}, formError: result.message } as Reply, { status: 409 });
    deliverSoon(scope.partnershipId);
    return redirectWithNotice(`${path}/${champion.id}`, invitationNotice(champion.email, "Invitation emails"));
  }
  const form = await parseForm(formData, championSchema(on).and(z.object({ revision: z.string() })));
  if (!form.ok) return json(form.reply, { status: 400 });
  const { revision, ...input } = form.data;
  const saved = await withPartnership(scope.partnershipId, ctx.user.id, (tx) =>
    updateChampion(tx, {
      ...scope,
      revision,
      input,
      contactShown: contactShownIn(form.values),
    }),
  );
  if (!saved.ok && saved.reason === "contact-changed") return json(refuse(form.values, {}, contactChangedMessage(input.name, saved.contact)), { status: 409 });
  if (!saved.ok) {
    const message = saved.reason === "stale" ? STALE : saved.reason === "left" ? `${champion.name} has left: their details can no longer be changed` : undefined;
    return json(refuse({ ...form.values, revision: champion.revision }, saved.errors ?? {}, message), { status: 409 });
  }
  return redirectWithNotice(path, `${input.name}'s details are saved${contactNotice(input.name, saved.replacedContact)}`);
}

export default function ChampionPage() {
  const { organisation, champion, contact, path, canErase } = useLoaderData<typeof loader>();
  const erase = canErase ? (
    <>
      <h2 className="govuk-heading-m">Erase their personal data</h2>
      <p className="govuk-body">If {champion.name} asks to be forgotten, erase their name, email and job title. Their dates and training still count in the figures.</p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`${path}/${champion.id}/erase`}>
          Erase {champion.name}&apos;s personal data
        </Link>
      </p>
    </>
  ) : null;
  const reply = useActionData<typeof action>() as Reply | undefined;
  const leaving = reply?.values && "leftOn-day" in reply.values ? reply : null;
  const details = leaving ? null : reply;
  if (champion.leftOn) {
    return (
      <Main backLink={{ to: path }}>
        <span className="govuk-caption-l">{organisation}</span>
        <h1 className="govuk-heading-l">{champion.name}</h1>
        <p className="govuk-body">
          {champion.jobTitle}. RJ champion from {formatDate(champion.since)} until {formatDate(champion.leftOn)}; {TRAINING_LABELS[champion.training]}.
        </p>
        {erase}
      </Main>
    );
  }
  return (
    <Main backLink={{ to: path }}>
      <ErrorSummary reply={reply} order={[...CHAMPION_FIELDS, "leftOn"]} />
      <span className="govuk-caption-l">{organisation}</span>
      <h1 className="govuk-heading-l">{champion.name}</h1>

      <h2 className="govuk-heading-m">Signing in</h2>
      {champion.userId ? (
        <p className="govuk-body">{champion.name} can sign in to Golden Thread as a champion of the organisation.</p>
      ) : (
        <Form method="post">
          <p className="govuk-body">Invite {champion.name} to sign in, so they can file the quarterly return and update the actions the organisation owns.</p>
          <Button name="intent" value="invite" secondary>
            Invite {champion.name} to sign in
          </Button>
        </Form>
      )}

      <h2 className="govuk-heading-m">Details</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={details?.values?.revision?.toString() ?? champion.revision} readOnly />
        <ChampionFields champion={champion} reply={details} contact={contact} />
        <Button name="intent" value="save">
          Save changes
        </Button>
      </Form>

      <h2 className="govuk-heading-m">Leaving</h2>
      <Form method="post" noValidate>
        <DateField
          name="leftOn"
          legend={`When did ${champion.name} stop being a champion?`}
          hint="Their record is kept. If they were the organisation's only champion, the post shows as vacant."
          reply={leaving}
        />
        <Button name="intent" value="leave" warning>
          Record that they have left
        </Button>
      </Form>
      {erase}
    </Main>
  );
}
