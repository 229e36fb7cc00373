import { createContext, useContext } from "react";

/** What the server knows of this request that the page needs: the CSP nonce and the request id. */
export interface RequestInfo {
  nonce: string;
  requestId: string;
}

export const RequestInfoContext = createContext<RequestInfo>({ nonce: "", requestId: "" });

export function useRequestInfo() {
  return useContext(RequestInfoContext);
}
