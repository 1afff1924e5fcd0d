/**
 * The examples under examples/ run as a user would run them: `pulumi up` in the example's
 * folder (its own Pulumi.yaml) against the emulator, then a `preview` that plans nothing, then
 * `destroy`. The connection goes in the environment variables the README documents.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { demoConnectionEnv } from "../../emulator";
import { useCceEmulator } from "./harness";

const emulator = useCceEmulator();
const repoRoot = path.resolve(__dirname, "../..");

// [example, resources it declares, API calls of a preview with nothing changed]: the Oracle
// example's chat JWT is a function, asked for on every run (docs/resources/resource-user.md).
test.each([
  ["contact-center", 10, {}],
  ["oracle-cx", 2, { "GET /crmRestApi/resources/11.13.18.05/chatAuthenticate/jsmith439906587": 1 }],
  ["temp-allow", 2, {}],
  ["ucportal", 3, {}],
])("examples/%s: up creates %i resources in one CCE session at most, a second preview plans nothing and calls %j, destroy succeeds", async (example, resources, previewCalls) => {
  const workDir = path.join(repoRoot, "examples", example);
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-example-"));
  const pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-home-"));
  const stackFile = path.join(workDir, "Pulumi.example-test.yaml");
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "example-test", workDir },
      {
        pulumiHome,
        envVars: {
          PULUMI_BACKEND_URL: `file://${backendDir}`,
          PULUMI_CONFIG_PASSPHRASE: "example-passphrase",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          // The test ends with a destroy, customer users included.
          CONTACT_CENTER_ALLOW_IRREVERSIBLE_DELETION: "1",
          ...demoConnectionEnv(emulator.url),
        },
      },
    );
    // The JavaScript contact center gives its agents a password from secret stack config.
    await stack.setConfig("agentPassword", { value: "Example-Agent-2026!", secret: true });
    await emulator.control.resetCalls();
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: resources + 1 }); // + the stack
    // Names (peripheral, site, team) are resolved in the provider process: one login per run.
    expect(await emulator.control.logins()).toBeLessThanOrEqual(1);
    await emulator.control.resetCalls();
    const preview = await stack.preview();
    for (const op of ["create", "update", "delete", "replace"]) expect(preview.changeSummary).not.toHaveProperty(op);
    expect((await emulator.control.calls()).byEndpoint).toEqual(previewCalls);
    await stack.destroy();
  } finally {
    fs.rmSync(stackFile, { force: true });
    fs.rmSync(backendDir, { recursive: true, force: true });
    fs.rmSync(pulumiHome, { recursive: true, force: true });
  }
});
