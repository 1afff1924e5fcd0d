/**
 * The CCE emulator's seeded demo data: two tenants, their login accounts, peripherals, skill
 * groups, precision queues, and the user service's directory users and lookups. Two tenants so tests can prove one tenant never sees the other's groups.
 * The credentials are exported so tests and the demo log in from one source.
 */

/** Logins of the seeded users (plain text; the wire format Base64-encodes both values). */
export const cceDemoCredentials = {
  /** Tenant administrator of DEM. */
  admin: { username: "admin@DEM", password: "Demo-Admin-2026!" },
  /** Tenant administrator of LAB. */
  labAdmin: { username: "labadmin@LAB", password: "Lab-Admin-2026!" },
  /** Partner user with access to DEM and LAB: login answers TENANT_SELECTION_REQUIRED. */
  partner: { username: "partner@PRT", password: "Partner-2026!" },
  /** Exists, but may not log in to the portal: LOGIN_NOT_ENABLED_FOR_USER. */
  disabled: { username: "disabled@DEM", password: "Disabled-2026!" },
} as const;

export interface Tenant {
  idProgram: number;
  /** The 3-character tenant code ("Tenant Instance ID"). */
  programPrefix: string;
  programNm: string;
  userDomain: string;
}

export interface Membership {
  idProgram: number;
  /** The user's id within that tenant. */
  idProgramUser: number;
}

export interface PortalUser {
  loginNm: string;
  password: string;
  firstName: string;
  lastName: string;
  email: string;
  loginEnabled: boolean;
  /** "PARTNER" users log in to a management domain and pick a tenant; "TENANT" users have one. */
  userTypeLevel: "PARTNER" | "TENANT";
  tenants: Membership[];
}

export interface Peripheral {
  peripheralId: number;
  idProgram: number;
  name: string;
  mediaRoutingDomainName: string;
}

export interface SkillGroup {
  skillTargetId: number;
  peripheralId: number;
  name: string;
  description: string;
  /** Seconds; -1 means the peripheral's default. */
  serviceLevelThreshold: number;
  /** The group's number on its peripheral (ICM PeripheralNumber). */
  peripheralNumber: number;
}

/** An agent attribute definition (AttributeInfo). dataType "3" is Boolean, "4" Proficiency (1-10). */
export interface Attribute {
  id: number;
  idProgram: number;
  name: string;
  description: string;
  dataType: string;
  defaultValue: string;
  changeStamp: number;
}

/** One term of a precision queue step; the attribute is held by id. */
export interface PqTerm {
  attributeId: number;
  /** 1 ==, 2 !=, 3 <, 4 <=, 5 >, 6 >= (ICM's attribute relations). */
  attributeRelation: number;
  value1: string;
  /** 0 none (the first term), 1 AND, 2 OR. */
  termRelation: number;
  parenCount: number;
}

export interface PqStep {
  terms: PqTerm[];
  waitTime: number;
  agentCount: number;
  considerIf: string;
}

export interface PrecisionQueue {
  id: number;
  idProgram: number;
  changeStamp: number;
  name: string;
  description: string;
  agentOrdering: number;
  callOrdering: number;
  serviceLevelThreshold: number;
  serviceLevelType: number;
  steps: PqStep[];
}

/** A named thing of one tenant that users point at: department, billing unit, desk settings, APM profile. */
export interface TenantRef {
  id: number;
  idProgram: number;
  /** Short code (BasicRefInfo.code). */
  code: string;
  name: string;
  description: string;
}

export interface Site {
  id: number;
  idProgram: number;
  name: string;
  description: string;
  city: string;
}

/** A role group (ProgramGroupInfo). The standard ones are system managed, one per kind of user. */
export interface RoleGroup {
  id: number;
  idProgram: number;
  name: string;
  description: string;
  systemManaged: boolean;
  /** The user type this group is the standard group of (cloneUserIdProgramGroup -1), if any. */
  standardFor?: UserTypeCode;
}

/** An ICM agent team: teams live on a peripheral, like their agents. */
export interface Team {
  id: number;
  idProgram: number;
  peripheralId: number;
  name: string;
  description: string;
}

