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

test.each([
  ["contact-center", 10],
  ["oracle-cx", 2],
  ["temp-allow", 2],
  ["ucportal", 3],
])("examples/%s: up creates %i resources, a second preview plans nothing, destroy succeeds", async (example, resources) => {
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
          ...demoConnectionEnv(emulator.url),
        },
      },
    );
    // The JavaScript contact center gives its agents a password from secret stack config.
    await stack.setConfig("agentPassword", { value: "Example-Agent-2026!", secret: true });
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: resources + 1 }); // + the stack
    const preview = await stack.preview();
    for (const op of ["create", "update", "delete", "replace"]) expect(preview.changeSummary).not.toHaveProperty(op);
    await stack.destroy();
  } finally {
    fs.rmSync(stackFile, { force: true });
    fs.rmSync(backendDir, { recursive: true, force: true });
    fs.rmSync(pulumiHome, { recursive: true, force: true });
  }
});
