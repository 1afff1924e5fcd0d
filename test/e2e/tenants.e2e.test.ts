/**
 * Many tenants in one repository (docs/pipeline.md, "Many tenants"): one project, a stack and
 * a declaration per tenant, each stack with its own connection. Each `up` reaches only its own
 * tenant, and a hand edit in one tenant is drift of that tenant's stack alone.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import { UcPortalApi } from "../support/ucportal";
import { addStack, contactCenter, createTestStack, expectConverged, expectNotWrittenInPlaintext, ucportalConfig, useCceEmulator } from "./harness";

const emulator = useCceEmulator();
type Tenant = "acme" | "globex";

/** A tenant's declaration: one customer user, in tenants/<tenant>.yaml. */
const declaration = (tenant: Tenant) => `ucportal:
  customerUsers:
    - email: ops.lead@${tenant}.example
      displayName: Ops Lead ${tenant}
      roles: [customer.user]
`;
/** A tenant's stack config: its file, and its own connection (the token a secret). */
const configOf = (tenant: Tenant) => ({
  ...ucportalConfig(emulator.url, ucportalDemoTenants[tenant], ucportalDemoTokens[tenant]),
  file: { value: `tenants/${tenant}.yaml` },
});
const portal = (tenant: Tenant) => new UcPortalApi(emulator.url, { tenant: ucportalDemoTenants[tenant] });

test("two tenants, one project: each stack reaches its own tenant alone, and drift is reported for the tenant that drifted", async () => {
  const acme = await createTestStack("yaml-file", configOf("acme"), { stackName: "acme" });
  const workDir = acme.stack.workspace.workDir;
  fs.mkdirSync(path.join(workDir, "tenants"));
  for (const tenant of ["acme", "globex"] as const) fs.writeFileSync(path.join(workDir, "tenants", `${tenant}.yaml`), declaration(tenant));
  // The second tenant: another stack of the same project, in the same folder.
  const globex = await addStack(acme, "globex", configOf("globex"));
  try {
    for (const t of [acme, globex]) {
      const up = await t.stack.up();
      expect(up.summary.resourceChanges).toMatchObject({ create: 3 }); // the stack, the guard, the user
      await expectConverged(t);
    }

    // Each tenant has its own user, and not the other's.
    expect((await portal("acme").findByEmail("ops.lead@acme.example"))?.displayName).toBe("Ops Lead acme");
    expect((await portal("globex").findByEmail("ops.lead@globex.example"))?.displayName).toBe("Ops Lead globex");
    expect(await portal("acme").findByEmail("ops.lead@globex.example")).toBeUndefined();
    expect(await portal("globex").findByEmail("ops.lead@acme.example")).toBeUndefined();

    // WHEN someone renames acme's user by hand THEN acme's drift check finds it; globex's does not.
    const user = await portal("acme").findByEmail("ops.lead@acme.example");
    const renamed = await portal("acme").patchUser(user.id, { displayName: "Renamed by hand" });
    expect(renamed.status).toBeLessThan(300);
    const drift = (stack: string) => contactCenter(acme, ["drift", "--stack", stack, "--cwd", workDir]);
    const [acmeDrift, globexDrift] = [await drift("acme"), await drift("globex")];
    expect([acmeDrift.code, globexDrift.code]).toEqual([2, 0]);
    expect(acmeDrift.stdout).toContain("ops.lead@acme.example");
    expect(globexDrift.stdout).toContain("No drift");

    // Neither tenant's token is on disk.
    expectNotWrittenInPlaintext(acme, [ucportalDemoTokens.acme, ucportalDemoTokens.globex]);
  } finally {
    await acme.cleanup();
  }
});