/** An access collection: "USER" collections hold portal users, "AGENT" collections agents. */
export interface AccessCollection {
  id: number;
  idProgram: number;
  kind: "USER" | "AGENT";
  name: string;
  description: string;
}

/** A: agent, S: supervisor, NC: non-contact-center user (no platform, no agent). */
export type UserTypeCode = "A" | "S" | "NC";

/**
 * A user of a tenant as the user service sees it: BasicUserInfo plus what the portal keeps
 * behind it (passwords, ICM state, collections, skills, attributes). Distinct from
 * PortalUser, which is the login account; the seeded administrators have both.
 */
export interface DirectoryUser {
  idProgram: number;
  idProgramUser: number;
  idUser: number;
  loginNm: string;
  /** The portal/AD password; undefined when the user can only sign in with SSO. */
  password?: string;
  icmPassword?: string;
  firstNm: string;
  lastNm: string;
  email: string | null;
  phone: string | null;
  userTypeCode: UserTypeCode;
  /** The peripheral id; null for NC users. */
  platformId: number | null;
  /** The agent id (peripheral number) as the agent types it; null for NC users. */
  agentId: string | null;
  agentSkillTargetId: number | null;
  agentEnterpriseName: string | null;
  agentDescription: string | null;
  idProgramSite: number;
  idProgramDepartment: number | null;
  idProgramBillUnit: number | null;
  idProgramGroup: number;
  idProfile: number | null;
  agentTeamId: number | null;
  agentDeskSettingsID: number | null;
  manager: boolean;
  ssoEnabledUser: boolean;
  /** The portal/AD account (`status`). */
  enabledInPortal: boolean;
  /** The ICM agent (`icmStatus`). */
  enabledInIcm: boolean;
  createDateStr: string;
  /** The template a cloned user was made from. */
  sourceIdProgramUser?: number;
  userCollectionIds: number[];
  agentCollectionIds: number[];
  /** Skill groups the agent is a member of. */
  skillTargetIds: number[];
  /** Precision-queue attributes: attribute id → value ("1".."10", "true"/"false"). */
  attributes: Record<number, string>;
}

export interface CceData {
  platformName: string;
  attributes: Attribute[];
  precisionQueues: PrecisionQueue[];
  tenants: Tenant[];
  users: PortalUser[];
  peripherals: Peripheral[];
  skillGroups: SkillGroup[];
  nextSkillTargetId: number;
  sites: Site[];
  roleGroups: RoleGroup[];
  departments: TenantRef[];
  billingUnits: TenantRef[];
  deskSettings: TenantRef[];
  apmProfiles: TenantRef[];
  teams: Team[];
  collections: AccessCollection[];
  directory: DirectoryUser[];
  nextIdProgramUser: number;
  nextIdUser: number;
  /** Agents get skill target ids from their own range, clear of created skill groups. */
  nextAgentSkillTargetId: number;
}

