/**
 * `contact-center shards`: one YAML declaration reconciled as one stack per shard through the
 * real CLI, against the emulator. Skill groups in their shard first, users (with their
 * attributes) hashed over the others and joining groups of another stack by key; one combined
 * plan; convergence over every shard; drift across shards with exit 2; a change of the counts
 * (and a move from one stack to shards) moves records between states with no vendor write; a
 * new object moves no other; destroy removes every object; no secret on disk.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { shardOf } from "../../config/shards";
import { moveResources } from "../../cli/shards";
import { HandEdits } from "../support/hand-edits";
import { killUpAfterWrites, LATE_COMMIT_SECONDS } from "./kill";
import { addStack, ALLOW_IRREVERSIBLE_DELETION, CONTACT_CENTER_CLI, contactCenter, createTestStack, expectNotWrittenInPlaintext, TestStack, useCceEmulator } from "./harness";

const cce = useCceEmulator();
const PASSWORD = "Shards-2026-Secret!";

const GROUPS = ["Shard_Sales", "Shard_Billing", "Shard_Support"].map((name) => ({ peripheral: "CUCM_PG_1", name, description: `${name} desk` }));
const agent = (n: number) => ({
  loginName: `shard.${n}@DEM`,
  template: "tmpl.agent@DEM",
  userType: "agent",
  firstName: `Shard${n}`,
  lastName: "Agent",
  phone: `5557${String(n).padStart(3, "0")}`,
  agentId: `47${String(n).padStart(2, "0")}`,
  skillGroups: [GROUPS[n % 3].name, ...(n % 2 === 0 ? [GROUPS[(n + 1) % 3].name] : [])],
  attributes: { Sales_Skill: n },
  passwordSecret: "agentPassword",
  deletionPolicy: "delete",
});

function declare(t: TestStack, shards: object | undefined, agents: number) {
  const declaration = { ...(shards ? { shards } : {}), cce: { skillGroups: GROUPS, users: Array.from({ length: agents }, (_, i) => agent(i + 1)) } };
  fs.writeFileSync(path.join(t.stack.workspace.workDir, "contact-center.yaml"), stringify(declaration));
}

const shards = (t: TestStack, ...args: string[]) => contactCenter(t, ["shards", ...args, "--stack", "acme"]);
/** The CCE endpoints (last path segments) called after `seq` that write, or that only read. */
const callsSince = async (seq: number, writes: boolean) =>
  (await cce.control.journal()).filter((call) => call.seq > seq && call.write === writes).map((call) => call.path.split("/").pop());
const writesSince = (seq: number) => callsSince(seq, true);
const lastSeq = async () => (await cce.control.journal()).at(-1)?.seq ?? 0;
/** How many times each read endpoint (its last path segment) was called after `seq`. */
async function readsSince(seq: number): Promise<(endpoint: string) => number> {
  const reads = await callsSince(seq, false);
  return (endpoint) => reads.filter((read) => read === endpoint).length;
}

/** Each stack's resources as its state records them. */
async function statesByStack(t: TestStack): Promise<Record<string, Array<{ type: string; urn: string; sourcePosition?: string; stackTrace?: unknown }>>> {
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
  const states: Record<string, Array<{ type: string; urn: string }>> = {};
  for (const { name } of await t.stack.workspace.listStacks()) {
    const stack = await LocalWorkspace.selectStack({ stackName: name, workDir: t.stack.workspace.workDir }, { pulumiHome: t.stack.workspace.pulumiHome, envVars: t.stack.workspace.envVars });
    states[name] = (await stack.exportStack()).deployment.resources ?? [];
  }
  return states;
}

/** The vendor objects each stack of the project records, by stack: `kind key`. */
async function recordedByStack(t: TestStack): Promise<Record<string, string[]>> {
  const byStack: Record<string, string[]> = {};
  for (const [name, resources] of Object.entries(await statesByStack(t))) {
    byStack[name] = resources
      .filter((r) => /cce:(User|SkillGroup|AgentAttribute)$/.test(r.type))
      .map((r) => `${r.type.split(":").pop()} ${r.urn.split("::").pop()}`)
      .sort();
  }
  return byStack;
}

