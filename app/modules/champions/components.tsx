/** The champion form, shared by "name a champion" and "change a champion's details". */
import { DateField } from "~/ui/DateField";
import { Checkbox, RadiosField, TextField, type Reply } from "~/ui/form";
import type { Champion } from "./champions.server";
import { TRAINING_LABELS, TRAINING_LEVELS } from "./training";

export function ChampionFields({ champion, reply }: { champion?: Champion | null; reply?: Reply | null }) {
  return (
    <>
      <TextField name="name" label="Full name" reply={reply} defaultValue={champion?.name} autoComplete="off" width={30} />
      <TextField name="email" type="email" label="Work email address" hint="An invitation to sign in goes here." reply={reply} defaultValue={champion?.email} autoComplete="off" spellCheck={false} width={30} />
      <TextField name="jobTitle" label="Job title" reply={reply} defaultValue={champion?.jobTitle} autoComplete="off" width={30} />
      <DateField name="since" legend="Champion since" hint="For example, 27 3 2026" reply={reply} defaultValue={champion?.since} />
      <RadiosField
        name="training"
        legend="Restorative justice training"
        reply={reply}
        defaultValue={champion?.training}
        options={TRAINING_LEVELS.map((level) => ({ value: level, label: TRAINING_LABELS[level] }))}
      />
      <DateField
        name="accreditationExpiresOn"
        legend="When does their RJC accreditation expire?"
        hint="Only for RJC accredited practitioners. You will be reminded 60 days before it expires."
        reply={reply}
        defaultValue={champion?.accreditationExpiresOn}
      />
      <Checkbox
        name="isContact"
        label="Communications single point of contact"
        hint="The person who shares news with the partnership. One per organisation: choosing this person replaces the current one."
        reply={reply}
        defaultChecked={champion?.isContact}
      />
    </>
  );
}
