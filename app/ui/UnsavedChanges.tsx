/**
 * Leaving a changed form by a link asks first. Any post form whose fields were typed into or
 * changed counts as changed until it is sent; a client-side navigation away is held for a confirm,
 * and closing or reloading the tab gets the browser's own question. Forms that only search or
 * filter (method get) are not watched.
 */
import { useBlocker, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

export const LEAVE_QUESTION = "You have changes that have not been saved. Leave this page and lose them?";

const watched = (target: EventTarget | null) => target instanceof Element && Boolean(target.closest('form[method="post" i]'));

export function UnsavedChanges() {
  const changed = useRef(false);
  const [unload, setUnload] = useState(false);
  const location = useLocation();

  useEffect(() => {
    const onChange = (event: Event) => {
      if (!watched(event.target)) return;
      changed.current = true;
      setUnload(true);
    };
    // Capture phase, before Remix's own submit handler starts the navigation.
    const onSubmit = () => {
      changed.current = false;
      setUnload(false);
    };
    document.addEventListener("input", onChange, true);
    document.addEventListener("change", onChange, true);
    document.addEventListener("submit", onSubmit, true);
    return () => {
      document.removeEventListener("input", onChange, true);
      document.removeEventListener("change", onChange, true);
      document.removeEventListener("submit", onSubmit, true);
    };
  }, []);

  // A new page has fresh forms.
  useEffect(() => {
    changed.current = false;
    setUnload(false);
  }, [location.pathname, location.search]);

  // A form's own submission is not held: the capture-phase listener has already cleared the flag.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (!changed.current) return false;
    return currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search;
  });
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(LEAVE_QUESTION)) blocker.proceed();
    else blocker.reset();
  }, [blocker]);

  useEffect(() => {
    if (!unload) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [unload]);
  return null;
}
