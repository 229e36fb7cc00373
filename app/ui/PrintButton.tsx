/** "Print this page": a button once JavaScript runs; before that, words that say how. */
import { useEffect, useState } from "react";

export function PrintButton({ label = "Print this page" }: { label?: string }) {
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  if (!scripted) return <p className="govuk-body">To print, or save as a PDF, use your browser&apos;s Print command. The page prints on one sheet of A4.</p>;
  return (
    <button type="button" className="govuk-button govuk-button--secondary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