/** Where each object belongs under `counts`, as recordedByStack lists it. */
function expectedByStack(counts: { skillGroups: number; objects: number }, agents: number): Record<string, string[]> {
  const expected: Record<string, string[]> = {};
  const add = (shard: string, entry: string) => (expected[`acme.${shard}`] ??= []).push(entry);
  for (const g of GROUPS) add(shardOf("skillGroup", `CUCM_PG_1.${g.name}`, counts), `SkillGroup CUCM_PG_1.${g.name}`);
  for (let n = 1; n <= agents; n++) {
    const shard = shardOf("user", `shard.${n}@DEM`, counts);
    add(shard, `User shard.${n}@DEM`);
    add(shard, `AgentAttribute shard.${n}@DEM/Sales_Skill`);
  }
  for (const list of Object.values(expected)) list.sort();
  return expected;
}

async function portalIds(agents: number) {
  const ids: Record<string, number> = {};
  for (let n = 1; n <= agents; n++) ids[`shard.${n}@DEM`] = (await cce.portal.userNamed(cce.session, `shard.${n}@DEM`)).idProgramUser;
  for (const g of GROUPS) {
    const found = await cce.portal.skillGroupsNamed(cce.session, g.name);
    expect(found).toHaveLength(1);
    ids[g.name] = found[0].skillTargetId;
  }
  return ids;
}

const config = () => ({ ...cce.config(), ...ALLOW_IRREVERSIBLE_DELETION, agentPassword: { value: PASSWORD, secret: true } });

