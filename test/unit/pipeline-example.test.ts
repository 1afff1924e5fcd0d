/**
 * The pipeline examples (docs/examples/github-actions.yml for one tenant,
 * github-actions-tenants.yml for several, github-actions-shards.yml for several in shards) as GitHub would run them: every step that runs Pulumi
 * or the drift check gets every variable the provider reads for each of the four systems,
 * secrets reach no other step (npm ci's install scripts least of all), and the actions are on
 * majors that run on a supported Node. With several tenants, each matrix job works on its own
 * tenant's stack with that tenant's connection alone.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { resolveCceConnection } from "../../provider/cce/connection";
import { resolveOracleConnection } from "../../provider/oracle/connection";
import { resolveRiskCcConnection } from "../../provider/riskcc/connection";
import { resolveUcPortalConnection } from "../../provider/ucportal/connection";

const docs = path.resolve(__dirname, "../../docs");

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, { env?: Record<string, string>; needs?: string; strategy?: { matrix?: { include?: Record<string, string>[] } }; concurrency?: { group?: string }; steps: Step[] }>;
}
const readWorkflow = (file: string) => parse(fs.readFileSync(path.join(docs, "examples", file), "utf8")) as Workflow;

/** The variables a system's connection needs, as the provider itself names them when they are missing. */
function requiredVariables(resolve: (config: undefined, env: NodeJS.ProcessEnv) => unknown): string[] {
  try {
    resolve(undefined, {});
  } catch (error) {
    return [...(error as Error).message.matchAll(/\(or ([A-Z_]+)/g)].map((m) => m[1]);
  }
  throw new Error("a connection resolved without any setting");
}

const REQUIRED = [resolveCceConnection, resolveOracleConnection, resolveRiskCcConnection, resolveUcPortalConnection].flatMap(requiredVariables);
const runsPulumi = (step: Step) => (step.uses?.startsWith("pulumi/actions@") && step.with?.command !== undefined) || /contact-center (drift|shards)/.test(step.run ?? "");
// `secrets.NAME`, or `secrets[format(...)]` for a name chosen per tenant.
const holdsSecret = (env: Record<string, string> | undefined) => Object.values(env ?? {}).some((value) => /\$\{\{\s*secrets(\.(?!GITHUB_TOKEN)|\[)/.test(String(value)));
const stepsOf = (workflow: Workflow) =>
  Object.entries(workflow.jobs).flatMap(([job, { env: jobEnv, steps }]) => steps.map((step, index) => ({ job, index, step, env: { ...workflow.env, ...jobEnv, ...step.env } })));

test("the provider's variables name the four systems", () => {
  expect(REQUIRED).toEqual(expect.arrayContaining(["CCE_URL", "CCE_PASSWORD", "ORACLE_PASSWORD", "RISKCC_PASSWORD", "UCPORTAL_URL", "UCPORTAL_CUSTOMER_ID", "UCPORTAL_TOKEN"]));
});

describe.each([
  ["github-actions.yml", ["preview", "up", "drift"]],
  ["github-actions-tenants.yml", ["preview", "up", "drift"]],
  ["github-actions-shards.yml", ["preview", "up-groups", "up-groups", "up", "drift"]],
])("docs/examples/%s", (file, pulumiJobs) => {
  const workflow = readWorkflow(file);
  const steps = stepsOf(workflow);

  test("every step that runs Pulumi or the drift check gets every variable the provider reads, and the passphrase", () => {
    const pulumiSteps = steps.filter(({ step }) => runsPulumi(step));
    expect(pulumiSteps.map(({ job }) => job)).toEqual(pulumiJobs);
    for (const { job, env } of pulumiSteps) {
      expect([job, [...REQUIRED, "PULUMI_CONFIG_PASSPHRASE", "PULUMI_BACKEND_URL"].filter((name) => !env[name])]).toEqual([job, []]);
    }
  });

  test("secrets are given to those steps alone: not at the workflow or job level, not to npm ci", () => {
    expect(holdsSecret(workflow.env)).toBe(false);
    for (const [job, { env }] of Object.entries(workflow.jobs)) expect([job, holdsSecret(env)]).toEqual([job, false]);
    const withSecrets = steps.filter(({ step }) => holdsSecret(step.env)).map(({ job, step }) => `${job}: ${step.uses ?? step.run?.split("\n")[0]}`);
    expect(withSecrets).toEqual(steps.filter(({ step }) => runsPulumi(step)).map(({ job, step }) => `${job}: ${step.uses ?? step.run?.split("\n")[0]}`));
    expect(steps.filter(({ step }) => /npm ci/.test(step.run ?? "") && holdsSecret(step.env))).toEqual([]);
  });

  test("actions run on Node 24 (the majors since which they do), and setup-node installs a supported Node", () => {
    const firstOnNode24: Record<string, number> = { "actions/checkout": 5, "actions/setup-node": 5, "actions/upload-artifact": 6, "aws-actions/configure-aws-credentials": 5, "pulumi/actions": 7 };
    for (const { step } of steps.filter(({ step }) => step.uses)) {
      const [action, version] = step.uses!.split("@");
      expect([action, action in firstOnNode24]).toEqual([action, true]);
      expect([step.uses, Number(version.replace(/^v/, "")) >= firstOnNode24[action]]).toEqual([step.uses, true]);
      if (action === "actions/setup-node") expect(Number(step.with?.["node-version"])).toBeGreaterThanOrEqual(22);
    }
  });

  test("the guide names the OIDC subjects the role must trust, one per job", () => {
    const guide = fs.readFileSync(path.join(docs, "pipeline.md"), "utf8");
    for (const subject of ["repo:<owner>/<repo>:pull_request", "repo:<owner>/<repo>:environment:production", "repo:<owner>/<repo>:ref:refs/heads/main"]) expect(guide).toContain(subject);
    expect(Object.values(workflow.jobs).some((job) => JSON.stringify(job).includes('"environment":"production"'))).toBe(true);
  });
});

describe.each(["github-actions-tenants.yml", "github-actions-shards.yml"])("many tenants (docs/examples/%s)", (file) => {
  const workflow = readWorkflow(file);

  test("every job runs each tenant as its own matrix job, one at a time per tenant", () => {
    for (const [job, { strategy, concurrency }] of Object.entries(workflow.jobs)) {
      expect([job, [...new Set((strategy?.matrix?.include ?? []).map((entry) => entry.tenant))]]).toEqual([job, ["acme", "globex"]]);
      expect([job, concurrency?.group]).toEqual([job, expect.stringContaining("${{ matrix.tenant }}")]);
    }
  });

  test("each Pulumi step works on its tenant's stack with its tenant's connection alone", () => {
    for (const { job, step, env } of stepsOf(workflow).filter(({ step }) => runsPulumi(step))) {
      const stack = step.with?.["stack-name"] ?? /--stack "([^"]+)"/.exec(step.run ?? "")?.[1];
      expect([job, stack]).toEqual([job, "${{ matrix.tenant }}"]);
      const shared = [...REQUIRED, "PULUMI_CONFIG_PASSPHRASE"].filter((name) => !/matrix\.prefix/.test(env[name] ?? ""));
      expect([job, shared]).toEqual([job, []]);
    }
  });
});

describe("tenants in shards (docs/examples/github-actions-shards.yml)", () => {
  const workflow = readWorkflow("github-actions-shards.yml");
  const runs = (job: string) => workflow.jobs[job].steps.map((step) => step.run ?? "").filter((run) => /contact-center shards/.test(run));

  test("per tenant: pending moves, then the skill groups' shard, then each other shard as a matrix job that needs it", () => {
    expect(runs("up-groups")).toEqual(['npx contact-center shards move --stack "${{ matrix.tenant }}"', 'npx contact-center shards up --stack "${{ matrix.tenant }}" --only groups-1 --refresh']);
    expect(workflow.jobs.up.needs).toBe("up-groups");
    expect(runs("up")).toEqual(['npx contact-center shards up --stack "${{ matrix.tenant }}" --only "${{ matrix.shard }}" --refresh']);
    const shards = (workflow.jobs.up.strategy?.matrix?.include ?? []).map((entry) => `${entry.tenant}/${entry.shard}`);
    expect(shards).toEqual(["acme/part-1", "acme/part-2", "acme/part-3", "acme/part-4", "globex/part-1", "globex/part-2"]);
    expect(workflow.jobs.up.concurrency?.group).toContain("${{ matrix.shard }}");
  });

  test("preview and drift run every shard of a tenant as one plan and one report; a failed plan fails the step", () => {
    expect(runs("preview").join("\n")).toMatch(/set -o pipefail\n.*shards move --stack "\$\{\{ matrix.tenant \}\}" --dry-run\n.*shards preview --stack "\$\{\{ matrix.tenant \}\}" --refresh \| tee plan.txt/);
    expect(runs("drift").join("\n")).toContain('npx contact-center shards drift --stack "${{ matrix.tenant }}" --markdown drift.md --json drift.json');
  });
});
