/**
 * `contact-center drift --stack <name>`: the scheduled drift check. Runs `pulumi preview
 * --refresh` of the stack through the Automation API and reports, object by object and field
 * by field, what differs between the live tenant and the declared configuration.
 *
 * A preview never writes the state, and its refresh happens in the preview's memory only, so
 * the check changes nothing, neither in the tenant nor in the backend (a standalone `pulumi
 * refresh` would write what it read into the state, and hide the drift from the next check).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { buildDriftReport, describeUrn, driftJson, driftMarkdown } from "../config/drift-report";
import { Command, CommandIo, loadAutomationApi, parseCommandArgs, STACK_OPTIONS, UsageError } from "./command";

export const driftCommand: Command = {
  name: "drift",
  summary: "report what differs between the live tenant and the declared file (refreshing preview)",
  help: [
    "usage: contact-center drift --stack <name> [--cwd <dir>] [--markdown <file>] [--json <file>]",
    "                            [--config-file <file>] [--parallel <n>]",
    "",
    "Runs a refreshing preview of an existing stack (`pulumi preview --refresh`, through the",
    "Automation API) and reports what differs between the live tenant and the declared",
    "configuration: objects missing from the tenant, objects whose fields differ (live and",
    "declared values side by side), objects the next `pulumi up` would replace, and objects",
    "no longer declared. Secret values show as [secret]. Nothing is written: neither the tenant",
    "nor the stack's state. Reports are sorted by kind, key and field, so two reports of the",
    "same state are identical.",
    "",
    "The backend, passphrase and connections come from the environment, as for the pulumi",
    "CLI: PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, CCE_*, ORACLE_*, RISKCC_* (or stack config).",
    "",
    "options:",
    "  --stack <name>         the stack to check (required)",
    "  --cwd <dir>            the Pulumi project folder, holding Pulumi.yaml (default: .)",
    "  --markdown <file>      write the Markdown report to <file> (default: standard output)",
    "  --json <file>          write the JSON report to <file>; `-` for standard output",
    "                         (then the Markdown goes to standard output only with --markdown -)",
    "  --config-file <file>   the stack config file, instead of Pulumi.<stack>.yaml",
    "  --parallel <n>         resource operations at once (default: pulumi's)",
    "",
    "Progress goes to standard error.",
    "",
    "exit codes: 0 no drift, 2 drift found, 1 failure (the error is printed)",
    "",
    "example: contact-center drift --stack prod --cwd infra --markdown drift.md --json drift.json",
  ].join("\n"),
  async run(args, io) {
    const { positional, options } = parseCommandArgs(args, {
      ...STACK_OPTIONS,
      markdown: { type: "string" },
      json: { type: "string" },
      "config-file": { type: "string" },
      parallel: { type: "string" },
    });
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(" ")}`);
    const stackName = options.stack;
    if (!stackName) throw new UsageError("--stack <name> is required");
    const parallel = options.parallel === undefined ? undefined : Number(options.parallel);
    if (parallel !== undefined && !(Number.isInteger(parallel) && parallel > 0)) throw new UsageError(`--parallel must be a positive whole number, got "${options.parallel}"`);
    const workDir = path.resolve(options.cwd ?? ".");
    const configFile = options["config-file"];

    const events = await previewWithRefresh({ stackName, workDir, configFile: configFile && path.resolve(configFile), parallel }, io);
    if ("error" in events) {
      io.err(`contact-center drift: the refreshing preview of stack "${stackName}" failed:\n${events.error}`);
      return 1;
    }

    const report = buildDriftReport(stackName, events.events);
    const markdownTo = options.markdown ?? (options.json === "-" ? undefined : "-");
    const jsonTo = options.json;
    if (markdownTo) write(markdownTo, driftMarkdown(report), io);
    if (jsonTo) write(jsonTo, driftJson(report), io);
    io.progress(report.drift ? `drift: ${report.summary.objects} object(s) differ from the declaration` : "no drift");
    return report.drift ? 2 : 0;
  },
};

/** A report to a file, or to standard output for `-`. */
export function write(to: string, content: string, io: CommandIo) {
  if (to === "-") io.out(content.replace(/\n$/, ""));
  else fs.writeFileSync(to, content);
}

interface PreviewRequest {
  stackName: string;
  workDir: string;
  configFile?: string;
  parallel?: number;
}

/**
 * The engine events of `pulumi preview --refresh`, or the error that stopped it. Loads the
 * Automation API lazily: `--help` and argument errors should not pay for it.
 */
export async function previewWithRefresh(request: PreviewRequest, io: CommandIo): Promise<{ events: EngineEvent[] } | { error: string }> {
  const { LocalWorkspace } = await loadAutomationApi();
  const events: EngineEvent[] = [];
  const errors: string[] = [];
  try {
    io.progress(`selecting stack ${request.stackName} in ${request.workDir}`);
    const stack = await LocalWorkspace.selectStack({ stackName: request.stackName, workDir: request.workDir });
    const state = await stack.exportStack();
    const total = ((state.deployment?.resources ?? []) as Array<{ type: string; custom?: boolean }>).filter(isVendorObject).length;
    io.progress(`refreshing ${total} resource(s) of stack ${request.stackName}…`);
    let refreshed = 0;
    let comparing = false;
    await stack.preview({
      refresh: true,
      parallel: request.parallel,
      configFile: request.configFile,
      onEvent: (event) => {
        events.push(event);
        const diagnostic = event.diagnosticEvent;
        if (diagnostic?.severity === "error") errors.push(`${diagnostic.urn ? `${describeUrn(diagnostic.urn)}: ` : ""}${diagnostic.message.trim()}`);
        const outputs = event.resOutputsEvent?.metadata;
        if (outputs?.op === "refresh" && isVendorObject({ type: outputs.type, custom: (outputs.new ?? outputs.old)?.custom })) {
          refreshed++;
          io.progress(`refreshed ${refreshed}/${total}: ${describeUrn(outputs.urn)}`);
        }
        const planned = event.resourcePreEvent?.metadata;
        if (!comparing && planned && planned.op !== "refresh") {
          comparing = true;
          io.progress("comparing with the declaration…");
        }
      },
    });
    return { events };
  } catch (error) {
    const reasons = errors.length > 0 ? [...new Set(errors)] : [cliError(error)];
    return { error: reasons.join("\n").replace(/^/gm, "  ") };
  }
}

/** A resource of the tenant, as opposed to the stack itself, providers and components. */
function isVendorObject(resource: { type: string; custom?: boolean }): boolean {
  return resource.custom === true && resource.type !== "pulumi:pulumi:Stack" && !resource.type.startsWith("pulumi:providers:");
}

/** The CLI's own `error:` lines when the Automation API wrapped them in its long message. */
export function cliError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = [...new Set(message.split("\n").filter((line) => /^\s*error: /.test(line)).map((line) => line.trim()))];
  return (lines.length > 0 ? lines.join("\n") : message).trim();
}
