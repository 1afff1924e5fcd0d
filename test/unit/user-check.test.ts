import { check, diff } from "../../provider/cce/user.lifecycle";
import { UNKNOWN } from "../../provider/core/check";
import type { UserOutputs } from "../../provider/cce/user";

const agent = {
  loginName: "jane.doe@DEM",
  template: "tmpl.agent@DEM",
  userType: "agent",
  firstName: "Jane",
  lastName: "Doe",
  phone: "5551234",
  agentId: "4711",
};
const nonContactCenter = { ...agent, loginName: "rep@DEM", template: "tmpl.nc@DEM", userType: "nonContactCenter", agentId: undefined };

describe("CceUser check()", () => {
  test("applies defaults to valid input and sorts membership lists", async () => {
    const result = await check(undefined, {}, { ...agent, skillGroupIds: [5101, 5100] });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({
      ...agent,
      skillGroupIds: [5100, 5101],
      enabledInPortal: true,
      enabledInIcm: true,
      reuseAgentId: false,
      adopt: false,
      deletionPolicy: "disable",
    });
  });

  // Every rule of the portal's CloneUser/UpdateUser constants that can be checked before a call.
  test.each([
    [{ phone: "12-34567" }, "phone", 'phone must be digits only (the portal\'s rule), got "12-34567"'],
    [{ phone: "1234" }, "phone", 'phone must be 5 to 15 digits (the portal\'s rule), got "1234"'],
    [{ phone: "1234567890123456" }, "phone", "phone must be 5 to 15 digits"],
    [{ firstName: "Mary Ann" }, "firstName", 'firstName must not contain spaces (the portal\'s rule), got "Mary Ann"'],
    [{ lastName: "van Dijk" }, "lastName", 'lastName must not contain spaces (the portal\'s rule), got "van Dijk"'],
    [{ firstName: "" }, "firstName", 'firstName is required, got ""'],
    [{ loginName: "jane doe@DEM" }, "loginName", "loginName must be <name>@<tenant code>"],
    [{ loginName: "jane@DEMO" }, "loginName", 'got "jane@DEMO"'],
    [{ email: "jane-at-example" }, "email", 'email must be an e-mail address like name@example.com, got "jane-at-example"'],
    [{ agentId: "47a1" }, "agentId", 'agentId must be 1 to 11 digits (the agent\'s peripheral number), got "47a1"'],
    [{ agentId: undefined }, "agentId", "agentId is required for an agent (CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED)"],
    [{ agentEnterpriseName: "_Jane" }, "agentEnterpriseName", "agentEnterpriseName must be 1 to 32 letters, digits, '.' or '_', not starting with '.' or '_' (ICM's rule), got \"_Jane\""],
    [{ agentEnterpriseName: "Jane Doe" }, "agentEnterpriseName", 'got "Jane Doe"'],
    [{ userType: "admin" }, "userType", 'userType must be "agent", "supervisor" or "nonContactCenter", got "admin"'],
    [{ siteId: 0 }, "siteId", "siteId must be a positive site id, got 0"],
    [{ skillGroupIds: [5100, 5100] }, "skillGroupIds", "skillGroupIds must not name an id twice"],
    [{ deletionPolicy: "purge" }, "deletionPolicy", 'deletionPolicy must be "delete", "disable" or "retain", got "purge"'],
    [{ colour: "blue" }, "(inputs)", "Unrecognized key"],
  ])("refuses %j naming the field, rule and value", async (change, property, reason) => {
    const result = await check(undefined, {}, { ...agent, ...change });
    expect(result.failures.map((f) => f.property)).toEqual([property]);
    expect(result.failures[0].reason).toContain(reason);
  });

  test.each([
    ["agentId", "4711"],
    ["platformId", 5000],
    ["skillGroupIds", [5100]],
    ["teamId", 3],
  ])("refuses %s on a nonContactCenter user", async (field, value) => {
    const result = await check(undefined, {}, { ...nonContactCenter, [field]: value });
    expect(result.failures).toEqual([
      { property: field, reason: `${field} applies only to agents and supervisors, not to a nonContactCenter user, got ${JSON.stringify(value)}` },
    ]);
  });

  test("a value still unknown during preview is not a failure", async () => {
    const result = await check(undefined, {}, { ...agent, phone: UNKNOWN, siteId: UNKNOWN });
    expect(result.failures).toEqual([]);
  });
});

describe("CceUser diff()", () => {
  const olds = {
    ...agent,
    enabledInPortal: true,
    enabledInIcm: true,
    reuseAgentId: false,
    adopt: false,
    deletionPolicy: "disable",
    idProgramUser: 300200,
  } as unknown as UserOutputs;
  const news = (change: object) => ({ ...olds, ...change }) as never;

  test("no change, and a template change alone, plan nothing", async () => {
    expect(await diff("300200", olds, news({}))).toMatchObject({ changes: false, replaces: [] });
    expect(await diff("300200", olds, news({ template: "tmpl.other@DEM" }))).toMatchObject({ changes: false });
  });

  test("agent to supervisor is an update; a new login name replaces, the new user cloned first", async () => {
    expect(await diff("300200", olds, news({ userType: "supervisor" }))).toMatchObject({ changes: true, replaces: [] });
    expect(await diff("300200", olds, news({ loginName: "jane.d@DEM", lastName: "Dee", agentId: "4712" }))).toMatchObject({
      changes: true,
      replaces: ["loginName"],
      deleteBeforeReplace: false,
    });
  });

  test("a new login name with the old name or agent id: refused unless the old user may be deleted first", async () => {
    // The portal refuses a second user of the same first and last name, or agent id, while the old one exists.
    await expect(diff("300200", olds, news({ loginName: "jane.d@DEM" }))).rejects.toThrow(
      /loginName change replaces the user: .* a second user with the same first and last name \(CLONE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS\)\. Change firstName or lastName as well, or set deletionPolicy: "delete"/,
    );
    await expect(diff("300200", olds, news({ loginName: "jane.d@DEM", lastName: "Dee" }))).rejects.toThrow(/the same agent id \(CLONE_USER_FAILED_AGENT_ID_ALREADY_IN_USE\)\. Change agentId \(or set reuseAgentId\)/);
    // With the delete policy, the old user is deleted before the new one is cloned.
    const deletable = { ...olds, deletionPolicy: "delete" } as UserOutputs;
    expect(await diff("300200", deletable, news({ loginName: "jane.d@DEM", deletionPolicy: "delete" }))).toMatchObject({ replaces: ["loginName"], deleteBeforeReplace: true });
  });

  test("a replace under the same login name needs deletionPolicy delete in the state first", async () => {
    await expect(diff("300200", olds, news({ userType: "nonContactCenter", agentId: undefined }))).rejects.toThrow(
      /userType needs the user jane.doe@DEM to be replaced .* only deletionPolicy "delete" allows/,
    );
    const deletable = { ...olds, deletionPolicy: "delete" } as UserOutputs;
    expect(await diff("300200", deletable, news({ userType: "nonContactCenter", agentId: undefined, deletionPolicy: "delete" }))).toMatchObject({
      replaces: ["userType"],
      deleteBeforeReplace: true,
    });
  });

  test("collections cannot change after the clone: the plan fails with why", async () => {
    const withCollections = { ...olds, userCollectionIds: [1] } as UserOutputs;
    await expect(diff("300200", withCollections, news({ userCollectionIds: [1, 2] }))).rejects.toThrow(
      /userCollectionIds cannot be changed after the user is created: the portal API sets collections only in cloneUser/,
    );
  });
});
