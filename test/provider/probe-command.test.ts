/**
 * `contact-center probe memberships`: the comparison that decides whether one call can stand in
 * for the group-by-group membership reads, and the command against the emulator, which (faithful
 * to the seed) refuses getAllAgentsForSkill without a skillTargetId.
 */
import { main } from "../../cli/main";
import { compareMemberships, probeCommand } from "../../cli/probe";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { captureIo } from "../support/command-io";
import { EmulatorControl, useEmulatorLifecycle } from "../support/portal";

describe("compareMemberships", () => {
  const exact = new Map([
    [300001, [5101, 5102]],
    [300002, [5102]],
  ]);
  const row = (idProgramUser: unknown, skillTargetId: unknown) => ({ idProgramUser, skillTargetId });

  test("the same pairs in any order: usable", () => {
    expect(compareMemberships([row(300002, 5102), row(300001, 5102), row(300001, 5101)], exact)).toEqual({
      usable: true,
      verdict: "usable: the one call answered the same 3 memberships as the group-by-group reads",
    });
  });

  test("a membership missing or one too many: not usable, with the counts", () => {
    expect(compareMemberships([row(300001, 5101), row(300001, 5102)], exact)).toEqual({
      usable: false,
      verdict: "not usable: 2 memberships in one call, 3 group by group; 1 missing, 0 not memberships",
    });
    expect(compareMemberships([row(300001, 5101), row(300001, 5102), row(300002, 5102), row(300002, 5101)], exact).verdict).toBe(
      "not usable: 4 memberships in one call, 3 group by group; 0 missing, 1 not memberships",
    );
  });

  test("rows that do not name the group: not usable, whatever else they say", () => {
    expect(compareMemberships([row(300001, 5101), row(300001, null), row(300002, undefined)], exact)).toEqual({
      usable: false,
      verdict: "not usable: 2 of 3 rows do not name both an agent (idProgramUser) and a group (skillTargetId)",
    });
  });

  test("nothing to compare is not a match", () => {
    expect(compareMemberships([], new Map())).toEqual({ usable: false, verdict: "undecided: the platform has no memberships to compare" });
  });
});

describe("probe memberships against the emulator", () => {
  const emulator = useEmulatorLifecycle();
  const { username, password } = cceDemoCredentials.admin;
  beforeEach(() => {
    Object.assign(process.env, { CCE_URL: `${emulator.url()}/portal/services`, CCE_USERNAME: username, CCE_PASSWORD: password });
  });
  afterEach(() => {
    for (const name of ["CCE_URL", "CCE_USERNAME", "CCE_PASSWORD"]) delete process.env[name];
  });

  test("reports the refusal per platform with the vendor's constant, exits 3, and writes nothing", async () => {
    const control = new EmulatorControl(emulator.url());
    await control.resetCalls();
    const { io, out, err } = captureIo();
    expect(await probeCommand.run(["memberships"], io)).toBe(3);
    expect(out).toEqual([
      "CUCM_PG_1 (platformId 5000, 2 skill groups): not usable: refused, GET_AGENTS_FOR_SKILL_FAILED: Unexpected error while reading the agents of the skill group. (skillTargetId is required)",
      "MR_PG_1 (platformId 5001, 1 skill group): not usable: refused, GET_AGENTS_FOR_SKILL_FAILED: Unexpected error while reading the agents of the skill group. (skillTargetId is required)",
      "The one-call read cannot replace the group-by-group reads here; a refresh keeps one call per skill group.",
    ]);
    expect(err).toEqual(["probing CUCM_PG_1 (2 skill groups)", "probing MR_PG_1 (1 skill group)"]);
    // Reads only: the lists, one probe per platform, the session's login and logout.
    const { byEndpoint } = await control.calls();
    expect(byEndpoint).toEqual({
      "POST /portal/services/login/login": 1,
      "POST /portal/services/protected/skills/getSkillGroups": 1,
      "POST /portal/services/protected/users/getAllPlatforms": 1,
      "POST /portal/services/protected/quickskills/getAllAgentsForSkill": 2,
      "GET /portal/services/login/logout": 1,
    });
  });

  test("--platform narrows the probe; an unknown one names the platforms that have groups", async () => {
    const one = captureIo();
    expect(await probeCommand.run(["memberships", "--platform", "mr_pg_1"], one.io)).toBe(3);
    expect(one.out[0]).toMatch(/^MR_PG_1 \(platformId 5001, 1 skill group\): not usable: refused/);
    expect(one.out).toHaveLength(2);
    const unknown = captureIo();
    expect(await probeCommand.run(["memberships", "--platform", "Paris"], unknown.io)).toBe(1);
    expect(unknown.err).toEqual(['contact-center probe: no skill groups on a platform named "Paris" (platforms with groups: CUCM_PG_1, MR_PG_1)']);
  });

  test.each([
    [[], 'the one probe is "memberships", got ""'],
    [["skills"], 'the one probe is "memberships", got "skills"'],
    [["memberships", "--platform"], "--platform needs a value"],
    [["memberships", "--fast"], "unknown option --fast"],
  ])("%j is refused before any call, exit 1", async (args, message) => {
    const control = new EmulatorControl(emulator.url());
    await control.resetCalls();
    const { io, out, err } = captureIo();
    expect(await main(["probe", ...args], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err[0]).toContain(`contact-center probe: ${message}`);
    expect((await control.calls()).total).toBe(0);
  });
});
