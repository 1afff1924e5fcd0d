/**
 * Turns a loaded contact-center file into resources: resolves names to ids (lookups and
 * references between declared objects) and lets the references order the work (a user waits
 * for its skill groups, an attribute for its agent). Runs inside a Pulumi program.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { AgentAttribute } from "../provider/cce/agent-attribute";
import {
  getAgentDeskSettingsOutput,
  getApmProfileOutput,
  getBillingUnitOutput,
  getDepartmentOutput,
  getPlatformOutput,
  getRoleGroupOutput,
  getSiteOutput,
  getTeamOutput,
} from "../provider/cce/lookups";
import { PrecisionQueue } from "../provider/cce/precision-queue";
import { SkillGroup } from "../provider/cce/skill-group";
import { CceUser } from "../provider/cce/user";
import { ResourceUser } from "../provider/oracle/resource-user";
import { TempAllow } from "../provider/riskcc/temp-allow";
import { CustomerUser } from "../provider/ucportal/customer-user";
import { ContactCenterFile, FileSkillGroup, FileUser, keyOf, objectsOf } from "./format";
import { formatProblem, loadContactCenter } from "./load";

/** What the program exports: each declared object's id, by kind and key. */
export interface ContactCenterOutputs {
  skillGroups: Record<string, pulumi.Output<number>>;
  users: Record<string, pulumi.Output<number>>;
  precisionQueues: Record<string, pulumi.Output<number>>;
  resourceUsers: Record<string, pulumi.Output<string>>;
  tempAllows: Record<string, pulumi.Output<string>>;
  customerUsers: Record<string, pulumi.Output<string>>;
}

/** The lookup each named user reference goes through, and the CceUser input it fills. */
const USER_LOOKUPS = {
  platform: ["platformId", getPlatformOutput],
  site: ["siteId", getSiteOutput],
  department: ["departmentId", getDepartmentOutput],
  billingUnit: ["billingUnitId", getBillingUnitOutput],
  roleGroup: ["roleGroupId", getRoleGroupOutput],
  apmProfile: ["profileId", getApmProfileOutput],
  team: ["teamId", getTeamOutput],
  deskSettings: ["deskSettingsId", getAgentDeskSettingsOutput],
} as const;

export function declareContactCenter(file: ContactCenterFile, stackConfig = new pulumi.Config()): ContactCenterOutputs {
  const outputs: ContactCenterOutputs = { skillGroups: {}, users: {}, precisionQueues: {}, resourceUsers: {}, tempAllows: {}, customerUsers: {} };

  // Skill groups, reachable by key and, when unique, by name (load() refused ambiguous names).
  const groups = new Map<string, SkillGroup>();
  for (const object of objectsOf(file, "skillGroup")) {
    const { peripheral, ...group } = object as FileSkillGroup;
    const key = keyOf("skillGroup", object);
    const resource = new SkillGroup(key, { ...group, peripheralId: getPlatformOutput({ name: peripheral }).id });
    groups.set(key, resource);
    groups.set(group.name, resource);
    outputs.skillGroups[key] = resource.skillTargetId;
  }

  for (const object of objectsOf(file, "user")) {
    const { attributes, skillGroups, passwordSecret, ...user } = object as FileUser;
    const key = keyOf("user", object);
    const args: Record<string, unknown> = { ...user };
    for (const [field, [input, lookup]] of Object.entries(USER_LOOKUPS)) {
      const name = (user as Record<string, unknown>)[field];
      delete args[field];
      if (typeof name === "string") args[input] = lookup({ name }).id;
    }
    if (skillGroups) args.skillGroupIds = skillGroups.map((reference) => groups.get(reference)!.skillTargetId);
    if (passwordSecret) args.password = stackConfig.requireSecret(passwordSecret);
    const resource = new CceUser(key, args as never);
    outputs.users[key] = resource.idProgramUser;
    for (const [attribute, value] of Object.entries(attributes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      new AgentAttribute(`${key}/${attribute}`, { agent: resource.idProgramUser, attribute, value });
    }
  }

  for (const object of objectsOf(file, "precisionQueue")) {
    const key = keyOf("precisionQueue", object);
    outputs.precisionQueues[key] = new PrecisionQueue(key, object as never).queueId;
  }
  for (const object of objectsOf(file, "resourceUser")) {
    const key = keyOf("resourceUser", object);
    outputs.resourceUsers[key] = new ResourceUser(key, object as never).resourcePartyNumber;
  }
  for (const object of objectsOf(file, "tempAllow")) {
    const key = keyOf("tempAllow", object);
    outputs.tempAllows[key] = new TempAllow(key, object as never).expirationDate;
  }
  for (const object of objectsOf(file, "customerUser")) {
    const key = keyOf("customerUser", object);
    outputs.customerUsers[key] = new CustomerUser(key, object as never).userId;
  }
  return outputs;
}

/**
 * The whole program for a YAML declaration: loads `target` (a file or a folder), refuses it
 * with every problem at its line and column, else declares it.
 */
export async function declareContactCenterFromFile(target: string, stackConfig = new pulumi.Config()): Promise<ContactCenterOutputs> {
  const loaded = await loadContactCenter(path.resolve(target));
  if (!loaded.config) {
    const list = loaded.problems.map((p) => `  ${formatProblem(p)}`).join("\n");
    throw new Error(`${target} has ${loaded.problems.length} problem(s):\n${list}`);
  }
  return declareContactCenter(loaded.config, stackConfig);
}
