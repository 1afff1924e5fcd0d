/**
 * End-to-end harness: runs a test program through the real Pulumi CLI with the Automation
 * API, a `file://` backend and a temporary PULUMI_HOME, against the bundled emulator.
 * Programs are copied into a scratch folder inside the repo so that they resolve
 * `pulumi-contact-center` and `@pulumi/pulumi` exactly as a user's program would.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { ConfigMap, EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { oracleDemoCredentials, riskccDemoCredentials, ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import { PortalSession, useCceProviderHarness } from "../support/portal";

const repoRoot = path.resolve(__dirname, "../..");
const scratchRoot = path.join(repoRoot, ".e2e-work");

export interface TestStack {
  stack: Stack;
  /** The folder holding the file backend's state. */
  backendDir: string;
  /** Every file of the backend (state, backups, history) as text, as it is on disk. */
  stateText(): string;
  /**
   * The CLI's own logs of the stack's runs (PULUMI_HOME/logs, written by every command since
   * 3.259) as anyone reading the disk sees them: gzip files decompressed, files encrypted with
   * the stack's secrets provider as they are.
   */
  cliLogsText(): string;
  cleanup(): Promise<void>;
}

/** A state backend other than the default temporary `file://` folder. */
export interface StateBackend {
  /** For PULUMI_BACKEND_URL. */
  url: string;
  /** Everything the backend holds (states, backups, history, locks), as text. */
  text(): string;
}

/**
 * A stack of the test program `program` with `config`: named `test` and kept in a temporary
 * `file://` backend unless `options` says otherwise.
 */
export async function createTestStack(program: string, config: ConfigMap, options: { backend?: StateBackend; stackName?: string } = {}): Promise<TestStack> {
  const { backend, stackName = "test" } = options;
  fs.mkdirSync(scratchRoot, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(scratchRoot, `${program}-`));
  fs.cpSync(path.join(__dirname, "programs", program), workDir, { recursive: true });
  const backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-backend-"));
  const pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-home-"));
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir },
    {
      pulumiHome,
      envVars: {
        PULUMI_BACKEND_URL: backend?.url ?? `file://${backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
    },
  );
  await stack.setAllConfig(config);
  // Everything the backend wrote: the stack file, its backups and the update history.
  const stateText = backend ? backend.text : () => filesUnder(backendDir).map((f) => fs.readFileSync(f, "utf8")).join("\n");
  const cliLogsText = () => filesUnder(path.join(pulumiHome, "logs")).map(readLog).join("\n");
  return {
    stack,
    backendDir,
    stateText,
    cliLogsText,
    cleanup: async () => {
      fs.rmSync(workDir, { recursive: true, force: true });
      fs.rmSync(backendDir, { recursive: true, force: true });
      fs.rmSync(pulumiHome, { recursive: true, force: true });
    },
  };
}

/**
 * Another stack of `t`'s project: same folder, backend, passphrase and PULUMI_HOME, as a
 * tenant's second stack or a shard is. `t.cleanup()` removes it with the rest.
 */
export async function addStack(t: TestStack, stackName: string, config: ConfigMap): Promise<TestStack> {
  const { workDir, pulumiHome, envVars } = t.stack.workspace;
  const stack = await LocalWorkspace.createStack({ stackName, workDir }, { pulumiHome, envVars });
  await stack.setAllConfig(config);
  return { ...t, stack, cleanup: async () => undefined };
}

/** Every file under `dir`, at any depth (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** A CLI log as text: decompressed when gzip (flushing what there is, should it be unfinished). */
function readLog(file: string): string {
  const bytes = fs.readFileSync(file);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString("latin1");
  return zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString("utf8");
}

/**
 * Secrets stay secret on disk: none of `secrets`, nor its Base64 form (what goes on the wire),
 * is in the state files or in the CLI's logs as stored. The failure names the place, never the
 * secret.
 */
export function expectNotWrittenInPlaintext(t: TestStack, secrets: string[]): void {
  const places = { "state files": t.stateText(), "CLI logs": t.cliLogsText() };
  // Both exist by now, so the check reads something.
  expect(Object.entries(places).filter(([, text]) => text.length === 0).map(([place]) => `${place} empty`)).toEqual([]);
  const leaks = secrets.flatMap((secret, i) =>
    [["plain", secret], ["Base64", Buffer.from(secret).toString("base64")]].flatMap(([form, value]) =>
      Object.entries(places)
        .filter(([, text]) => text.includes(value))
        .map(([place]) => `secret #${i + 1} (${form}) in the ${place}`),
    ),
  );
  expect(leaks).toEqual([]);
}

/** Stack config pointing the CCE provider at an emulator. The password is a secret, as users set it. */
export function cceConfig(emulatorUrl: string, username: string, password: string): ConfigMap {
  return {
    "cce:url": { value: `${emulatorUrl}/portal/services` },
    "cce:username": { value: username },
    "cce:password": { value: password, secret: true },
  };
}

/**
 * Starts the emulator for a test file and gives every test a freshly reset tenant and an
 * admin session on the portal, for arranging and checking state behind the provider's back.
 * Read the fields inside tests: they are set by the hooks this registers.
 */
