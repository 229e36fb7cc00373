/**
 * Every migration, in order. Listed by hand because the server bundle cannot read a folder at run
 * time; a new migration file adds one line here. Names sort by date: YYYY_MM_DD_NN_name.
 */
import type { Migration } from "kysely";
import * as m2026_11_22_01 from "./2026_11_22_01_foundation";
import * as m2026_11_22_02 from "./2026_11_22_02_outbox";
import * as m2026_11_22_03 from "./2026_11_22_03_pledge_core";
import * as m2026_11_22_10 from "./2026_11_22_10_invitations_and_resets";
import * as m2026_11_22_20 from "./2026_11_22_20_champions_and_signing";
import * as m2026_11_22_30 from "./2026_11_22_30_returns";
import * as m2026_11_22_31 from "./2026_11_22_31_import_jobs";
import * as m2026_11_22_40 from "./2026_11_22_40_delivery_plans";
import * as m2026_11_22_50 from "./2026_11_22_50_rollups";
import * as m2026_11_22_60 from "./2026_11_22_60_two_factor";
import * as m2026_11_22_61 from "./2026_11_22_61_data_protection";
import * as m2026_11_22_70 from "./2026_11_22_70_request_lookups";
import * as m2026_11_22_71 from "./2026_11_22_71_organisation_lookup";
import * as m2026_11_22_72 from "./2026_11_22_72_scope_facts_changed";
import * as m2026_11_22_73 from "./2026_11_22_73_return_quarters_changed";
import * as m2026_12_04_01 from "./2026_12_04_01_kept_posts";
import * as m2026_12_04_21 from "./2026_12_04_21_outbox_invitation";
import * as m2026_12_04_50 from "./2026_12_04_50_paper_signatures_and_deletion";
import * as m2026_12_04_60 from "./2026_12_04_60_organisation_contacts";
import * as m2026_12_04_70 from "./2026_12_04_70_contact_left";
import * as m2026_12_04_80 from "./2026_12_04_80_join_requests";

export const migrations: Record<string, Migration> = {
  "2026_11_22_01_foundation": m2026_11_22_01,
  "2026_11_22_02_outbox": m2026_11_22_02,
  "2026_11_22_03_pledge_core": m2026_11_22_03,
  "2026_11_22_10_invitations_and_resets": m2026_11_22_10,
  "2026_11_22_20_champions_and_signing": m2026_11_22_20,
  "2026_11_22_30_returns": m2026_11_22_30,
  "2026_11_22_31_import_jobs": m2026_11_22_31,
  "2026_11_22_40_delivery_plans": m2026_11_22_40,
  "2026_11_22_50_rollups": m2026_11_22_50,
  "2026_11_22_60_two_factor": m2026_11_22_60,
  "2026_11_22_61_data_protection": m2026_11_22_61,
  "2026_11_22_70_request_lookups": m2026_11_22_70,
  "2026_11_22_71_organisation_lookup": m2026_11_22_71,
  "2026_11_22_72_scope_facts_changed": m2026_11_22_72,
  "2026_11_22_73_return_quarters_changed": m2026_11_22_73,
  "2026_12_04_01_kept_posts": m2026_12_04_01,
  "2026_12_04_21_outbox_invitation": m2026_12_04_21,
  "2026_12_04_50_paper_signatures_and_deletion": m2026_12_04_50,
  "2026_12_04_60_organisation_contacts": m2026_12_04_60,
  "2026_12_04_70_contact_left": m2026_12_04_70,
  "2026_12_04_80_join_requests": m2026_12_04_80,
};
