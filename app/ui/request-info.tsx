import { createContext, useContext } from "react";

/** What the server knows of this request that the page needs: the CSP nonce and the request id. */
export interface RequestInfo {
  nonce: string;
  requestId: string;
  /** A page's heavy data handed to the server render directly (platform/document-data.server.ts). */
  documentData?: unknown;
}

export const RequestInfoContext = createContext<RequestInfo>({ nonce: "", requestId: "" });

export function useRequestInfo() {
  return useContext(RequestInfoContext);
}

/**
 * The loader's heavy data: from the loader on a client-side navigation, from the server render's
 * context on a full page load (where the loader returned null for it).
 */
export function useDocumentData<T>(fromLoader: T | null | undefined): T {
  const { documentData } = useContext(RequestInfoContext);
  const value = fromLoader ?? (documentData as T | undefined);
  if (value === undefined || value === null) throw new Error("This page's data is missing");
  return value;
}
