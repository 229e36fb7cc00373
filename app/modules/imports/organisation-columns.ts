/** The columns of the organisations CSV, in order: the download's header and what an upload accepts. */
export const ORGANISATION_CSV_HEADER = ["name", "sector", "borough", "statutory", "website", "pledge_status"];