test("a sharded declaration: groups first, one plan, converged shards, drift across shards, moves with no vendor write, destroy", async () => {
  const t = await createTestStack("sharded", config(), { stackName: "acme" });
  try {
    const two = { skillGroups: 1, objects: 2 };
    declare(t, { objects: 2 }, 6);

    // The plan of every shard as one list, objects in key order, each with its shard.
    const plan = await shards(t, "preview");
    expect(plan.stderr).not.toContain("failed");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Plan for acme (3 shards):");
    expect(plan.stdout).toContain("+  create    skillGroup CUCM_PG_1.Shard_Sales  [groups-1]");
    expect(plan.stdout).toContain(`+  create    user shard.1@DEM  [${shardOf("user", "shard.1@DEM", two)}]`);
    expect(plan.stdout).toContain("15 create; 0 unchanged.");

    const beforeUp = await lastSeq();
    const applied = await shards(t, "up");
    expect(applied.stderr).not.toContain("failed");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("15 create; 0 unchanged.");
    // Each object in the stack of its shard, once; users in groups held by another stack.
    const recorded = await recordedByStack(t);
    expect(recorded).toEqual({ acme: [], ...expectedByStack(two, 6) });
    // Both user shards check attribute values against the tenant's definitions; their provider
    // processes read the definitions once between them (the wave's read snapshot).
    expect(["acme.part-1", "acme.part-2"].map((stack) => recorded[stack].some((entry) => entry.startsWith("AgentAttribute ")))).toEqual([true, true]);
    expect((await readsSince(beforeUp))("getAllAttributes")).toBe(1);
    // Declared from YAML: no source position of the package's own code in the states (source-positions.ts).
    const positioned = Object.values(await statesByStack(t)).flat().filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/") && (r.sourcePosition !== undefined || r.stackTrace !== undefined));
    expect(positioned.map((r) => r.urn)).toEqual([]);
    const ids = await portalIds(6);
    expect(await cce.portal.assignedSkills(cce.session, ids["shard.2@DEM"])).toEqual([ids.Shard_Support, ids.Shard_Sales].sort((a, b) => a - b));

    // Converged: nothing planned, nothing refreshed away, no drift.
    expect((await shards(t, "preview")).stdout).toContain("No changes; 15 unchanged.");
    const beforeRefresh = await lastSeq();
    expect((await shards(t, "refresh")).stdout).toContain("No changes; 15 unchanged.");
    // The shards' refreshes share one read of each list between their processes (read-snapshot.ts).
    const times = await readsSince(beforeRefresh);
    // The members of every group of the agents' peripheral are read, group by group: ours and the emulator's own.
    const peripheralId = (await cce.portal.skillGroupsNamed(cce.session, GROUPS[0].name))[0].peripheralId;
    const everyGroup = (await cce.portal.call(cce.session, "protected/skills/getSkillGroups", { pageSize: 0 })).basicSkillGroupList as { peripheralId: number }[];
    expect({ getUsers: times("getUsers"), getSkillGroups: times("getSkillGroups"), getAllAgentsForSkill: times("getAllAgentsForSkill"), getAllAgents: times("getAllAgents") }).toEqual({
      getUsers: 1,
      getSkillGroups: 1,
      getAllAgentsForSkill: everyGroup.filter((group) => group.peripheralId === peripheralId).length,
      getAllAgents: 1,
    });
    const clean = await shards(t, "drift");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No drift");

    // A hand edit in the groups' shard is drift of the declaration: one report, exit 2.
    const hand = new HandEdits(cce.url);
    await hand.editSkillGroup("Shard_Sales", { description: "changed by hand" });
    await hand.close();
    const drifted = await shards(t, "drift", "--json", "-");
    expect(drifted.code).toBe(2);
    expect(JSON.parse(drifted.stdout)).toMatchObject({
      stack: "acme",
      drift: true,
      summary: { objects: 1, changed: 1 },
      objects: [{ kind: "skillGroup", key: "CUCM_PG_1.Shard_Sales", change: "changed", fields: [{ field: "description", live: "changed by hand", declared: "Shard_Sales desk" }] }],
    });
    const restored = await shards(t, "up", "--refresh");
    expect(restored.stdout).toContain("~  update    skillGroup CUCM_PG_1.Shard_Sales  [groups-1]  (description)");
    expect(restored.stdout).toContain("1 update; 14 unchanged.");

    // A count change: the plan refuses until the records move; the move writes nothing to the portal.
    const three = { skillGroups: 1, objects: 3 };
    declare(t, { objects: 3 }, 6);
    const refused = await shards(t, "preview");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Run `contact-center shards move --stack acme` first");
    const listed = await shards(t, "move", "--dry-run");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\d+ object\(s\) would move between stacks/);
    const beforeMove = await lastSeq();
    const moved = await shards(t, "move");
    expect(moved.stderr).not.toContain("failed");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("Moved: every object is recorded in its shard's stack.");
    expect(await recordedByStack(t)).toEqual({ acme: [], ...expectedByStack(three, 6) });
    expect((await shards(t, "preview")).stdout).toContain("No changes; 15 unchanged.");
    expect(await writesSince(beforeMove)).toEqual([]);
    expect(await portalIds(6)).toEqual(ids);

    // A new object moves no other: one user and its attribute planned, nothing pending.
    declare(t, { objects: 3 }, 7);
    const grown = await shards(t, "up");
    expect(grown.code).toBe(0);
    expect(grown.stdout).toContain("2 create; 15 unchanged.");
    expect(await recordedByStack(t)).toEqual({ acme: [], ...expectedByStack(three, 7) });

    expectNotWrittenInPlaintext(t, [PASSWORD]);
    const configFiles = fs.readdirSync(t.stack.workspace.workDir).filter((f) => /^Pulumi\.acme.*\.yaml$/.test(f));
    expect(configFiles.length).toBe(5);
    for (const f of configFiles) expect(fs.readFileSync(path.join(t.stack.workspace.workDir, f), "utf8")).not.toContain(PASSWORD);

    // Destroy: users' shards first (their deletionPolicy deletes them), then the groups' (which
    // the portal cannot delete: they stay in ICM, each once); every stack empty.
    const destroyed = await shards(t, "destroy");
    expect(destroyed.stderr).not.toContain("failed");
    expect(destroyed.code).toBe(0);
    expect(destroyed.stdout).toContain("17 delete; 0 unchanged.");
    for (let n = 1; n <= 7; n++) expect(await cce.portal.userNamed(cce.session, `shard.${n}@DEM`)).toBeUndefined();
    for (const g of GROUPS) expect(await cce.portal.skillGroupsNamed(cce.session, g.name)).toHaveLength(1);
    expect(Object.values(await recordedByStack(t)).flat()).toEqual([]);
  } finally {
    await t.cleanup();
  }
});

