/**
 * `export`'s mapping from API records to the file: references by name, field order and
 * omissions, sorting, adoption markers, filters, and the YAML text.
 */
import { parse } from "yaml";
import { CceSnapshot, exportTenant, isKindWanted, isSelected, parseFilter, renderYaml, TenantSnapshot } from "../../config/export";
import { contactCenterFile, fileUser } from "../../config/format";
import type { UserRecord } from "../../provider/cce/users-api";
import type { ResourceUserRecord } from "../../provider/oracle/resource-users-api";
import type { WireCustomerUser } from "../../provider/ucportal/customer-users-api";

const TODAY = "2026-06-01";

function userRecord(change: Partial<UserRecord>): UserRecord {
  return {
    idProgramUser: 1,
    idUser: 2,
    loginNm: "x@DEM",
    firstNm: "X",
    lastNm: "Y",
    email: null,
    phone: "5550100",
    userTypeCode: "A",
    platformId: 5000,
    agentId: "1002",
    agentSkillTargetId: 5502,
    agentEnterpriseName: "X_Y",
    agentDescription: null,
    idProgramSite: 2001,
    idProgramDepartment: null,
    idProgramBillUnit: null,
    idProgramGroup: 4002,
    idProfile: null,
    agentTeamId: 3001,
    agentTeamNm: "Team_Sales",
    agentDeskSettingsID: null,
    ssoEnabledUser: false,
    manager: false,
    status: true,
    icmStatus: true,
    idContactCenterUserStatus: null,
    createDateStr: "2026-01-05",
    ...change,
  };
}

const group = (skillTargetId: number, peripheralId: number, name: string, change: object = {}) => ({
  skillTargetId,
  peripheralId,
  name,
  enterpriseName: name,
  description: "",
  serviceLevelThreshold: -1,
  ...change,
});

function cceSnapshot(change: Partial<CceSnapshot> = {}): CceSnapshot {
  return {
    platforms: [
      { id: 5000, name: "CUCM_PG_1", description: "" },
      { id: 5001, name: "MR_PG_1", description: "" },
    ],
    references: {
      site: [{ id: 2001, name: "HQ", description: "" }],
      roleGroup: [{ id: 4002, name: "Agent", description: "" }],
    },
    skillGroups: [
      group(5101, 5000, "Support", { description: "Support calls", serviceLevelThreshold: 20 }),
      group(5100, 5000, "Sales"),
      group(5102, 5001, "Sales"),
    ],
    users: [
      userRecord({ idProgramUser: 2, loginNm: "zed@DEM", firstNm: "Zed" }),
      userRecord({ idProgramUser: 1, loginNm: "amy@DEM", firstNm: "Amy", email: "amy@example.com" }),
      userRecord({
        idProgramUser: 3, loginNm: "nc@DEM", userTypeCode: "NC", platformId: null, agentId: null, agentEnterpriseName: null,
        agentTeamId: null, agentTeamNm: null, icmStatus: false, status: false, ssoEnabledUser: true,
      }),
    ],
    assignedSkillGroups: { 1: [5101, 5100], 2: [5102] },
    agents: [
      { skillTargetId: 5502, idProgramUser: 1, loginNm: "amy@DEM", attributes: new Map([[5122, "true"], [5121, "8"]]) },
      { skillTargetId: 5503, idProgramUser: 2, loginNm: "zed@DEM", attributes: new Map() },
    ],
    attributes: [
      { id: 5121, name: "Sales_Skill", description: "", dataType: "4", defaultValue: "1", changeStamp: 0, refURL: "/unifiedconfig/config/attribute/5121" },
      { id: 5122, name: "Spanish", description: "", dataType: "3", defaultValue: "false", changeStamp: 0, refURL: "/unifiedconfig/config/attribute/5122" },
    ],
    precisionQueues: [
      {
        id: 5300, changeStamp: 3, name: "PQ_Sales", description: "", agentOrdering: 1, callOrdering: 1, serviceLevelThreshold: 20, serviceLevelType: 1,
        steps: [
          {
            waitTime: 30, agentCount: 0, considerIf: "",
            terms: [
              { attributeId: 5121, attributeName: "", attributeDataType: "4", attributeRelation: 6, value1: "7", termRelation: 0, parenCount: 0 },
              { attributeId: 5122, attributeName: "", attributeDataType: "3", attributeRelation: 1, value1: "true", termRelation: 1, parenCount: 0 },
            ],
          },
        ],
      },
    ],
    ...change,
  };
}

