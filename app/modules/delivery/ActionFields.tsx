/** The fields of an action, for adding one and for changing it. */
import { CheckboxesField, SelectField, TextArea, TextField, type Reply } from "~/ui/form";

export interface ActionDefaults {
  title?: string;
  description?: string | null;
  themeId?: string;
  leadOrganisationId?: string;
  supportingOrganisationIds?: string[];
  boroughIds?: string[];
  startOn?: string;
  dueOn?: string;
  successMeasure?: string | null;
  weight?: number;
}

export const ACTION_FIELD_ORDER = [
  "title",
  "description",
  "themeId",
  "leadOrganisationId",
  "supportingOrganisationIds",
  "boroughIds",
  "startOn",
  "dueOn",
  "successMeasure",
  "weight",
];

export function ActionFields({
  choices,
  defaults,
  reply,
}: {
  choices: { themes: Array<{ id: string; name: string; position: number }>; organisations: Array<{ id: string; name: string }>; boroughs: Array<{ id: string; name: string }> };
  defaults: ActionDefaults;
  reply: Reply | null | undefined;
}) {
  const scoped = Boolean(reply?.errors?.supportingOrganisationIds || reply?.errors?.boroughIds || defaults.supportingOrganisationIds?.length || defaults.boroughIds?.length);
  return (
    <>
      <TextField name="title" label="Action" hint="What partners will do, in a sentence" defaultValue={defaults.title} reply={reply} />
      <TextArea name="description" label="Description (optional)" rows={3} defaultValue={defaults.description} reply={reply} />
      <SelectField
        name="themeId"
        label="Theme"
        placeholder="Choose a theme"
        options={choices.themes.map((t) => ({ value: t.id, label: `${t.position}. ${t.name}` }))}
        defaultValue={defaults.themeId}
        reply={reply}
      />
      <SelectField
        name="leadOrganisationId"
        label="Lead organisation"
        hint="Its champions and administrators record the quarterly updates"
        placeholder="Choose an organisation"
        options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
        defaultValue={defaults.leadOrganisationId}
        reply={reply}
      />
      <details className="govuk-details" open={scoped || undefined}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Supporting organisations and boroughs</span>
        </summary>
        <div className="govuk-details__text">
          <CheckboxesField
            name="supportingOrganisationIds"
            legend="Supporting organisations (optional)"
            small
            options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
            defaultValues={defaults.supportingOrganisationIds}
            reply={reply}
          />
          <CheckboxesField
            name="boroughIds"
            legend="Boroughs"
            hint="Leave every box unticked if the action covers the whole partnership"
            small
            options={choices.boroughs.map((b) => ({ value: b.id, label: b.name }))}
            defaultValues={defaults.boroughIds}
            reply={reply}
          />
        </div>
      </details>
      <TextField name="startOn" label="Start date" type="date" width={10} defaultValue={defaults.startOn} reply={reply} />
      <TextField name="dueOn" label="Due date" type="date" width={10} defaultValue={defaults.dueOn} reply={reply} />
      <TextArea name="successMeasure" label="Success measure (optional)" hint="How partners will know it is done" rows={2} defaultValue={defaults.successMeasure} reply={reply} />
      <TextField
        name="weight"
        label="Weight"
        hint="From 1 to 10: how much this action counts towards its theme's and the plan's progress"
        inputMode="numeric"
        width={2}
        defaultValue={defaults.weight ?? 1}
        reply={reply}
      />
    </>
  );
}
