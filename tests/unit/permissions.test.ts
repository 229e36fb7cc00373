import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Role } from "~/modules/auth/permissions";

describe("who may do what", () => {
  it("lets only coordinators change a partnership's set-up", () => {
    const allowed = (["coordinator", "board", "org_admin", "champion"] as Role[]).filter((r) => can([r], "partnership:manage"));
    expect(allowed).toEqual(["coordinator"]);
  });

  it("gives board members read access and no way to change data", () => {
    const writes = Object.entries(PERMISSIONS)
      .filter(([, roles]) => (roles as readonly Role[]).includes("board"))
      .map(([permission]) => permission)
      .filter((p) => !/:(view)$/.test(p));
    expect(writes).toEqual([]);
  });

  it("lets a champion submit a return but not review one", () => {
    expect(can(["champion"], "return:submit")).toBe(true);
    expect(can(["champion"], "returns:review")).toBe(false);
    expect(can(["champion"], "pledge:sign")).toBe(false);
  });

  it("treats the platform administrator as a coordinator everywhere", () => {
    expect(can(["platform_admin"], "people:manage")).toBe(true);
    expect(can([], "partnership:view")).toBe(false);
  });
});
