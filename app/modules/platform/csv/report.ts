/** How an upload's problems and reading are told to the person: pure, for the pages too. */

/** A cell quoted in a message or a list of problems, cut short so one huge cell cannot swamp the report. */
export function quoteCell(cell: string): string {
  return cell === "" ? "(blank)" : `“${cell.length > 60 ? `${cell.slice(0, 60)}…` : cell}”`;
}

/** "Ignored columns: Notes, Contact." for the page, or "" when every column was used. */
export function ignoredColumnsNote(ignored: string[] | undefined): string {
  return ignored?.length ? `Ignored columns: ${ignored.join(", ")}.` : "";
}
