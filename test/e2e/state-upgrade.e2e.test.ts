/**
 * A stack written before names were kept as written (release 0.1): check() stored the id each
 * name stood for among the inputs (`site` and `siteId`, a group's `peripheral` and
 * `peripheralId`), and the YAML program gave users their groups by id (`skillGroupIds`). The
 * first run of this release over such a state plans only what really differs in the
 * declaration (users' groups by name instead of by id), writes nothing to the tenant, and
 * converges; names whose form did not change are no step at all.
 */
import * as path from "node:path";
import { allVendorsConfig, createTestStack, expectConverged, plannedSteps, recordEvents, useCceEmulator } from "./harness";
import { USER_NAMED_REFERENCES } from "../../provider/cce/user";

const emulator = useCceEmulator();

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The state as release 0.1 wrote it for the same tenant. */
function asWrittenBefore(resources: StateResource[]): void {
  for (const resource of resources) {
    const { inputs, outputs } = resource;
    if (!inputs || !outputs) continue;
    if (resource.type.endsWith("cce:SkillGroup") && typeof inputs.peripheral === "string") inputs.peripheralId = outputs.peripheralId;
    if (!resource.type.endsWith("cce:User")) continue;
    for (const [name, reference] of Object.entries(USER_NAMED_REFERENCES)) {
      if (typeof inputs[name] === "string") inputs[reference.id] = outputs[reference.id];
    }
    if (Array.isArray(inputs.skillGroups)) {
      inputs.skillGroupIds = outputs.skillGroupIds;
      delete inputs.skillGroups;
      delete outputs.skillGroups;
    }
  }
}

test("a state from before: one planned update per user that joins groups (their form), no write, then converged", async () => {
  const t = await createTestStack("yaml-file", {
    ...allVendorsConfig(emulator.url, emulator.config()),
    file: { value: path.resolve(__dirname, "../../examples/yaml/contact-center.yaml") },
    agentPassword: { value: "Upgrade-Agent-2026!", secret: true },
  });
  try {
    await t.stack.up();
    // GIVEN the same stack as the previous release left it
    const state = await t.stack.exportStack();
    asWrittenBefore(state.deployment.resources as StateResource[]);
    await t.stack.importStack(state);

    // WHEN this release previews it THEN only the users that declare skill groups plan a change,
    // of the declaration's form (ids recorded beside names, groups by id), and nothing else
    const previewed = recordEvents();
    await t.stack.preview({ onEvent: previewed.onEvent });
    // Steps run in parallel: compared in a fixed order.
    const steps = (events: typeof previewed.events) => plannedSteps(events, /dynamic\//).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    const planned = steps(previewed.events);
    expect(planned.map(([op, name]) => `${op} ${name}`).sort()).toEqual(["update dana@DEM", "update eli@DEM"]);
    for (const [, , fields] of planned) expect(fields).toEqual(["siteId", "skillGroupIds", "skillGroups", "teamId"]);

    // AND the up makes exactly that change, and no call that writes
    await emulator.control.resetCalls();
    const applying = recordEvents();
    await t.stack.up({ onEvent: applying.onEvent });
    expect(steps(applying.events)).toEqual(planned);
    expect((await emulator.control.journal()).filter((call) => call.write)).toEqual([]);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});