test("a declaration run as one stack becomes sharded by moving its records: no vendor write, and the one stack refuses to run it", async () => {
  const t = await createTestStack("sharded", config(), { stackName: "acme" });
  try {
    declare(t, undefined, 4);
    await t.stack.up();
    const ids = await portalIds(4);

    declare(t, { objects: 2 }, 4);
    // A move killed between its two writes leaves a record in both stacks: here a group's,
    // written to its shard and still in the old stack. The next move drops the old copy.
    const groupsShard = await addStack(t, "acme.groups-1", {});
    const state = (await t.stack.exportStack()).deployment;
    const salesUrn = (state.resources as { urn: string }[]).find((r) => r.urn.endsWith("::CUCM_PG_1.Shard_Sales"))!.urn;
    const copied = (await groupsShard.stack.exportStack()).deployment;
    copied.resources = moveResources(state.resources, copied.resources ?? [], new Set([salesUrn]), "acme", "acme.groups-1");
    await groupsShard.stack.importStack({ version: 3, deployment: copied });
    expect((await recordedByStack(t))["acme.groups-1"]).toEqual(["SkillGroup CUCM_PG_1.Shard_Sales"]);

    const before = await lastSeq();
    const moved = await shards(t, "move");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("11 object(s) move between stacks");
    expect(moved.stderr).toContain("dropping 1 copied already");
    expect(await recordedByStack(t)).toEqual({ acme: [], ...expectedByStack({ skillGroups: 1, objects: 2 }, 4) });
    expect((await shards(t, "preview")).stdout).toContain("No changes; 11 unchanged.");
    expect(await writesSince(before)).toEqual([]);
    expect(await portalIds(4)).toEqual(ids);

    // The one stack would declare every object beside the shards: refused, before any step.
    await expect(t.stack.preview()).rejects.toThrow(/is sharded .*contact-center shards up --stack <name>/s);
  } finally {
    await t.cleanup();
  }
});

test("a killed `shards up`: `shards recover` settles every stack, and the next up converges with each object once", async () => {
  const t = await createTestStack("sharded", config(), { stackName: "acme" });
  const counts = { skillGroups: 1, objects: 2 };
  try {
    declare(t, { objects: 2 }, 6);
    // Slow enough that the kill lands mid-way through the users' shards (the groups' three writes come first).
    await cce.control.configure({ latencyMs: 60 });
    try {
      await killUpAfterWrites(cce.control, t, "shards", 8, {}, [process.execPath, CONTACT_CENTER_CLI, "shards", "up", "--stack", "acme"]);
    } finally {
      await cce.control.configure({ latencyMs: 0 });
    }
    // Killed mid-run: the next up is refused by the dead run's locks until the recovery.
    const recovered = await contactCenter(t, ["shards", "recover", "--stack", "acme"], { CONTACT_CENTER_LATE_COMMIT_SECONDS: LATE_COMMIT_SECONDS });
    expect({ code: recovered.code, stderr: recovered.code === 0 ? "" : recovered.stderr }).toEqual({ code: 0, stderr: "" });
    expect(recovered.stdout).toContain("recovered 4 stack(s)");
    // The users' shards were mid-way: creates pending in at least one of them, settled.
    expect(recovered.stdout).toMatch(/acme\.part-\d: recovered: the next `contact-center shards up --stack acme` finishes/);
    expect(recovered.stderr).toMatch(/acme\.part-\d: .*removing the stack's lock: the run that took it no longer runs/);

    const finished = await shards(t, "up");
    expect(finished.stderr).not.toContain("failed");
    expect(finished.code).toBe(0);
    // Each object once in the portal, each recorded once, in its shard's stack: nothing duplicated, nothing orphaned.
    const ids = await portalIds(6);
    expect(new Set(Object.values(ids)).size).toBe(9);
    expect(await recordedByStack(t)).toEqual({ acme: [], ...expectedByStack(counts, 6) });
    expect((await shards(t, "preview")).stdout).toContain("No changes; 15 unchanged.");
    expect((await shards(t, "drift")).code).toBe(0);
  } finally {
    await t.cleanup();
  }
});
