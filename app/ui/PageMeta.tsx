/**
 * The page's <head> meta, with "Error: " before the title after a refused form (the GOV.UK
 * pattern), for every form at once. Meta functions are not given action data, so this reads the
 * router's state, which holds each route's: react-router-dom's context, the version
 * @remix-run/react pins.
 */
import { Meta } from "@remix-run/react";
import { Children, cloneElement, isValidElement, useContext, type ReactElement, type ReactNode } from "react";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";

/** What an action answers for a refused form: field errors, a form-wide error, or an upload's problems. */
export function isRefusal(reply: unknown): boolean {
  if (!reply || typeof reply !== "object") return false;
  const r = reply as { errors?: unknown; formError?: unknown; problems?: unknown };
  return (
    (typeof r.errors === "object" && r.errors !== null && Object.keys(r.errors).length > 0) ||
    (typeof r.formError === "string" && r.formError.length > 0) ||
    (Array.isArray(r.problems) && r.problems.length > 0)
  );
}

export const ERROR_TITLE_PREFIX = "Error: ";

export function PageMeta() {
  const state = useContext(UNSAFE_DataRouterStateContext);
  const refused = Object.values(state?.actionData ?? {}).some(isRefusal);
  // Meta's own hooks run as this component's: it is called, not rendered, so its title can be changed.
  const tree = Meta() as ReactElement<{ children?: ReactNode }>;
  if (!refused) return tree;
  return (
    <>
      {Children.map(tree.props.children, (element) =>
        isValidElement<{ children?: ReactNode }>(element) && element.type === "title"
          ? cloneElement(element, undefined, `${ERROR_TITLE_PREFIX}${String(element.props.children)}`)
          : element,
      )}
    </>
  );
}