/** Ids the seed uses, for tests that need to name a tenant or a peripheral. */
export const cceDemoIds = {
  tenants: { DEM: 1001, LAB: 1002 },
  peripherals: { CUCM_PG_1: 5000, MR_PG_1: 5001, CUCM_PG_LAB: 6000 },
  skillGroups: { Sales: 5100, Support: 5101, Chat_Support: 5102, Lab_Queue: 6100 },
  attributes: { Sales_Skill: 5121, Spanish: 5122, Billing_Skill: 5123, Lab_Skill: 6121 },
  precisionQueues: { PQ_Sales: 5300, PQ_Billing: 5301, PQ_Lab: 6300 },
  /** The first id a created skill group gets. */
  firstNewSkillTargetId: 5200,
  sites: { HQ: 2001, Branch: 2002, Lab_Site: 2101 },
  roleGroups: { Administrator: 4001, Agent: 4002, Supervisor: 4003, User: 4004, Sales_Agents: 4005, Lab_Administrator: 4101, Lab_Agent: 4102 },
  departments: { Sales: 2201, Support: 2202, Lab_Dept: 2301 },
  billingUnits: { BU_Sales: 2401, BU_Support: 2402, BU_Lab: 2501 },
  deskSettings: { Default_Desk: 2601, Sales_Desk: 2602, Lab_Desk: 2701 },
  apmProfiles: { Default_Profile: 2801, Sales_Profile: 2802, Lab_Profile: 2901 },
  teams: { Team_Sales: 3001, Team_Support: 3002, Team_Chat: 3003, Team_Lab: 3101 },
  userCollections: { UC_Sales: 3201, UC_All: 3202, UC_Lab: 3301 },
  agentCollections: { AC_Sales: 3211, AC_Support: 3212, AC_Lab: 3311 },
  /** idProgramUser of the directory users; the administrators' match their login memberships. */
  users: {
    admin: 70001, labAdmin: 70002, partnerInDem: 70003, partnerInLab: 70004, disabled: 70005,
    tmplAgent: 300100, tmplSupervisor: 300101, tmplNc: 300102, alice: 300103, bob: 300104, carol: 300105,
    labTmplAgent: 300150,
  },
  /** idUser (the AD account) of the directory users: always idProgramUser + 600000 in the seed. */
  idUsers: {
    admin: 670001, labAdmin: 670002, partnerInDem: 670003, partnerInLab: 670004, disabled: 670005,
    tmplAgent: 900100, tmplSupervisor: 900101, tmplNc: 900102, alice: 900103, bob: 900104, carol: 900105,
    labTmplAgent: 900150,
  },
  /** The agents' skill target ids (agentSkillTargetId; the attribute calls' agent ids). */
  agents: { tmplAgent: 5500, tmplSupervisor: 5501, alice: 5502, bob: 5503, carol: 5504, labTmplAgent: 6500 },
  /** The first ids a cloned user gets. */
  firstNewIdProgramUser: 300200,
  firstNewIdUser: 900200,
  firstNewAgentSkillTargetId: 5600,
} as const;

