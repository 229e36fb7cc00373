import { Link } from "@remix-run/react";

/** What a used, expired, cancelled or mistyped one-time link shows. */
export function LinkNoLongerWorks({ kind }: { kind: "invitation" | "reset" }) {
  return (
    <>
      <h1 className="govuk-heading-l">This link no longer works</h1>
      <p className="govuk-body">Links in our emails work once, and only for a while. This one has been used, has expired, or was replaced by a newer one.</p>
      {kind === "invitation" ? (
        <p className="govuk-body">
          If you still need to join, ask the person who invited you to send the invitation again. If you have already accepted it,{" "}
          <Link className="govuk-link" to="/login">
            sign in
          </Link>
          .
        </p>
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to="/forgot-password">
            Ask for a new link to reset your password
          </Link>
          .
        </p>
      )}
    </>
  );
}
