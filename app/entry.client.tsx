import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { RequestInfoContext } from "./ui/request-info";

// The server wrote the document request's id into a meta tag; the error page shows it.
const requestId = document.querySelector('meta[name="gt-request-id"]')?.getAttribute("content") ?? "";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RequestInfoContext.Provider value={{ nonce: "", requestId }}>
        <RemixBrowser />
      </RequestInfoContext.Provider>
    </StrictMode>,
  );
});
