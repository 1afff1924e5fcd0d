/**
 * The CCE emulator's seeded demo data: two tenants, their users, peripherals and skill
 * groups. Two tenants so tests can prove one tenant never sees the other's groups.
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
  totalAssignedUsers: number;
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

export interface CceData {
  platformName: string;
  attributes: Attribute[];
  precisionQueues: PrecisionQueue[];
  tenants: Tenant[];
  users: PortalUser[];
  peripherals: Peripheral[];
  skillGroups: SkillGroup[];
  nextSkillTargetId: number;
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
    skillGroups: [
      group(skillGroups.Sales, peripherals.CUCM_PG_1, "Sales", "Inbound sales calls", 20, 1, 3),
      group(skillGroups.Support, peripherals.CUCM_PG_1, "Support", "Customer support calls", -1, 2, 2),
      group(skillGroups.Chat_Support, peripherals.MR_PG_1, "Chat_Support", "Customer support chats", 30, 1, 1),
      group(skillGroups.Lab_Queue, peripherals.CUCM_PG_LAB, "Lab_Queue", "Lab test queue", 20, 1, 0),
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
  totalAssignedUsers: number,
): SkillGroup {
  return { skillTargetId, peripheralId, name, description, serviceLevelThreshold, peripheralNumber, totalAssignedUsers };
}
