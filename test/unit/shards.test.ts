/**
 * Shard placement (config/shards.ts) and the driver's pure parts (cli/shards.ts): an object's
 * shard depends on its kind and key alone, so adding objects moves no other; attributes go
 * with their user, skill groups to their own shards; a shard declares exactly its objects;
 * moved records are renamed for their new stack with their provider and dependencies.
 */
import { moveResources, planReport, pool } from "../../cli/shards";
import { ContactCenterFile } from "../../config/format";
import { loadContactCenter } from "../../config/load";
import { declarationShard, placement, shardNames, shardOf } from "../../config/shards";

const user = (n: number) => ({ loginName: `u${n}@DEM`, template: "tmpl.agent@DEM", userType: "agent", firstName: "A", lastName: "B", attributes: { Skill: n }, skillGroups: ["Sales"] });
const fileWith = (users: number, objects = 4): ContactCenterFile =>
  ({
    shards: { objects },
    cce: { skillGroups: [{ peripheral: "CUCM_PG_1", name: "Sales" }, { peripheral: "CUCM_PG_1", name: "Billing" }], users: Array.from({ length: users }, (_, i) => user(i + 1)) },
    ucportal: { customerUsers: [{ email: "ann@example.com" }] },
  }) as never;

test("shard names: skill groups first, then the parts", () => {
  expect(shardNames({ skillGroups: 2, objects: 3 })).toEqual(["groups-1", "groups-2", "part-1", "part-2", "part-3"]);
});

test("adding objects moves no other object; each lands in a shard of the counts", () => {
  const counts = { skillGroups: 1, objects: 4 };
  const before = placement(fileWith(200), counts);
  const after = placement(fileWith(400), counts);
  for (const [object, shard] of before) expect([object, after.get(object)]).toEqual([object, shard]);
  expect(new Set(after.values())).toEqual(new Set(shardNames(counts)));
});

test("users spread over the parts (no part holds twice its share), attributes with their user, groups in theirs", () => {
  const counts = { skillGroups: 1, objects: 4 };
  const placed = placement(fileWith(2_000), counts);
  const perPart = new Map<string, number>();
  for (const [object, shard] of placed) if (object.startsWith("user ")) perPart.set(shard, (perPart.get(shard) ?? 0) + 1);
  expect([...perPart.keys()].sort()).toEqual(["part-1", "part-2", "part-3", "part-4"]);
  for (const count of perPart.values()) expect(count).toBeGreaterThan(250);
  for (const count of perPart.values()) expect(count).toBeLessThan(1_000);
  expect(placed.get("attribute u7@DEM/Skill")).toBe(placed.get("user u7@DEM"));
  expect(placed.get("skillGroup CUCM_PG_1.Sales")).toBe("groups-1");
  expect(shardOf("customerUser", "ann@example.com", counts)).toMatch(/^part-[1-4]$/);
});

test("a shard declares exactly its objects, and the shards together declare the whole file once", () => {
  const file = fileWith(50);
  const counts = { skillGroups: 1, objects: 4 };
  const shards = shardNames(counts).map((shard) => declarationShard(file, shard, counts));
  const logins = shards.flatMap((part) => (part.cce?.users ?? []).map((u) => u.loginName)).sort();
  expect(logins).toEqual(file.cce!.users!.map((u) => u.loginName).sort());
  expect(shards[0].cce?.skillGroups?.map((g) => g.name)).toEqual(["Sales", "Billing"]);
  expect(shards.slice(1).every((part) => part.cce?.skillGroups === undefined)).toBe(true);
  for (const [i, part] of shards.entries()) for (const u of part.cce?.users ?? []) expect(shardOf("user", u.loginName, counts)).toBe(shardNames(counts)[i]);
});

test("shards is set once per declaration, with whole counts of at least 1", async () => {
  const refused = await loadContactCenter("inline.yaml", { text: "shards: { objects: 0, skillGroups: 1.5 }\n" });
  expect(refused.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
    expect.arrayContaining([expect.stringMatching(/shards.objects: .*at least 1/), expect.stringMatching(/shards.skillGroups: .*whole number/)]),
  );
  const loaded = await loadContactCenter("inline.yaml", { text: "shards: { objects: 3 }\n" });
  expect(loaded.config?.shards).toEqual({ objects: 3 });
});

