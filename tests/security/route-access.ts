/**
 * Who may use each route, as the tests expect it. Every route in the server build must be listed
 * here — the access test fails on a route that is not — so a new page cannot skip the checks.
 *
 * `get`/`post`: "public" (anyone), "signed-in" (any account), "none" (the method is not served),
 * or the demo roles of the cleveland partnership that may use it. Organisation routes use the demo
 * organisation, Hartlepool Borough Council, whose admin and champion are demo accounts.
 * `fields`: form fields a post carries that name other objects, used to try another partnership's ids.
 * `intents`: the values of the `intent` field, each tried on its own; `intentPost` names the
 * intents whose posts are for fewer roles than `post`.
 * `samples`: per intent ("" for none), a body that would be accepted but for the ids in it; each
 * id field of ID_FIELDS in it is swapped for another partnership's, and must then answer 404.
 */
import type { Role } from "~/modules/auth/permissions";

export type Access = "public" | "signed-in" | "none" | Role[];

export interface RouteRule {
  get: Access;
  post: Access;
  fields?: string[];
  intents?: string[];
  intentPost?: Record<string, Access>;
  samples?: Record<string, Record<string, string>>;
}

const STAFF: Role[] = ["coordinator", "board"];
const MEMBERS: Role[] = ["coordinator", "board", "org_admin", "champion"];
const COORDINATOR: Role[] = ["coordinator"];
const ACTION_UPDATERS: Role[] = ["coordinator", "org_admin", "champion"];
const ACTION_FIELDS = ["themeId", "leadOrganisationId", "supportingOrganisationIds", "boroughIds"];

