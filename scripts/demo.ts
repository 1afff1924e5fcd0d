/**
 * `npm run demo`: starts the bundled emulator, then runs a non-interactive `pulumi up` of the
 * root program (Pulumi.yaml) against it with a local file backend under .pulumi-state/.
 * No account and no prompts. The emulator keeps its data in memory, so each demo starts from
 * the seeded tenant; `up` refreshes first, so state left by an earlier demo converges too.
 *
 * The connection goes in CCE_* environment variables rather than stack config: Pulumi records
 * a provider's config in the state and a refresh uses that recorded copy, which would point
 * at the previous demo's emulator port. The environment is read afresh by every run.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { demoConnectionEnv, startEmulator } from "../emulator";

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "../..");
  const stateDir = path.join(root, ".pulumi-state");
  fs.mkdirSync(path.join(stateDir, "home"), { recursive: true });

  const emulator = await startEmulator({ port: 0 });
  console.log(`emulator: ${emulator.url} (CCE portal at ${emulator.url}/portal/services)`);
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "demo", workDir: root },
      {
        pulumiHome: path.join(stateDir, "home"),
        envVars: {
          PULUMI_BACKEND_URL: `file://${stateDir}`,
          // The demo's stack secrets are encrypted with this passphrase; a real stack uses its own.
          PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo-passphrase",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          ...demoConnectionEnv(emulator.url),
        },
      },
    );
    // Stack config outranks the environment: drop any connection an older demo left there.
    await stack.removeAllConfig(["cce:url", "cce:username", "cce:password", "cce:tenantId", "oracle:url", "oracle:username", "oracle:password", "riskcc:url", "riskcc:username", "riskcc:password", "ucportal:url", "ucportal:token", "ucportal:customerId", "ucportal:version"]);
    // The example's agents get this initial password; stored encrypted, as a user's would be.
    await stack.setConfig("agentPassword", { value: process.env.DEMO_AGENT_PASSWORD ?? "Demo-Agent-2026!", secret: true });
    const result = await stack.up({ refresh: true, onOutput: (out) => process.stdout.write(out) });
    console.log(`\nresult: ${result.summary.result}; changes: ${JSON.stringify(result.summary.resourceChanges)}`);
  } finally {
    await emulator.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
