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
import { declarationShard, shardCounts, shardNames, skillGroupKeysByReference } from "./shards";
import { withoutSourcePositions } from "../provider/core/source-positions";

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

/**
 * Declares `whole`, or, when `shard` is given, only the objects of that shard of it (see
 * config/shards.ts). A shard's users refer to skill groups of other shards by key alone: the
 * provider resolves keys with its own session, and the driver applies the groups' shards first.
 */
export function declareContactCenter(whole: ContactCenterFile, stackConfig = new pulumi.Config(), shard?: string): ContactCenterOutputs {
  return withoutSourcePositions(() => declareObjects(whole, stackConfig, shard));
}

function declareObjects(whole: ContactCenterFile, stackConfig: pulumi.Config, shard: string | undefined): ContactCenterOutputs {
  const outputs: ContactCenterOutputs = { skillGroups: {}, users: {}, precisionQueues: {}, resourceUsers: {}, tempAllows: {}, customerUsers: {} };
  const counts = shardCounts(whole);
  const file = shard !== undefined && counts ? declarationShard(whole, shard, counts) : whole;
  const groupKeys = skillGroupKeysByReference(whole);

  // First, so that its check (an empty declaration, one that lost most of its objects) stops
  // the run before any other object's step: deletions come last in a run.
  const guard = new pulumi.Config("contact-center");
  // Sharded, every shard guards the whole declaration: a file gone missing shows in each of
  // them, and a count change that moves objects away from a shard is no removal.
  new DeclarationGuard("declaration", {
    objects: objectCount(whole),
    allowMassDeletion: guard.getBoolean("allowMassDeletion") ?? process.env.CONTACT_CENTER_ALLOW_MASS_DELETION === "1",
    maxRemovedShare: guard.getNumber("maxRemovedShare"),
    maxRemovedFloor: guard.getNumber("maxRemovedFloor"),
  });

  // This stack's skill groups by key; users refer to groups by key or, when unique, by name
  // (load() refused ambiguous names), and groupKeys turns a name into its key.
  const groups = new Map<string, SkillGroup>();
  for (const object of objectsOf(file, "skillGroup")) {
    const group = object as FileSkillGroup;
    const key = keyOf("skillGroup", object);
    // Names (the peripheral here, a user's site, team...) go to the resources as they are: the
    // provider resolves them with its own session, and only when they change.
    const resource = new SkillGroup(key, group);
    groups.set(key, resource);
    outputs.skillGroups[key] = resource.skillTargetId;
  }

  for (const object of objectsOf(file, "user")) {
    const { attributes, skillGroups, passwordSecret, ...user } = object as FileUser;
    const key = keyOf("user", object);
    const args: Record<string, unknown> = { ...user };
    // By the group's key (<peripheral>.<name>), which the plan and a drift report show as it is:
    // a plain string, known even in the plan of a run that creates the group. The user waits
    // for its groups, and the provider resolves the keys to the groups' ids.
    // A group of another shard has no resource here: the user names it by key all the same.
    const keys = (skillGroups ?? []).map((reference) => groupKeys.get(reference)!);
    if (skillGroups) args.skillGroups = keys;
    if (passwordSecret) args.password = stackConfig.requireSecret(passwordSecret);
    const joined = keys.flatMap((groupKey) => groups.get(groupKey) ?? []);
    const resource = new CceUser(key, args as never, joined.length > 0 ? { dependsOn: joined } : undefined);
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
  return declareContactCenter(loaded.config, stackConfig, shardToDeclare(target, loaded.config));
}

/**
 * The shard this stack declares (stack config `contact-center:shard`, which `contact-center
 * shards` sets), checked against the file: a sharded declaration run as one stack would
 * declare every object a second time, beside the shards that hold them.
 */
function shardToDeclare(target: string, file: ContactCenterFile): string | undefined {
  const shard = new pulumi.Config("contact-center").get("shard");
  const counts = shardCounts(file);
  if (!counts && shard !== undefined) {
    throw new pulumi.RunError(`stack config contact-center:shard is "${shard}", but ${target} sets no shards: remove the setting, or add shards to the file`);
  }
  if (counts && shard === undefined) {
    throw new pulumi.RunError(
      `${target} is sharded (shards: ${JSON.stringify(file.shards)}): run it with \`contact-center shards up --stack <name>\`, ` +
        "which runs one stack per shard; this stack would declare every object beside the shards that hold them",
    );
  }
  if (counts && shard !== undefined && !shardNames(counts).includes(shard)) {
    throw new pulumi.RunError(`stack config contact-center:shard is "${shard}", which is not one of ${target}'s shards (${shardNames(counts).join(", ")})`);
  }
  return shard;
}
