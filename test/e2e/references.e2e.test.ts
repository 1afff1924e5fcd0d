/**
 * References as a TypeScript program writes them (test/e2e/programs/references): users name
 * their skill groups through the groups' `name` (or `skillTargetId`) outputs, attributes their
 * agent through its `idProgramUser`. The plan names what changes and nothing else, and the up
 * does exactly what the plan said: a referenced group's change is the group's alone, an agent
 * that joins a group is an update of the agent alone, and an agent replaced under a new login
 * takes its attributes with it, in the plan as in the up.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { ALLOW_IRREVERSIBLE_DELETION, createTestStack, expectConverged, plannedSteps, recordEvents, TestStack, useCceEmulator } from "./harness";

const emulator = useCceEmulator();
const CCE = /dynamic\/cce:/;

interface AgentSpec {
  args: Record<string, unknown>;
  groups: string[];
  byId?: boolean;
  attributes: Record<string, number | boolean>;
}

const agent = (loginName: string, agentId: string, groups: string[], extra: Partial<AgentSpec> = {}): AgentSpec => ({
  args: { loginName, template: "tmpl.agent@DEM", userType: "agent", firstName: `Ref${agentId}`, lastName: "Agent", phone: `555${agentId}`, agentId, deletionPolicy: "delete" },
  groups,
  attributes: { Sales_Skill: 7, Spanish: true },
  ...extra,
});

const configOf = (groups: object, agents: object): ConfigMap => ({
  groups: { value: JSON.stringify(groups) },
  agents: { value: JSON.stringify(agents) },
});

/** A preview, then the up: the steps each shows, as [op, resource, changed inputs], sorted. */
async function previewThenUp(t: TestStack) {
  const previewed = recordEvents();
  await t.stack.preview({ onEvent: previewed.onEvent });
  const applying = recordEvents();
  await t.stack.up({ onEvent: applying.onEvent });
  // A deletion has no new inputs to compare: its op is the whole step.
  const sorted = (steps: unknown[][]) => steps.map(([op, name, fields]) => JSON.stringify([op, name, String(op).startsWith("delete") ? [] : fields])).sort();
  return { planned: sorted(plannedSteps(previewed.events, CCE)), applied: sorted(plannedSteps(applying.events, CCE)) };
}

test("a referenced group's change, an added reference and a replaced agent: the plan names what changes, and the up does exactly that", async () => {
  const groups = {
    sales: { peripheral: "CUCM_PG_1", name: "Ref_Sales", description: "Sales" },
    billing: { peripheral: "CUCM_PG_1", name: "Ref_Billing", description: "Billing" },
  };
  // ada may be deleted: a new login keeps her name and agent id, so the old user must go first.
  const agents = { ada: agent("ada@DEM", "4201", ["sales"]), bo: agent("bo@DEM", "4202", ["sales", "billing"], { byId: true }) };
  const t = await createTestStack("references", {
    ...emulator.config(),
    ...ALLOW_IRREVERSIBLE_DELETION, // ada's replacement deletes the old ada
    ...configOf(groups, agents),
    agentPassword: { value: "Ref-Agent-2026!", secret: true },
  });
  try {
    await t.stack.up();
    await expectConverged(t);

    // WHEN a group both agents reference changes THEN only the group is planned and applied
    groups.sales.description = "Sales, changed";
    await t.stack.setAllConfig(configOf(groups, agents));
    const groupChange = await previewThenUp(t);
    expect(groupChange.planned).toEqual([JSON.stringify(["update", "sales", ["description"]])]);
    expect(groupChange.applied).toEqual(groupChange.planned);

    // WHEN an agent joins a group in code THEN the agent is an update, and its attributes show nothing
    agents.ada.groups = ["sales", "billing"];
    await t.stack.setAllConfig(configOf(groups, agents));
    const joined = await previewThenUp(t);
    expect(joined.planned).toEqual([JSON.stringify(["update", "ada", ["skillGroups"]])]);
    expect(joined.applied).toEqual(joined.planned);

    // WHEN an agent gets a new login name THEN it is replaced (deleted first: the new one keeps
    // her name and agent id), and its attributes with it (they must be held by the new agent),
    // in the plan as in the up
    agents.ada.args.loginName = "ada2@DEM";
    await t.stack.setAllConfig(configOf(groups, agents));
    const replaced = await previewThenUp(t);
    const steps = (name: string, field: string) => ["create-replacement", "replace", "delete-replaced"].map((op) => JSON.stringify([op, name, op === "delete-replaced" ? [] : [field]]));
    expect(replaced.planned).toEqual([...steps("ada", "loginName"), ...steps("ada/Sales_Skill", "agent"), ...steps("ada/Spanish", "agent")].sort());
    expect(replaced.applied).toEqual(replaced.planned);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});