export function useCceEmulator() {
  const { username, password } = cceDemoCredentials.admin;
  const harness = useCceProviderHarness();
  return {
    get url() {
      return harness.url;
    },
    get control() {
      return harness.control;
    },
    get portal() {
      return harness.portal;
    },
    /** Replaceable: a test that ended the session (e.g. under a session cap) logs in again. */
    get session() {
      return harness.session;
    },
    set session(session: PortalSession) {
      harness.session = session;
    },
    /** The stack config of the CCE provider (`cce:*`), the password as a secret. */
    config: (): ConfigMap => cceConfig(harness.url, username, password),
  };
}

/** Collects the engine's events of one operation: pass `onEvent` to up/preview/refresh. */
export function recordEvents(): { events: EngineEvent[]; onEvent: (e: EngineEvent) => void } {
  const events: EngineEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

/**
 * The steps the engine planned or applied on resources whose type matches, as
 * [op, name, changed inputs]: the provider's diff, or else the inputs whose old and new values
 * differ, which is what the CLI shows for the step. `same` steps are left out.
 */
export function plannedSteps(events: EngineEvent[], type: RegExp) {
  return events
    .map((e) => e.resourcePreEvent?.metadata)
    .filter((m): m is NonNullable<typeof m> => !!m && type.test(m.type) && m.op !== "same")
    .map((m) => {
      const olds = m.old?.inputs ?? {};
      const news = m.new?.inputs ?? {};
      const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "__provider");
      // The provider's own diff when it gave one: secret inputs are masked alike in old and new.
      const changed = m.diffs ?? keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
      return [m.op, m.urn.split("::").pop(), [...changed].sort()];
    });
}

/** The convergence rule: after `up`, a `preview` plans nothing and a `refresh` finds no drift. */
export async function expectConverged(t: TestStack) {
  const preview = await t.stack.preview();
  for (const op of ["create", "update", "delete", "replace"]) expect(preview.changeSummary).not.toHaveProperty(op);
  const refresh = await t.stack.refresh();
  expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
  expect(refresh.summary.resourceChanges).not.toHaveProperty("delete");
}

/**
 * Stack config that allows deletes that cannot be undone (docs/resource-options.md): for the
 * tests whose point is a deletion (destroy, a deletion policy, a replacement), not its guard.
 */
export const ALLOW_IRREVERSIBLE_DELETION: ConfigMap = { "contact-center:allowIrreversibleDeletion": { value: "true" } };

/** Stack config pointing the risk-cc provider at an emulator. The password is a secret, as users set it. */
export function riskccConfig(emulatorUrl: string, username: string, password: string): ConfigMap {
  return {
    "riskcc:url": { value: emulatorUrl },
    "riskcc:username": { value: username },
    "riskcc:password": { value: password, secret: true },
  };
}

/** Stack config pointing the Oracle CX provider at an emulator. The password is a secret, as users set it. */
export function oracleConfig(emulatorUrl: string, username: string, password: string): ConfigMap {
  return {
    "oracle:url": { value: emulatorUrl },
    "oracle:username": { value: username },
    "oracle:password": { value: password, secret: true },
  };
}

/**
 * Stack config pointing every provider at the emulator, as the seeded demo users (the acme
 * tenant for the UC portal), passwords and token as secrets. The emulator's `cce:*` comes from
 * `cce`, which carries the CCE login the test uses.
 */
export function allVendorsConfig(emulatorUrl: string, cce: ConfigMap): ConfigMap {
  const oracle = oracleDemoCredentials.salesCloudUser;
  const riskcc = riskccDemoCredentials.admin;
  return {
    ...cce,
    ...oracleConfig(emulatorUrl, oracle.username, oracle.password),
    ...riskccConfig(emulatorUrl, riskcc.username, riskcc.password),
    ...ucportalConfig(emulatorUrl, ucportalDemoTenants.acme, ucportalDemoTokens.acme),
  };
}

/** Stack config pointing the UC portal provider at an emulator's tenant. The token is a secret, as users set it. */
export function ucportalConfig(emulatorUrl: string, customerId: string, token: string): ConfigMap {
  return {
    "ucportal:url": { value: `${emulatorUrl}/ucportal` },
    "ucportal:customerId": { value: customerId },
    "ucportal:token": { value: token, secret: true },
  };
}

/** What a run of the `contact-center` tool printed, and its exit code. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export const CONTACT_CENTER_CLI = path.join(repoRoot, "dist/cli/main.js");

/**
 * Runs the compiled `contact-center` as a pipeline would, in the stack's project folder: the
 * backend, passphrase and Pulumi home in the environment, plus `env`. Asynchronously: the
 * emulator answers from this process.
 */
export function contactCenter(t: TestStack, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const workspace = t.stack.workspace;
  const fullEnv = { ...process.env, ...workspace.envVars, PULUMI_HOME: workspace.pulumiHome!, ...env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CONTACT_CENTER_CLI, ...args], { env: fullEnv, cwd: workspace.workDir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