/** A fresh copy of the seeded state; each call returns new objects, so a reset drops every change. */
export function seedCceData(): CceData {
  const { tenants, peripherals, skillGroups, attributes: a, precisionQueues: pq } = cceDemoIds;
  const term = (attributeId: number, attributeRelation: number, value1: string, termRelation: number): PqTerm =>
    ({ attributeId, attributeRelation, value1, termRelation, parenCount: 0 });
  const { admin, labAdmin, partner, disabled } = cceDemoCredentials;
  return {
    platformName: "CCE-DEMO",
    tenants: [
      { idProgram: tenants.DEM, programPrefix: "DEM", programNm: "Demo Contact Center", userDomain: "dem.cce.example" },
      { idProgram: tenants.LAB, programPrefix: "LAB", programNm: "Lab Contact Center", userDomain: "lab.cce.example" },
    ],
    users: [
      user(admin, "Demo", "Admin", "TENANT", [{ idProgram: tenants.DEM, idProgramUser: 70001 }]),
      user(labAdmin, "Lab", "Admin", "TENANT", [{ idProgram: tenants.LAB, idProgramUser: 70002 }]),
      user(partner, "Partner", "Admin", "PARTNER", [
        { idProgram: tenants.DEM, idProgramUser: 70003 },
        { idProgram: tenants.LAB, idProgramUser: 70004 },
      ]),
      { ...user(disabled, "Disabled", "User", "TENANT", [{ idProgram: tenants.DEM, idProgramUser: 70005 }]), loginEnabled: false },
    ],
    peripherals: [
      { peripheralId: peripherals.CUCM_PG_1, idProgram: tenants.DEM, name: "CUCM_PG_1", mediaRoutingDomainName: "Cisco_Voice" },
      { peripheralId: peripherals.MR_PG_1, idProgram: tenants.DEM, name: "MR_PG_1", mediaRoutingDomainName: "Cisco_Chat" },
      { peripheralId: peripherals.CUCM_PG_LAB, idProgram: tenants.LAB, name: "CUCM_PG_LAB", mediaRoutingDomainName: "Cisco_Voice" },
    ],
    // Members are the directory users' skillTargetIds: Sales 3, Support 2, Chat_Support 1, Lab_Queue 0.
    skillGroups: [
      group(skillGroups.Sales, peripherals.CUCM_PG_1, "Sales", "Inbound sales calls", 20, 1),
      group(skillGroups.Support, peripherals.CUCM_PG_1, "Support", "Customer support calls", -1, 2),
      group(skillGroups.Chat_Support, peripherals.MR_PG_1, "Chat_Support", "Customer support chats", 30, 1),
      group(skillGroups.Lab_Queue, peripherals.CUCM_PG_LAB, "Lab_Queue", "Lab test queue", 20, 1),
    ],
    nextSkillTargetId: cceDemoIds.firstNewSkillTargetId,
    attributes: [
      { id: a.Sales_Skill, idProgram: tenants.DEM, name: "Sales_Skill", description: "Sales proficiency", dataType: "4", defaultValue: "1", changeStamp: 0 },
      { id: a.Spanish, idProgram: tenants.DEM, name: "Spanish", description: "Speaks Spanish", dataType: "3", defaultValue: "false", changeStamp: 0 },
      { id: a.Billing_Skill, idProgram: tenants.DEM, name: "Billing_Skill", description: "Billing proficiency", dataType: "4", defaultValue: "1", changeStamp: 0 },
      { id: a.Lab_Skill, idProgram: tenants.LAB, name: "Lab_Skill", description: "Lab proficiency", dataType: "4", defaultValue: "1", changeStamp: 0 },
    ],
    precisionQueues: [
      {
        id: pq.PQ_Sales, idProgram: tenants.DEM, changeStamp: 0, name: "PQ_Sales", description: "Sales, Spanish first",
        agentOrdering: 1, callOrdering: 1, serviceLevelThreshold: 20, serviceLevelType: 1,
        steps: [
          { terms: [term(a.Sales_Skill, 6, "7", 0), term(a.Spanish, 1, "true", 1)], waitTime: 30, agentCount: 0, considerIf: "" },
          { terms: [term(a.Sales_Skill, 6, "5", 0)], waitTime: 0, agentCount: 0, considerIf: "" },
        ],
      },
      {
        id: pq.PQ_Billing, idProgram: tenants.DEM, changeStamp: 0, name: "PQ_Billing", description: "Billing",
        agentOrdering: 1, callOrdering: 1, serviceLevelThreshold: 30, serviceLevelType: 1,
        steps: [{ terms: [term(a.Billing_Skill, 6, "5", 0)], waitTime: 0, agentCount: 0, considerIf: "" }],
      },
      {
        id: pq.PQ_Lab, idProgram: tenants.LAB, changeStamp: 0, name: "PQ_Lab", description: "Lab queue",
        agentOrdering: 1, callOrdering: 1, serviceLevelThreshold: 20, serviceLevelType: 1,
        steps: [{ terms: [term(a.Lab_Skill, 6, "1", 0)], waitTime: 0, agentCount: 0, considerIf: "" }],
      },
    ],
    ...seedUserService(),
  };
}