export const ROUTE_ACCESS: Record<string, RouteRule> = {
  root: { get: "public", post: "none" },
  "routes/_index": { get: "public", post: "none" },
  "routes/login": { get: "public", post: "public" },
  "routes/logout": { get: "public", post: "public" },
  "routes/healthz": { get: "public", post: "none" },
  "routes/privacy": { get: "public", post: "none" },
  "routes/accessibility": { get: "public", post: "none" },
  "routes/home": { get: "signed-in", post: "none" },
  "routes/account._index": { get: "signed-in", post: "signed-in", intents: ["name", "password"] },
  // two-factor sign-in and re-authentication (issue 9). The code page sends anyone without a pending sign-in on: in if signed in, else to sign in.
  "routes/login_.code": { get: "signed-in", post: "signed-in" },
  "routes/account.confirm": { get: "signed-in", post: "signed-in" },
  // The time left answers anyone ("nothing left" without a session): a fetcher must never be redirected.
  "routes/account.session": { get: "public", post: "signed-in" },
  // Ask to join (issue 20): the public form, and the coordinator's decisions.
  "routes/public.$slug.join": { get: "public", post: "public" },
  "routes/p.$slug.join-requests": { get: COORDINATOR, post: COORDINATOR, intents: ["approve", "decline"] },
  "routes/resume": { get: "signed-in", post: "none" },
  "routes/account.two-factor": { get: "signed-in", post: "signed-in", intents: ["enrol", "recovery-codes", "disable"] },
  "routes/account.email._index": { get: "signed-in", post: "signed-in" },
  "routes/account.email.$token": { get: "public", post: "public" },
  // data protection (issue 9): what is held about me, and a coordinator's erasure of a person or a champion record
  "routes/account.data": { get: "signed-in", post: "none" },
  "routes/account.data[.json]": { get: "signed-in", post: "none" },
  "routes/account.data[.csv]": { get: "signed-in", post: "none" },
  "routes/p.$slug.people.$person.erase": { get: COORDINATOR, post: COORDINATOR },
  "routes/p.$slug.orgs.$org.champions.$champion_.erase": { get: COORDINATOR, post: COORDINATOR },
  "routes/admin._index": { get: ["platform_admin"], post: "none" },
  "routes/p.$slug": { get: MEMBERS, post: "none" },
  "routes/p.$slug._index": { get: MEMBERS, post: "none" },
  "routes/p.$slug.orgs._index": { get: STAFF, post: "none" },
  "routes/p.$slug.orgs.$org._index": { get: MEMBERS, post: "none" },
  // The delivery plan. The cleveland action in the URL is led by Hartlepool Borough Council, so its admin and champion may update it.
  "routes/p.$slug.plans._index": { get: MEMBERS, post: COORDINATOR, intents: ["create-plan"] },
  "routes/p.$slug.plans.themes": { get: COORDINATOR, post: COORDINATOR },
  "routes/p.$slug.plans.$plan._index": { get: MEMBERS, post: COORDINATOR, intents: ["open-review"] },
  "routes/p.$slug.plans.$plan.actions.new": { get: COORDINATOR, post: COORDINATOR, fields: ACTION_FIELDS },
  "routes/p.$slug.plans.$plan.actions.$action._index": { get: MEMBERS, post: "none" },
  "routes/p.$slug.plans.$plan.actions.$action.edit": {
    get: COORDINATOR,
    post: COORDINATOR,
    fields: [...ACTION_FIELDS, "milestoneId"],
    intents: ["save", "add-milestone", "save-milestone", "remove-milestone", "delete"],
  },
  "routes/p.$slug.plans.$plan.actions.$action.update": { get: ACTION_UPDATERS, post: ACTION_UPDATERS },
  "routes/p.$slug.plans.$plan.actions[.]csv": { get: MEMBERS, post: "none" },
  "routes/p.$slug.plans.$plan.updates[.]csv": { get: MEMBERS, post: "none" },
  "routes/p.$slug.plans.$plan.upload": { get: COORDINATOR, post: COORDINATOR, intents: ["upload-actions", "upload-updates"] },
  "routes/p.$slug.plans.reviews.$review._index": { get: STAFF, post: "none" },
  "routes/p.$slug.plans.reviews.$review.summary": { get: COORDINATOR, post: COORDINATOR },
  "routes/p.$slug.plans.reviews.$review[.]xlsx": { get: STAFF, post: "none" },
  // the pledge, champions and adoption (issue 4)
  "routes/p.$slug.adoption": { get: STAFF, post: "none" },
  "routes/p.$slug.adoption[.csv]": { get: STAFF, post: "none" },
  "routes/p.$slug.pledge._index": { get: STAFF, post: ["coordinator"], intents: ["start-draft", "discard-draft", "unpublish-register", "publish-register"] },
  "routes/p.$slug.pledge.draft._index": { get: ["coordinator"], post: ["coordinator"], intents: ["save", "add-commitment", "preview"] },
  "routes/p.$slug.pledge.draft.preview": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.pledge.versions.$version": { get: STAFF, post: "none" },
  "routes/p.$slug.orgs[.csv]": { get: STAFF, post: "none" },
  "routes/p.$slug.orgs.import": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.orgs.invite": { get: ["coordinator"], post: ["coordinator"], intents: ["invite", "resend"] },
  "routes/p.$slug.orgs.$org.pledge._index": { get: MEMBERS, post: "none" },
  "routes/p.$slug.orgs.$org.pledge.certificate": { get: MEMBERS, post: "none" },
  "routes/p.$slug.orgs.$org.pledge.withdraw": { get: ["org_admin"], post: ["org_admin"] },
  "routes/p.$slug.orgs.$org.pledge.sign._index": { get: ["org_admin"], post: ["org_admin"], intents: ["start", "discard"] },
  "routes/p.$slug.orgs.$org.pledge.sign.signatory": { get: ["org_admin"], post: ["org_admin"] },
  "routes/p.$slug.orgs.$org.pledge.sign.commitments": { get: ["org_admin"], post: ["org_admin"] },
  "routes/p.$slug.orgs.$org.pledge.sign.activity": { get: ["org_admin"], post: ["org_admin"] },
  "routes/p.$slug.orgs.$org.pledge.sign.check": { get: ["org_admin"], post: ["org_admin"] },
  "routes/p.$slug.orgs.$org.champions._index": { get: MEMBERS, post: "none" },
  "routes/p.$slug.orgs.$org.champions.new": { get: ["coordinator", "org_admin"], post: ["coordinator", "org_admin"] },
  "routes/p.$slug.orgs.$org.champions.$champion": { get: ["coordinator", "org_admin"], post: ["coordinator", "org_admin"], intents: ["save", "leave", "invite"] },
  // no login: tenant isolation for these is proven in tests/security/public-register.test.ts
  "routes/public.$slug._index": { get: "public", post: "none" },
  "routes/p.$slug.orgs.$org.returns._index": { get: MEMBERS, post: "none" },
  "routes/p.$slug.orgs.$org.returns.$quarter._index": { get: MEMBERS, post: ["champion", "org_admin"], intents: ["save", "submit"] },
  "routes/p.$slug.orgs.$org.returns.$quarter.history": { get: MEMBERS, post: "none" },
  "routes/p.$slug.orgs.$org.returns.$quarter.review": { get: ["coordinator"], post: ["coordinator"], intents: ["accept", "return", "unlock", "relock"] },
  "routes/p.$slug.returns._index": { get: STAFF, post: "none" },
  "routes/p.$slug.returns.completeness": { get: STAFF, post: "none" },
  "routes/p.$slug.returns.$quarter.values[.csv]": { get: STAFF, post: "none" },
  "routes/p.$slug.returns.import": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.metrics._index": { get: STAFF, post: ["coordinator"], intents: ["up", "down", "retire", "restore"], fields: ["metricId"] },
  "routes/p.$slug.metrics.new": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.metrics.$metric": { get: ["coordinator"], post: ["coordinator"], intents: ["details", "redefine"] },
  // accounts, people and set-up (issue 3)
  "routes/forgot-password": { get: "public", post: "public" },
  "routes/reset-password.$token": { get: "public", post: "public" },
  "routes/invitations.$token": { get: "public", post: "public" },
  "routes/admin.partnerships.new": { get: ["platform_admin"], post: ["platform_admin"] },
  "routes/admin.accounts": { get: ["platform_admin"], post: ["platform_admin"], intents: ["disable", "enable", "reset-two-factor"], fields: ["userId"] },
  "routes/admin.outbox": { get: ["platform_admin"], post: "none" },
  "routes/p.$slug.people._index": {
    get: ["coordinator"],
    post: ["coordinator"],
    intents: ["resend", "cancel"],
    fields: ["invitationId"],
    samples: { resend: { invitationId: "" }, cancel: { invitationId: "" } },
  },
  "routes/p.$slug.people.invite": { get: ["coordinator"], post: ["coordinator"], fields: ["organisationId", "boroughId"] },
  "routes/p.$slug.people.$person._index": {
    get: ["coordinator"],
    post: ["coordinator"],
    intents: ["removeRole", "remove"],
    fields: ["organisationId"],
    samples: { removeRole: { role: "champion", organisationId: "" } },
  },
  "routes/p.$slug.people.$person.role": {
    get: ["coordinator"],
    post: ["coordinator"],
    fields: ["organisationId", "boroughId"],
    samples: { "": { role: "champion", organisationId: "", newRole: "org_admin" } },
  },
  "routes/p.$slug.orgs.$org.people._index": {
    get: ["coordinator", "org_admin"],
    post: ["coordinator", "org_admin"],
    intents: ["resend", "cancel"],
    fields: ["invitationId"],
    samples: { resend: { invitationId: "" }, cancel: { invitationId: "" } },
  },
  "routes/p.$slug.orgs.$org.people.invite": { get: ["coordinator", "org_admin"], post: ["coordinator", "org_admin"], fields: ["organisationId"] },
  "routes/p.$slug.outbox._index": { get: ["coordinator"], post: "none" },
  "routes/p.$slug.outbox.$message": { get: ["coordinator"], post: "none" },
  "routes/p.$slug.audit": { get: ["coordinator"], post: "none" },
  "routes/p.$slug.audit[.csv]": { get: ["coordinator"], post: "none" },
  "routes/p.$slug.settings": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.boroughs._index": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.boroughs.$borough": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.orgs.new": { get: ["coordinator"], post: ["coordinator"], fields: ["boroughId"] },
  // issue 20: undoing a mistaken organisation (the demo one has history, so a post is refused), and a paper signature
  "routes/p.$slug.orgs.$org.delete": { get: ["coordinator"], post: ["coordinator"] },
  "routes/p.$slug.orgs.$org.pledge.paper": { get: ["coordinator"], post: ["coordinator"] },
  // An organisation's administrator keeps its name and website; its classification and leaving are the coordinator's (issue 21).
  "routes/p.$slug.orgs.$org.edit": {
    get: ["coordinator", "org_admin"],
    post: ["coordinator", "org_admin"],
    intents: ["save", "leave", "rejoin"],
    intentPost: { leave: COORDINATOR, rejoin: COORDINATOR },
    fields: ["boroughId"],
  },
  // The emails carrying an organisation's invitations, for its administrator to pass on without a mail server (issue 21).
  "routes/p.$slug.orgs.$org.outbox._index": { get: ["coordinator", "org_admin"], post: "none" },
  "routes/p.$slug.orgs.$org.outbox.$message": { get: ["coordinator", "org_admin"], post: "none" },
  // dashboards (issue 7); the county dashboard is routes/p.$slug._index
  "routes/p.$slug.dashboard.$borough": { get: STAFF, post: "none" },
  "routes/p.$slug.dashboard[.csv]": { get: STAFF, post: "none" },
  "routes/p.$slug.orgs.$org.dashboard": { get: MEMBERS, post: "none" },
  "routes/p.$slug.orgs.$org.dashboard[.csv]": { get: MEMBERS, post: "none" },
  "routes/p.$slug.restorative-borough": { get: STAFF, post: COORDINATOR },
};

/** Demo accounts by the role they hold in cleveland (org roles at Hartlepool Borough Council). */
export const ACCOUNTS: Record<Role, string> = {
  platform_admin: "admin@demo.test",
  coordinator: "coordinator@cleveland.demo.test",
  board: "board@cleveland.demo.test",
  org_admin: "orgadmin@cleveland.demo.test",
  champion: "champion@cleveland.demo.test",
};

/** A coordinator of the other demo partnership: must never see cleveland's data. */
export const OUTSIDER = "coordinator@hampshire.demo.test";
