import { Checkbox, SelectField, TextField, type Reply } from "~/ui/form";
import { SECTOR_LABELS, SECTORS } from "./sectors";

export interface OrganisationValues {
  name: string;
  sector: string;
  boroughId: string | null;
  isStatutory: boolean;
  website: string | null;
}

export const ORGANISATION_FIELD_ORDER = ["name", "sector", "boroughId", "isStatutory", "website"];
export const PROFILE_FIELD_ORDER = ["name", "website"];

const NameField = ({ reply, current }: { reply: Reply | null | undefined; current?: { name: string } }) => (
  <TextField name="name" label="Name" hint="Its public name, for example Hartlepool Borough Council" defaultValue={current?.name} reply={reply} />
);
const WebsiteField = ({ reply, current }: { reply: Reply | null | undefined; current?: { website: string | null } }) => (
  <TextField
    name="website"
    label="Website (optional)"
    hint="For example, https://www.hartlepool.gov.uk"
    type="url"
    spellCheck={false}
    autoComplete="off"
    defaultValue={current?.website}
    reply={reply}
  />
);

/** What an organisation's own administrator keeps: its name and website. */
export function OrganisationProfileFields({ reply, current }: { reply: Reply | null | undefined; current: { name: string; website: string | null } }) {
  return (
    <>
      <NameField reply={reply} current={current} />
      <WebsiteField reply={reply} current={current} />
    </>
  );
}

/** The fields of an organisation or prospect, as added and changed by a coordinator. */
export function OrganisationFields({ reply, boroughs, current }: { reply: Reply | null | undefined; boroughs: Array<{ id: string; name: string }>; current?: OrganisationValues }) {
  return (
    <>
      <NameField reply={reply} current={current} />
      <SelectField
        name="sector"
        label="Sector"
        placeholder="Choose a sector"
        defaultValue={current?.sector}
        options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
        reply={reply}
      />
      <SelectField
        name="boroughId"
        label="Borough"
        hint="Where it works. Choose county-wide for organisations that work across the whole partnership, such as the police"
        placeholder="Choose a borough"
        defaultValue={current ? (current.boroughId ?? "county-wide") : undefined}
        options={[{ value: "county-wide", label: "County-wide" }, ...boroughs.map((b) => ({ value: b.id, label: b.name }))]}
        reply={reply}
      />
      <Checkbox
        name="isStatutory"
        label="Statutory partner"
        hint="A body with a statutory duty in criminal justice or community safety, such as the council, police, probation or youth justice service"
        defaultChecked={current?.isStatutory}
        reply={reply}
      />
      <WebsiteField reply={reply} current={current} />
    </>
  );
}
