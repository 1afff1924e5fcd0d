import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

/**
 * Runs `work` with PULUMI_SKIP_CHECKPOINTS=true in the stacks' workspaces (the Automation API
 * reads them at each command; `contact-center shards` inherits the tenant stack's), then puts
 * each back as it was.
 */
export async function withoutCheckpoints<T>(stacks: Stack[], work: () => Promise<T>): Promise<T> {
  const variables = stacks.map((stack) => (stack.workspace as LocalWorkspace).envVars);
  const before = variables.map((vars) => vars.PULUMI_SKIP_CHECKPOINTS);
  for (const vars of variables) vars.PULUMI_SKIP_CHECKPOINTS = "true";
  try {
    return await work();
  } finally {
    variables.forEach((vars, i) => (before[i] === undefined ? delete vars.PULUMI_SKIP_CHECKPOINTS : (vars.PULUMI_SKIP_CHECKPOINTS = before[i])));
  }
}
