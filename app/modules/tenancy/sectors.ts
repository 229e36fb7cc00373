import { SECTORS, type Sector } from "../../../db/types";

export { SECTORS, type Sector };

export const SECTOR_LABELS: Record<Sector, string> = {
  police: "Police",
  local_authority: "Local authority",
  housing: "Housing",
  education: "Education",
  health: "Health",
  youth_justice: "Youth justice",
  probation: "Probation",
  prison: "Prison",
  victim_services: "Victim services",
  voluntary_community: "Voluntary and community",
  business: "Business",
  faith: "Faith",
};

export function sectorLabel(sector: string): string {
  return SECTOR_LABELS[sector as Sector] ?? sector;
}
