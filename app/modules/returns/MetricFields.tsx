/** The fields of a metric the coordinator can change in place (label, group, unit, participant count, "of which"). */
import { Checkbox, SelectField, TextArea, TextField, type Reply } from "~/ui/form";

export function MetricDetailFields({
  reply,
  values,
  otherMetrics,
}: {
  reply: Reply | null | undefined;
  values?: { label: string; group: string; unit: string; participantCount: boolean; partOfId: string | null };
  otherMetrics: Array<{ id: string; label: string }>;
}) {
  return (
    <>
      <TextField name="label" label="Label" hint="What people see on the return, like “Referrals received”." reply={reply} defaultValue={values?.label} width={30} />
      <TextField
        name="group"
        label="Group"
        hint="Metrics in the same group appear together, like “Referrals” or “Workforce”."
        reply={reply}
        defaultValue={values?.group}
        width={20}
      />
      <TextField name="unit" label="Unit (optional)" hint="Shown beside the box, like “people” or “sessions”." reply={reply} defaultValue={values?.unit} width={10} />
      <SelectField
        name="partOfId"
        label="Part of another metric (optional)"
        hint="For “of which” figures: a warning asks people to check when this is larger than the other."
        reply={reply}
        defaultValue={values?.partOfId ?? ""}
        placeholder="Not part of another metric"
        options={otherMetrics.map((m) => ({ value: m.id, label: m.label }))}
      />
      <Checkbox
        name="participantCount"
        label="This counts people taking part in restorative justice"
        hint="Participant counts never get targets, target lines or red, amber and green ratings: taking part is voluntary."
        reply={reply}
        defaultChecked={values?.participantCount}
      />
    </>
  );
}

export function DefinitionFields({
  reply,
  quarters,
  defaultQuarter,
  defaultDefinition,
}: {
  reply: Reply | null | undefined;
  quarters: Array<{ key: string; label: string }>;
  defaultQuarter: string;
  defaultDefinition?: string;
}) {
  return (
    <>
      <TextArea
        name="definition"
        label="What counts"
        labelClassName="govuk-label--s"
        hint="What to count and what not to count. People see this beside the box on the return."
        reply={reply}
        defaultValue={defaultDefinition}
        rows={4}
        maxLength={2000}
      />
      <SelectField name="validFrom" label="From quarter" reply={reply} defaultValue={defaultQuarter} options={quarters.map((q) => ({ value: q.key, label: q.label }))} />
    </>
  );
}
