/** The columns of the organisations CSV, in order: the download's header and what an upload accepts. */
export const ORGANISATION_CSV_HEADER = ["name", "sector", "borough", "statutory", "website", "pledge_status"];
/** Added to the download for a coordinator, who uploads them: board members do not see contacts' emails. */
export const ORGANISATION_CONTACT_COLUMNS = ["contact_name", "contact_email"];
