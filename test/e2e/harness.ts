/**
 * End-to-end harness: runs a test program through the real Pulumi CLI with the Automation
 * API, a `file://` backend and a temporary PULUMI_HOME, against the bundled emulator.
 * Programs are copied into a scratch folder inside the repo so that they resolve
 * `pulumi-contact-center` and `@pulumi/pulumi` exactly as a user's program would.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, Stack, ConfigMap } from "@pulumi/pulumi/automation";

const repoRoot = path.resolve(__dirname, "../..");
const scratchRoot = path.join(repoRoot, ".e2e-work");

export interface TestStack {
  stack: Stack;
  /** The folder holding the file backend's state. */
  backendDir: string;
  /** Every file of the backend (state, backups, history) as text, as it is on disk. */
  stateText(): string;
  cleanup(): Promise<void>;
}

export async function createTestStack(program: string, config: ConfigMap): Promise<TestStack> {
  fs.mkdirSync(scratchRoot, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(scratchRoot, `${program}-`));
  fs.cpSync(path.join(__dirname, "programs", program), workDir, { recursive: true });
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-backend-"));
  const pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-home-"));
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "test", workDir },
    {
      pulumiHome,
      envVars: {
        PULUMI_BACKEND_URL: `file://${backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
    },
  );
  await stack.setAllConfig(config);
  // Everything the backend wrote: the stack file, its backups and the update history.
  const stateText = () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(backendDir);
    return files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
  };
  return {
    stack,
    backendDir,
    stateText,
    cleanup: async () => {
      fs.rmSync(workDir, { recursive: true, force: true });
      fs.rmSync(backendDir, { recursive: true, force: true });
      fs.rmSync(pulumiHome, { recursive: true, force: true });
    },
  };
}

/** Stack config pointing the CCE provider at an emulator. The password is a secret, as users set it. */
export function cceConfig(emulatorUrl: string, username: string, password: string): ConfigMap {
  return {
    "cce:url": { value: `${emulatorUrl}/portal/services` },
    "cce:username": { value: username },
    "cce:password": { value: password, secret: true },
  };
}
