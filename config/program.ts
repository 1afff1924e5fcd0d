/**
 * Turns a loaded contact-center file into resources: references between declared objects
 * become outputs, which order the work (a user waits for its skill groups, an attribute for its
 * agent). Names of things the file does not declare (sites, teams, peripherals...) go to the
 * resources unchanged, for the provider to resolve. Runs inside a Pulumi program, and makes
 * no vendor call itself.
 *
 * References stay known in a plan: a user names its skill groups by key, and an attribute its
 * agent by the user's id, which the resource builds from its resource id (known unless the
 * user is created or replaced). So a change to a skill group never shows as a change to the
 * users in it, nor a change to a user as a change to its attributes.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { AgentAttribute } from "../provider/cce/agent-attribute";
import { PrecisionQueue } from "../provider/cce/precision-queue";
import { SkillGroup } from "../provider/cce/skill-group";
import { CceUser } from "../provider/cce/user";
import { ResourceUser } from "../provider/oracle/resource-user";
import { TempAllow } from "../provider/riskcc/temp-allow";
import { CustomerUser } from "../provider/ucportal/customer-user";
import { DeclarationGuard } from "../provider/guard/declaration-guard";
import { ContactCenterFile, FileSkillGroup, FileUser, KINDS, Kind, keyOf, objectsOf } from "./format";
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

/** Every object a file declares: each of its kinds, and each user's attributes. */
export function objectCount(file: ContactCenterFile): number {
  const attributes = objectsOf(file, "user").reduce((sum, user) => sum + Object.keys((user as FileUser).attributes ?? {}).length, 0);
  return (Object.keys(KINDS) as Kind[]).reduce((sum, kind) => sum + objectsOf(file, kind).length, attributes);
}

export function declareContactCenter(file: ContactCenterFile, stackConfig = new pulumi.Config()): ContactCenterOutputs {
  const outputs: ContactCenterOutputs = { skillGroups: {}, users: {}, precisionQueues: {}, resourceUsers: {}, tempAllows: {}, customerUsers: {} };

  // First, so that its check (an empty declaration, one that lost most of its objects) stops
  // the run before any other object's step: deletions come last in a run.
  const guard = new pulumi.Config("contact-center");
  new DeclarationGuard("declaration", {
    objects: objectCount(file),
    allowMassDeletion: guard.getBoolean("allowMassDeletion") ?? process.env.CONTACT_CENTER_ALLOW_MASS_DELETION === "1",
    maxRemovedShare: guard.getNumber("maxRemovedShare"),
    maxRemovedFloor: guard.getNumber("maxRemovedFloor"),
  });

  // Skill groups, reachable by key and, when unique, by name (load() refused ambiguous names).
  const groups = new Map<string, { resource: SkillGroup; key: string }>();
  for (const object of objectsOf(file, "skillGroup")) {
    const group = object as FileSkillGroup;
    const key = keyOf("skillGroup", object);
    // Names (the peripheral here, a user's site, team...) go to the resources as they are: the
    // provider resolves them with its own session, and only when they change.
    const resource = new SkillGroup(key, group);
    groups.set(key, { resource, key });
    groups.set(group.name, { resource, key });
    outputs.skillGroups[key] = resource.skillTargetId;
  }

  for (const object of objectsOf(file, "user")) {
    const { attributes, skillGroups, passwordSecret, ...user } = object as FileUser;
    const key = keyOf("user", object);
    const args: Record<string, unknown> = { ...user };
    // By the group's key (<peripheral>.<name>), which the plan and a drift report show as it is:
    // a plain string, known even in the plan of a run that creates the group. The user waits
    // for its groups, and the provider resolves the keys to the groups' ids.
    const joined = (skillGroups ?? []).map((reference) => groups.get(reference)!);
    if (skillGroups) args.skillGroups = joined.map(({ key }) => key);
    if (passwordSecret) args.password = stackConfig.requireSecret(passwordSecret);
    const resource = new CceUser(key, args as never, joined.length > 0 ? { dependsOn: joined.map(({ resource }) => resource) } : undefined);
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
 * The whole program for a YAML declaration: loads `target` (a file or a folder; files are read
 * as config/read-files.ts says), refuses it with every problem at its line and column, else
 * declares it. The refusal is a RunError: the CLI prints the problems, not a JavaScript stack.
 */
export async function declareContactCenterFromFile(target: string, stackConfig = new pulumi.Config()): Promise<ContactCenterOutputs> {
  const loaded = await loadContactCenter(path.resolve(target));
  if (!loaded.config) {
    const list = loaded.problems.map((p) => `  ${formatProblem(p)}`).join("\n");
    throw new pulumi.RunError(`${target} has ${loaded.problems.length} problem(s):\n${list}`);
  }
  return declareContactCenter(loaded.config, stackConfig);
}
