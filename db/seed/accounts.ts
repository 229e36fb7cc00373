/** The demo accounts. Every one has the password DEMO_PASSWORD; the people are invented. */
import type { OrganisationRole, PartnershipRole } from "../types";

export const DEMO_PASSWORD = "golden-thread-demo";

/**
 * The demo administrator's and coordinators' two-factor secret, published so anyone can try the
 * demo: add it to an authenticator app, or read the code the sign-in page shows in demo mode.
 * Never a real account's: enrolment always makes a random one (docs/decisions/0015).
 */
export const DEMO_TOTP_SECRET = "GOLDENTHREADDEMOGOLDENTHREADDEMO";

export interface DemoAccount {
  email: string;
  name: string;
  platformAdmin?: boolean;
  partnership?: { slug: string; role: PartnershipRole };
  organisation?: { slug: string; name: string; role: OrganisationRole };
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@demo.test", name: "Sam Okafor", platformAdmin: true },
  { email: "coordinator@cleveland.demo.test", name: "Priya Shah", partnership: { slug: "cleveland", role: "coordinator" } },
  { email: "board@cleveland.demo.test", name: "Gareth Lowe", partnership: { slug: "cleveland", role: "board" } },
  { email: "orgadmin@cleveland.demo.test", name: "Janet Atkinson", organisation: { slug: "cleveland", name: "Hartlepool Borough Council", role: "org_admin" } },
  { email: "champion@cleveland.demo.test", name: "Daniel Reeve", organisation: { slug: "cleveland", name: "Hartlepool Borough Council", role: "champion" } },
  { email: "coordinator@hampshire.demo.test", name: "Lisa Marsh", partnership: { slug: "hampshire", role: "coordinator" } },
  { email: "board@hampshire.demo.test", name: "Mark Pearce", partnership: { slug: "hampshire", role: "board" } },
  { email: "champion@hampshire.demo.test", name: "Aisha Rahman", organisation: { slug: "hampshire", name: "Southampton Mediation Service", role: "champion" } },
];

/** Accounts that must sign in with a code, as in production: the administrator and coordinators. */
export const hasDemoTwoFactor = (account: DemoAccount) => Boolean(account.platformAdmin || account.partnership?.role === "coordinator");