/** Sites, role groups, the other lookups and the directory users of both tenants. */
function seedUserService() {
  const ids = cceDemoIds;
  const { DEM, LAB } = ids.tenants;
  const ref = (id: number, idProgram: number, code: string, name: string, description: string): TenantRef =>
    ({ id, idProgram, code, name, description });
  const { admin, labAdmin, partner, disabled } = cceDemoCredentials;
  const u = ids.users;
  const base = { manager: false, ssoEnabledUser: false, enabledInPortal: true, enabledInIcm: true, createDateStr: "2026-01-05" };
  const nc = { ...base, enabledInIcm: false, userTypeCode: "NC" as const, platformId: null, agentId: null, agentSkillTargetId: null, agentEnterpriseName: null,
    agentDescription: null, agentTeamId: null, agentDeskSettingsID: null, agentCollectionIds: [], skillTargetIds: [], attributes: {} };
  const demAdmin = { ...nc, idProgram: DEM, idProgramSite: ids.sites.HQ, idProgramDepartment: null, idProgramBillUnit: null,
    idProgramGroup: ids.roleGroups.Administrator, idProfile: null, userCollectionIds: [ids.userCollections.UC_All], phone: "5550100" };
  const labAdminUser = { ...demAdmin, idProgram: LAB, idProgramSite: ids.sites.Lab_Site, idProgramGroup: ids.roleGroups.Lab_Administrator,
    userCollectionIds: [ids.userCollections.UC_Lab] };
  /** The administrators' directory entries: same login and password as their PortalUser. */
  const account = (login: { username: string; password: string }, firstNm: string, lastNm: string, idProgramUser: number) => {
    const [local, domain] = login.username.split("@");
    return { loginNm: login.username, password: login.password, firstNm, lastNm, email: `${local}@${domain.toLowerCase()}.cce.example`,
      idProgramUser, idUser: idProgramUser + 600000 };
  };
  const salesAgent = {
    ...base, idProgram: DEM, userTypeCode: "A" as const, platformId: ids.peripherals.CUCM_PG_1, agentDescription: null,
    idProgramSite: ids.sites.HQ, idProgramDepartment: ids.departments.Sales, idProgramBillUnit: ids.billingUnits.BU_Sales,
    idProgramGroup: ids.roleGroups.Agent, idProfile: ids.apmProfiles.Sales_Profile, agentTeamId: ids.teams.Team_Sales,
    agentDeskSettingsID: ids.deskSettings.Sales_Desk, userCollectionIds: [ids.userCollections.UC_Sales],
    agentCollectionIds: [ids.agentCollections.AC_Sales], email: null,
  };
  const agent = (login: string, firstNm: string, lastNm: string, key: keyof typeof ids.agents, agentId: string) => ({
    loginNm: login, firstNm, lastNm, idProgramUser: u[key], idUser: u[key] + 600000, agentSkillTargetId: ids.agents[key], agentId,
    agentEnterpriseName: `${firstNm}_${lastNm}`, phone: `555${agentId}0`,
  });
  const directory: DirectoryUser[] = [
    { ...demAdmin, ...account(admin, "Demo", "Admin", u.admin) },
    { ...labAdminUser, ...account(labAdmin, "Lab", "Admin", u.labAdmin) },
    { ...demAdmin, ...account(partner, "Partner", "Admin", u.partnerInDem) },
    { ...labAdminUser, ...account(partner, "Partner", "Admin", u.partnerInLab) },
    { ...demAdmin, ...account(disabled, "Disabled", "User", u.disabled), enabledInPortal: false },
    {
      ...salesAgent, ...agent("tmpl.agent@DEM", "Template", "Agent", "tmplAgent", "1000"),
      agentDescription: "Template for sales agents", skillTargetIds: [ids.skillGroups.Sales], attributes: { [ids.attributes.Sales_Skill]: "5" },
    },
    {
      ...salesAgent, ...agent("tmpl.supervisor@DEM", "Template", "Supervisor", "tmplSupervisor", "1001"), userTypeCode: "S",
      idProgramGroup: ids.roleGroups.Supervisor, idProgramDepartment: ids.departments.Support, idProgramBillUnit: ids.billingUnits.BU_Support,
      agentTeamId: ids.teams.Team_Support, agentDeskSettingsID: ids.deskSettings.Default_Desk, idProfile: ids.apmProfiles.Default_Profile,
      agentCollectionIds: [ids.agentCollections.AC_Support], skillTargetIds: [ids.skillGroups.Support], attributes: {},
    },
    {
      ...nc, idProgram: DEM, loginNm: "tmpl.nc@DEM", firstNm: "Template", lastNm: "NonContact", email: "tmpl.nc@dem.cce.example",
      phone: "5550199", idProgramUser: u.tmplNc, idUser: u.tmplNc + 600000, idProgramSite: ids.sites.Branch,
      idProgramDepartment: ids.departments.Support, idProgramBillUnit: ids.billingUnits.BU_Support, idProgramGroup: ids.roleGroups.User,
      idProfile: ids.apmProfiles.Default_Profile, userCollectionIds: [ids.userCollections.UC_All], ssoEnabledUser: true,
    },
    {
      ...salesAgent, ...agent("alice@DEM", "Alice", "Archer", "alice", "1002"), email: "alice@dem.cce.example", password: "Alice-2026!",
      skillTargetIds: [ids.skillGroups.Sales, ids.skillGroups.Support],
      attributes: { [ids.attributes.Sales_Skill]: "8", [ids.attributes.Spanish]: "true" },
    },
    {
      ...salesAgent, ...agent("bob@DEM", "Bob", "Baker", "bob", "1003"), password: "Bob-2026!", skillTargetIds: [ids.skillGroups.Sales],
      attributes: { [ids.attributes.Sales_Skill]: "6", [ids.attributes.Billing_Skill]: "4" },
    },
    // On the chat peripheral with the same agent id as tmpl.agent: agent ids are unique per platform only.
    {
      ...salesAgent, ...agent("carol@DEM", "Carol", "Chen", "carol", "1000"), platformId: ids.peripherals.MR_PG_1,
      idProgramDepartment: ids.departments.Support, idProgramBillUnit: ids.billingUnits.BU_Support, agentTeamId: ids.teams.Team_Chat,
      agentDeskSettingsID: ids.deskSettings.Default_Desk, agentCollectionIds: [ids.agentCollections.AC_Support],
      skillTargetIds: [ids.skillGroups.Chat_Support], attributes: {},
    },
    {
      ...salesAgent, ...agent("tmpl.agent@LAB", "Lab", "Template", "labTmplAgent", "1000"), idProgram: LAB,
      platformId: ids.peripherals.CUCM_PG_LAB, idProgramSite: ids.sites.Lab_Site, idProgramDepartment: ids.departments.Lab_Dept,
      idProgramBillUnit: ids.billingUnits.BU_Lab, idProgramGroup: ids.roleGroups.Lab_Agent, idProfile: ids.apmProfiles.Lab_Profile,
      agentTeamId: ids.teams.Team_Lab, agentDeskSettingsID: ids.deskSettings.Lab_Desk, userCollectionIds: [ids.userCollections.UC_Lab],
      agentCollectionIds: [ids.agentCollections.AC_Lab], skillTargetIds: [], attributes: { [ids.attributes.Lab_Skill]: "3" },
    },
  ];
  return {
    sites: [
      { id: ids.sites.HQ, idProgram: DEM, name: "HQ", description: "Headquarters", city: "Tokyo" },
      { id: ids.sites.Branch, idProgram: DEM, name: "Branch", description: "Branch office", city: "Osaka" },
      { id: ids.sites.Lab_Site, idProgram: LAB, name: "Lab_Site", description: "Lab", city: "Sapporo" },
    ],
    roleGroups: [
      { id: ids.roleGroups.Administrator, idProgram: DEM, name: "Administrator", description: "Tenant administrators", systemManaged: true },
      { id: ids.roleGroups.Agent, idProgram: DEM, name: "Agent", description: "Standard agents", systemManaged: true, standardFor: "A" as const },
      { id: ids.roleGroups.Supervisor, idProgram: DEM, name: "Supervisor", description: "Standard supervisors", systemManaged: true, standardFor: "S" as const },
      { id: ids.roleGroups.User, idProgram: DEM, name: "User", description: "Standard portal users", systemManaged: true, standardFor: "NC" as const },
      { id: ids.roleGroups.Sales_Agents, idProgram: DEM, name: "Sales_Agents", description: "Sales agents (user defined)", systemManaged: false },
      { id: ids.roleGroups.Lab_Administrator, idProgram: LAB, name: "Administrator", description: "Tenant administrators", systemManaged: true },
      { id: ids.roleGroups.Lab_Agent, idProgram: LAB, name: "Agent", description: "Standard agents", systemManaged: true, standardFor: "A" as const },
    ],
    departments: [
      ref(ids.departments.Sales, DEM, "SALES", "Sales", "Sales department"),
      ref(ids.departments.Support, DEM, "SUPPORT", "Support", "Support department"),
      ref(ids.departments.Lab_Dept, LAB, "LAB", "Lab_Dept", "Lab department"),
    ],
    billingUnits: [
      ref(ids.billingUnits.BU_Sales, DEM, "BU-S", "BU_Sales", "Sales cost centre"),
      ref(ids.billingUnits.BU_Support, DEM, "BU-C", "BU_Support", "Support cost centre"),
      ref(ids.billingUnits.BU_Lab, LAB, "BU-L", "BU_Lab", "Lab cost centre"),
    ],
    deskSettings: [
      ref(ids.deskSettings.Default_Desk, DEM, "DEFAULT", "Default_Desk", "Default agent desk settings"),
      ref(ids.deskSettings.Sales_Desk, DEM, "SALES", "Sales_Desk", "Auto-answer for sales"),
      ref(ids.deskSettings.Lab_Desk, LAB, "LAB", "Lab_Desk", "Lab desk settings"),
    ],
    apmProfiles: [
      ref(ids.apmProfiles.Default_Profile, DEM, "DEFAULT", "Default_Profile", "Default profile"),
      ref(ids.apmProfiles.Sales_Profile, DEM, "SALES", "Sales_Profile", "Sales profile"),
      ref(ids.apmProfiles.Lab_Profile, LAB, "LAB", "Lab_Profile", "Lab profile"),
    ],
    teams: [
      { id: ids.teams.Team_Sales, idProgram: DEM, peripheralId: ids.peripherals.CUCM_PG_1, name: "Team_Sales", description: "Sales team" },
      { id: ids.teams.Team_Support, idProgram: DEM, peripheralId: ids.peripherals.CUCM_PG_1, name: "Team_Support", description: "Support team" },
      { id: ids.teams.Team_Chat, idProgram: DEM, peripheralId: ids.peripherals.MR_PG_1, name: "Team_Chat", description: "Chat team" },
      { id: ids.teams.Team_Lab, idProgram: LAB, peripheralId: ids.peripherals.CUCM_PG_LAB, name: "Team_Lab", description: "Lab team" },
    ],
    collections: [
      { id: ids.userCollections.UC_Sales, idProgram: DEM, kind: "USER" as const, name: "UC_Sales", description: "Sales users" },
      { id: ids.userCollections.UC_All, idProgram: DEM, kind: "USER" as const, name: "UC_All", description: "All users" },
      { id: ids.agentCollections.AC_Sales, idProgram: DEM, kind: "AGENT" as const, name: "AC_Sales", description: "Sales agents" },
      { id: ids.agentCollections.AC_Support, idProgram: DEM, kind: "AGENT" as const, name: "AC_Support", description: "Support agents" },
      { id: ids.userCollections.UC_Lab, idProgram: LAB, kind: "USER" as const, name: "UC_Lab", description: "Lab users" },
      { id: ids.agentCollections.AC_Lab, idProgram: LAB, kind: "AGENT" as const, name: "AC_Lab", description: "Lab agents" },
    ],
    directory,
    nextIdProgramUser: ids.firstNewIdProgramUser,
    nextIdUser: ids.firstNewIdUser,
    nextAgentSkillTargetId: ids.firstNewAgentSkillTargetId,
  };
}

function user(
  login: { username: string; password: string },
  firstName: string,
  lastName: string,
  userTypeLevel: PortalUser["userTypeLevel"],
  tenants: Membership[],
): PortalUser {
  const [local, domain] = login.username.split("@");
  return {
    loginNm: login.username,
    password: login.password,
    firstName,
    lastName,
    email: `${local}@${domain.toLowerCase()}.cce.example`,
    loginEnabled: true,
    userTypeLevel,
    tenants,
  };
}

function group(
  skillTargetId: number,
  peripheralId: number,
  name: string,
  description: string,
  serviceLevelThreshold: number,
  peripheralNumber: number,
): SkillGroup {
  return { skillTargetId, peripheralId, name, description, serviceLevelThreshold, peripheralNumber };
}