test("moved records are named for the new stack, with its root, its provider and dependencies among them only", () => {
  const p = "urn:pulumi:acme::proj::";
  const source = [
    { urn: `${p}pulumi:pulumi:Stack::proj-acme`, type: "pulumi:pulumi:Stack", custom: false },
    { urn: `${p}pulumi:providers:pulumi-nodejs::default`, id: "old-id", type: "pulumi:providers:pulumi-nodejs", custom: true },
    { urn: `${p}cce:SkillGroup::G`, type: "cce:SkillGroup", custom: true, parent: `${p}pulumi:pulumi:Stack::proj-acme`, provider: `${p}pulumi:providers:pulumi-nodejs::default::old-id` },
    {
      urn: `${p}cce:User::u`,
      type: "cce:User",
      custom: true,
      parent: `${p}pulumi:pulumi:Stack::proj-acme`,
      provider: `${p}pulumi:providers:pulumi-nodejs::default::old-id`,
      dependencies: [`${p}cce:SkillGroup::G`],
    },
    {
      urn: `${p}cce:AgentAttribute::u/S`,
      type: "cce:AgentAttribute",
      custom: true,
      provider: `${p}pulumi:providers:pulumi-nodejs::default::old-id`,
      dependencies: [`${p}cce:User::u`],
      propertyDependencies: { agent: [`${p}cce:User::u`] },
    },
  ];
  const q = "urn:pulumi:acme.part-1::proj::";
  const target = [
    { urn: `${q}pulumi:pulumi:Stack::proj-acme.part-1`, type: "pulumi:pulumi:Stack", custom: false },
    { urn: `${q}pulumi:providers:pulumi-nodejs::default`, id: "new-id", type: "pulumi:providers:pulumi-nodejs", custom: true },
  ];
  const moved = moveResources(source, target, new Set([`${p}cce:User::u`, `${p}cce:AgentAttribute::u/S`]), "acme", "acme.part-1");
  expect(moved.map((r) => r.urn)).toEqual([...target.map((r) => r.urn), `${q}cce:User::u`, `${q}cce:AgentAttribute::u/S`]);
  expect(moved[2]).toMatchObject({ parent: `${q}pulumi:pulumi:Stack::proj-acme.part-1`, provider: `${q}pulumi:providers:pulumi-nodejs::default::new-id`, dependencies: [] });
  expect(moved[3]).toMatchObject({ dependencies: [`${q}cce:User::u`], propertyDependencies: { agent: [`${q}cce:User::u`] } });

  // A destination never run: its root and provider are made from the source's.
  const fresh = moveResources(source, [], new Set([`${p}cce:SkillGroup::G`]), "acme", "acme.groups-1");
  expect(fresh.map((r) => r.urn)).toEqual([
    "urn:pulumi:acme.groups-1::proj::pulumi:pulumi:Stack::proj-acme.groups-1",
    "urn:pulumi:acme.groups-1::proj::pulumi:providers:pulumi-nodejs::default",
    "urn:pulumi:acme.groups-1::proj::cce:SkillGroup::G",
  ]);
  expect(fresh[2].provider).toBe("urn:pulumi:acme.groups-1::proj::pulumi:providers:pulumi-nodejs::default::old-id");
});

test("the combined plan lists each object once, in kind and key order, with its shard and totals", () => {
  const report = planReport(
    "acme",
    "preview",
    [
      { op: "create", kind: "user", key: "b@DEM", shard: "part-2", fields: [] },
      { op: "update", kind: "skillGroup", key: "P.Sales", shard: "groups-1", fields: ["serviceLevelThreshold", "description"] },
      { op: "create-replacement", kind: "user", key: "a@DEM", shard: "part-1", fields: ["agentId"] },
      { op: "delete-replaced", kind: "user", key: "a@DEM", shard: "part-1", fields: ["agentId"] },
    ],
    12,
    3,
  );
  expect(report).toBe(
    [
      "Plan for acme (3 shards):",
      "  ~  update    skillGroup P.Sales  [groups-1]  (description, serviceLevelThreshold)",
      "  +- replace   user a@DEM  [part-1]  (agentId)",
      "  +  create    user b@DEM  [part-2]",
      "1 create, 1 replace, 1 update; 12 unchanged.",
    ].join("\n"),
  );
  expect(planReport("acme", "up", [], 5, 1)).toBe("Applied for acme (1 shard):\nNo changes; 5 unchanged.");
});

test("the pool runs every item, never more than its limit at once", async () => {
  let running = 0;
  let peak = 0;
  const done: number[] = [];
  await pool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    peak = Math.max(peak, ++running);
    await new Promise((resolve) => setTimeout(resolve, 5 + (n % 3)));
    running--;
    done.push(n);
  });
  expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(peak).toBe(3);
});
