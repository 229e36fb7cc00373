import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { listThemes, renameThemes } from "~/modules/delivery/plans.server";
import { ThemeName } from "~/modules/delivery/action-forms.server";
import { formValues, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Rename the themes — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const themes = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listThemes(tx, { partnershipId: ctx.partnership.id }));
  return json({ slug: ctx.partnership.slug, themes });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const values = formValues(await readForm(request));
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    const themes = await listThemes(tx, { partnershipId: ctx.partnership.id });
    const names: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const theme of themes) {
      const parsed = ThemeName.safeParse(values[`theme-${theme.id}`] ?? "");
      if (parsed.success) names[theme.id] = parsed.data;
      else errors[`theme-${theme.id}`] = parsed.error.issues[0].message;
    }
    if (Object.keys(errors).length) return { ok: false as const, errors };
    return renameThemes(tx, { partnershipId: ctx.partnership.id, names });
  });
  if (!result.ok) return json(refuse(values, result.errors), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/plans`, "Theme names saved");
}

export default function Themes() {
  const { slug, themes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/plans`, label: "Back to the delivery plan" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={themes.map((t) => `theme-${t.id}`)} />
          <h1 className="govuk-heading-l">Rename the themes</h1>
          <p className="govuk-body">
            The six themes come from the consultation in the county strategy. You can change their names to suit your partnership; reviews already opened keep the names they were
            opened with.
          </p>
          <Form method="post" noValidate>
            {themes.map((t) => (
              <TextField key={t.id} name={`theme-${t.id}`} label={`Theme ${t.position}`} defaultValue={t.name} reply={reply} />
            ))}
            <Button>Save theme names</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