function resourceUser(item: Record<string, unknown>, roles: ResourceUserRecord["roles"] = []): ResourceUserRecord {
  return { uniqId: "k", changeIndicator: "1", item: { ResourcePartyNumber: "P1", ResourceEmail: "p1@example.com", links: [{ rel: "self", href: "https://pod/k" }], ...item }, roles };
}

function customerUser(change: Partial<WireCustomerUser>): WireCustomerUser {
  return { id: "u1", displayName: "Dana Reyes", email: "dana.reyes@acme.example", roles: [], primaryTenant: "cust-acme", isParent: false, devices: [], ...change };
}

const usersOf = (snapshot: TenantSnapshot, filters?: Parameters<typeof exportTenant>[1]["filters"]) =>
  (exportTenant(snapshot, { today: TODAY, filters }).file.cce as { users: Record<string, unknown>[] }).users;

describe("CCE mapping", () => {
  test("GIVEN an agent WHEN exported THEN references are names, fields follow the schema's order, empties and defaults are left out", () => {
    const [amy] = usersOf({ cce: cceSnapshot() });

    expect(amy).toEqual({
      loginName: "amy@DEM",
      template: "amy@DEM",
      userType: "agent",
      firstName: "Amy",
      lastName: "Y",
      email: "amy@example.com",
      phone: "5550100",
      agentId: "1002",
      agentEnterpriseName: "X_Y",
      ssoEnabled: false,
      adopt: true,
      deletionPolicy: "retain",
      platform: "CUCM_PG_1",
      site: "HQ",
      roleGroup: "Agent",
      team: "Team_Sales",
      skillGroups: ["CUCM_PG_1.Sales", "Support"],
      attributes: { Sales_Skill: 8, Spanish: true },
    });
    const order = Object.keys(fileUser.shape);
    const fields = Object.keys(amy);
    expect(fields).toEqual([...fields].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  test("a non-contact-center user gets no ICM, platform or team fields, and keeps a disabled portal account", () => {
    const nc = usersOf({ cce: cceSnapshot() }).find((u) => u.loginName === "nc@DEM")!;

    expect(nc).toMatchObject({ userType: "nonContactCenter", enabledInPortal: false, ssoEnabled: true });
    for (const field of ["enabledInIcm", "agentId", "platform", "team", "skillGroups", "attributes"]) expect(nc).not.toHaveProperty(field);
  });

  test("skill groups are named by their plain name when unique, else <peripheral>.<name>; lists are sorted by key", () => {
    const { file } = exportTenant({ cce: cceSnapshot() }, { today: TODAY });
    const cce = file.cce as Record<string, Record<string, unknown>[]>;

    expect(cce.skillGroups).toEqual([
      { name: "Sales", adopt: true, deletionPolicy: "retain", peripheral: "CUCM_PG_1" },
      { name: "Support", description: "Support calls", serviceLevelThreshold: 20, adopt: true, deletionPolicy: "retain", peripheral: "CUCM_PG_1" },
      { name: "Sales", adopt: true, deletionPolicy: "retain", peripheral: "MR_PG_1" },
    ]);
    expect(cce.users.map((u) => u.loginName)).toEqual(["amy@DEM", "nc@DEM", "zed@DEM"]);
    expect(cce.users[2].skillGroups).toEqual(["MR_PG_1.Sales"]);
  });

  test("precision queues are adopted by name, with attributes by name, typed values and connectors", () => {
    const { file } = exportTenant({ cce: cceSnapshot() }, { today: TODAY });

    expect((file.cce as Record<string, unknown>).precisionQueues).toEqual([
      {
        queueName: "PQ_Sales",
        agentOrdering: 1,
        callOrdering: 1,
        serviceLevelThreshold: 20,
        serviceLevelType: 1,
        steps: [
          {
            terms: [
              { attribute: "Sales_Skill", relation: ">=", value: 7 },
              { attribute: "Spanish", relation: "==", value: true, connector: "and" },
            ],
            waitTime: 30,
          },
        ],
      },
    ]);
  });

  test("a user in a skill group the export leaves out gets no skillGroups (a partial list would remove the rest), with a note", () => {
    const filters = { include: [parseFilter("user"), parseFilter("skillGroup:CUCM_PG_1.*")], exclude: [] };
    const { file, notes } = exportTenant({ cce: cceSnapshot() }, { today: TODAY, filters });
    const users = (file.cce as { users: Record<string, unknown>[] }).users;

    expect(users.find((u) => u.loginName === "zed@DEM")).not.toHaveProperty("skillGroups");
    expect(users.find((u) => u.loginName === "amy@DEM")!.skillGroups).toEqual(["Sales", "Support"]);
    expect(notes).toEqual([
      "user zed@DEM: skillGroups left out (not managed): the user is in skill groups this export does not declare (MR_PG_1.Sales)",
    ]);
  });

  test("a reference the tenant's list does not hold is left out with a note", () => {
    const snapshot = cceSnapshot({ references: { roleGroup: [{ id: 4002, name: "Agent", description: "" }] } });
    const { file, notes } = exportTenant({ cce: snapshot }, { today: TODAY, filters: { include: [parseFilter("user:amy@DEM")], exclude: [] } });

    expect((file.cce as { users: Record<string, unknown>[] }).users[0]).not.toHaveProperty("site");
    expect(notes).toEqual([
      "user amy@DEM: site left out (not managed): site 2001 is not in the tenant's list",
      "users' skillGroups left out (not managed): skill groups are not exported",
    ]);
  });
});

describe("Oracle mapping", () => {
  test("writable attributes only, live roles only, flex fields, userStatus I left out, flags as booleans", () => {
    const record = resourceUser(
      {
        FirstName: "Ravi", LastName: "Patel", UserStatus: "I", TopResourceFlag: "false", ResourceEndDate: "2019-06-30",
        PartyName: "Ravi Patel", Username: "rpatel", CreationDate: "2016-03-14T08:02:11.730+00:00", City: "London",
        __ORACO__Segment_c: "SMB", __ORACO__Empty_c: null, MiddleName: null,
      },
      [
        { RoleRelateId: 3, RoleId: 30, StartDateActive: "2016-03-14", EndDateActive: "2019-06-30" },
        { RoleRelateId: 2, RoleId: 20, StartDateActive: "2020-01-01", EndDateActive: null },
        { RoleRelateId: 1, RoleId: 10, StartDateActive: "2020-01-01", EndDateActive: "2030-12-31" },
      ],
    );
    const { file } = exportTenant({ oracle: { resourceUsers: [record] } }, { today: TODAY });

    expect(file).toEqual({
      oracle: {
        resourceUsers: [
          {
            partyNumber: "P1",
            firstName: "Ravi",
            lastName: "Patel",
            email: "p1@example.com",
            endDate: "2019-06-30",
            topResource: false,
            roles: [
              { roleId: 10, startDate: "2020-01-01", endDate: "2030-12-31" },
              { roleId: 20, startDate: "2020-01-01" },
            ],
            flexFields: { __ORACO__Segment_c: "SMB" },
            adopt: true,
            deletionPolicy: "retain",
          },
        ],
      },
    });
  });
});

describe("UC portal mapping", () => {
  const users = [
    customerUser({
      id: "u2", displayName: "Bob Chen", email: "bob.chen@acme.example", devices: ["acme-sp-203", "acme-sp-201"],
      roles: ["customer.user.uc.softphone", "customer.user.pbx", "customer.user", "customer.user.uc", "customer.user.pbx.realtime"],
    }),
    customerUser({ id: "u3", displayName: "Northwind Support", email: "support@northwind-reseller.example", roles: ["customer.user"], primaryTenant: "reseller-northwind", isParent: true }),
    customerUser({ roles: ["customer.user"] }),
    customerUser({ id: "u4", displayName: "Nobody Yet", email: "nobody@acme.example", primaryTenant: "" }),
  ];

  test("by e-mail, every live role sorted (the server's own included), devices only when assigned, adopted and retained", () => {
    const { file, notes, counts } = exportTenant({ ucportal: { customerUsers: users } }, { today: TODAY });

    expect(file).toEqual({
      ucportal: {
        customerUsers: [
          {
            displayName: "Bob Chen",
            email: "bob.chen@acme.example",
            roles: ["customer.user", "customer.user.pbx", "customer.user.pbx.realtime", "customer.user.uc", "customer.user.uc.softphone"],
            primaryTenant: "cust-acme",
            devices: ["acme-sp-201", "acme-sp-203"],
            adopt: true,
            deletionPolicy: "retain",
          },
          { displayName: "Dana Reyes", email: "dana.reyes@acme.example", roles: ["customer.user"], primaryTenant: "cust-acme", adopt: true, deletionPolicy: "retain" },
          // No roles is written as [] (roles is required: an empty set, not "unmanaged"); no primary tenant is left out.
          { displayName: "Nobody Yet", email: "nobody@acme.example", roles: [], adopt: true, deletionPolicy: "retain" },
        ],
      },
    });
    expect(counts.customerUser).toBe(3);
    expect(notes).toEqual([
      "customer user support@northwind-reseller.example left out: it is configured at the reseller level (isParent, primary tenant reseller-northwind), " +
        "the portal refuses changes to it from the customer tenant, so it cannot be managed (the provider refuses to adopt it)",
    ]);
    const declared = (file.ucportal as { customerUsers: Record<string, unknown>[] }).customerUsers;
    for (const user of declared) expect(contactCenterFile.safeParse({ ucportal: { customerUsers: [user] } }).error).toBeUndefined();
    expect(Object.keys(declared[0])).toEqual(["displayName", "email", "roles", "primaryTenant", "devices", "adopt", "deletionPolicy"]);
  });

  test("filters select by e-mail; a reseller-level user filtered out gets no note", () => {
    const filters = { include: [parseFilter("customerUser:*@ACME.example")], exclude: [parseFilter("customerUser:nobody@*")] };
    const { file, notes } = exportTenant({ ucportal: { customerUsers: users } }, { today: TODAY, filters });

    expect((file.ucportal as { customerUsers: { email: string }[] }).customerUsers.map((u) => u.email)).toEqual(["bob.chen@acme.example", "dana.reyes@acme.example"]);
    expect(notes).toEqual([]);
    expect(exportTenant({ ucportal: { customerUsers: users } }, { today: TODAY, filters: { include: [parseFilter("user")], exclude: [] } }).file).toEqual({});
  });
});

describe("the whole file", () => {
  const snapshot: TenantSnapshot = {
    cce: cceSnapshot(),
    oracle: { resourceUsers: [resourceUser({ ResourcePartyNumber: "P2", LastName: "20200717_1706", HireDate: "2007-05-01" }), resourceUser({ LastName: "A" })] },
    ucportal: { customerUsers: [customerUser({ email: "zoe@acme.example" }), customerUser({ roles: ["customer.user"] })] },
  };

  test("is valid for the file format, $schema first, sections in the format's order", () => {
    const { file, counts } = exportTenant(snapshot, { today: TODAY, schema: "schema.json" });

    expect(contactCenterFile.safeParse(file).success).toBe(true);
    expect(Object.keys(file)).toEqual(["$schema", "cce", "oracle", "ucportal"]);
    expect(Object.keys(file.cce as object)).toEqual(["skillGroups", "users", "precisionQueues"]);
    expect((file.oracle as { resourceUsers: { partyNumber: string }[] }).resourceUsers.map((u) => u.partyNumber)).toEqual(["P1", "P2"]);
    expect((file.ucportal as { customerUsers: { email: string }[] }).customerUsers.map((u) => u.email)).toEqual(["dana.reyes@acme.example", "zoe@acme.example"]);
    expect(counts).toEqual({ skillGroup: 3, user: 3, precisionQueue: 1, resourceUser: 2, customerUser: 2 });
  });

  test("does not depend on the order the APIs answered in", () => {
    const reversed: TenantSnapshot = {
      cce: { ...cceSnapshot(), skillGroups: [...cceSnapshot().skillGroups].reverse(), users: [...cceSnapshot().users].reverse() },
      oracle: { resourceUsers: [...snapshot.oracle!.resourceUsers].reverse() },
      ucportal: { customerUsers: [...snapshot.ucportal!.customerUsers].reverse() },
    };
    const text = (s: TenantSnapshot) => renderYaml(exportTenant(s, { today: TODAY, schema: "x" }).file);

    expect(text(reversed)).toBe(text(snapshot));
  });

  test("YAML text: header comment, strings a YAML 1.1 reader would misread are quoted, and it parses back to the same object", () => {
    const { file } = exportTenant(snapshot, { today: TODAY, schema: "schema.json" });
    const text = renderYaml(file);

    expect(text.startsWith("# Exported from the live tenant by `contact-center export`.\n")).toBe(true);
    expect(text).toContain('\n$schema: schema.json\n');
    expect(text).toContain('lastName: "20200717_1706"');
    expect(text).toContain('hireDate: "2007-05-01"');
    expect(text).toContain('phone: "5550100"');
    expect(parse(text)).toEqual(file);
  });
});

describe("filters", () => {
  test("kind alone, or kind:glob on the key, case-insensitively; excludes win", () => {
    const filters = { include: [parseFilter("user:*@dem"), parseFilter("skillGroup")], exclude: [parseFilter("user:tmpl.*")] };

    expect(isSelected(filters, "user", "alice@DEM")).toBe(true);
    expect(isSelected(filters, "user", "tmpl.agent@DEM")).toBe(false);
    expect(isSelected(filters, "user", "partner@PRT")).toBe(false);
    expect(isSelected(filters, "skillGroup", "CUCM_PG_1.Sales")).toBe(true);
    expect(isSelected(filters, "precisionQueue", "PQ_Sales")).toBe(false);
    expect(isSelected({ include: [parseFilter("skillGroup:CUCM_PG_?.S*")], exclude: [] }, "skillGroup", "CUCM_PG_1.Sales")).toBe(true);
    expect(isSelected({ include: [], exclude: [] }, "resourceUser", "P1")).toBe(true);
    expect(isSelected({ include: [parseFilter("customerUser:*@acme.example")], exclude: [] }, "customerUser", "Dana.Reyes@ACME.example")).toBe(true);
    expect(isSelected({ include: [parseFilter("customerUser:*@acme.example")], exclude: [] }, "customerUser", "grace@globex.example")).toBe(false);
  });

  test("a kind is read only when some object of it can be selected", () => {
    expect(isKindWanted({ include: [parseFilter("user:a*")], exclude: [] }, "user")).toBe(true);
    expect(isKindWanted({ include: [parseFilter("user:a*")], exclude: [] }, "skillGroup")).toBe(false);
    expect(isKindWanted({ include: [], exclude: [parseFilter("resourceUser")] }, "resourceUser")).toBe(false);
    expect(isKindWanted({ include: [], exclude: [parseFilter("resourceUser:P*")] }, "resourceUser")).toBe(true);
    expect(isKindWanted({ include: [], exclude: [parseFilter("customerUser")] }, "customerUser")).toBe(false);
    expect(isKindWanted({ include: [parseFilter("user")], exclude: [] }, "customerUser")).toBe(false);
  });

  test("unknown kinds and temporary allows are refused with the reason", () => {
    expect(() => parseFilter("users")).toThrow('"users" must be <kind>[:<glob>] with kind one of skillGroup, user, precisionQueue, resourceUser, customerUser');
    expect(() => parseFilter("tempAllow")).toThrow("tempAllow cannot be exported: risk-cc has no read API");
    expect(() => parseFilter("user:")).toThrow('"user:" has an empty glob');
  });
});
