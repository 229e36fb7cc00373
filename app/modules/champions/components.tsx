/** The champion form, shared by "name a champion" and "change a champion's details". */
import { DateField } from "~/ui/DateField";
import { Checkbox, RadiosField, TextField, type Reply } from "~/ui/form";
import type { Champion } from "./champions.server";
import { TRAINING_LABELS, TRAINING_LEVELS } from "./training";

/** `contact`: the organisation's communications contact now, when it is someone other than this champion. */
export function ChampionFields({ champion, reply, contact }: { champion?: Champion | null; reply?: Reply | null; contact?: { id: string; name: string } | null }) {
  return (
    <>
      <TextField name="name" label="Full name" reply={reply} defaultValue={champion?.name} autoComplete="off" width={30} />
      <TextField
        name="email"
        type="email"
        label="Work email address"
        hint="An invitation to sign in goes here."
        reply={reply}
        defaultValue={champion?.email}
        autoComplete="off"
        spellCheck={false}
        width={30}
      />
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
      <input type="hidden" name="contactShown" value={contact?.id ?? ""} readOnly />
      <Checkbox
        name="isContact"
        label={contact ? `Communications single point of contact, instead of ${contact.name}` : "Communications single point of contact"}
        hint={
          contact
            ? `${contact.name} is the contact now. Ticking this replaces them: ${contact.name} stays a champion but is no longer the contact.`
            : "The person who shares news with the partnership. One per organisation."
        }
        reply={reply}
        defaultChecked={champion?.isContact}
      />
    </>
  );
}
