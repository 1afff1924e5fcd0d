/**
 * `contact-center export`: reads a live tenant through the providers' own clients and writes
 * the YAML that declares it (config/export.ts does the mapping). Connections come from the
 * same settings as the providers': `CCE_*` / `ORACLE_*` / `UCPORTAL_*` variables, or a stack's config with
 * `--stack` (read through the Automation API, which decrypts secrets; they are never printed).
 */
import * as fs from "node:fs";
import { CceClient, logoutAll } from "../provider/cce/client";
import { resolveCceConnection } from "../provider/cce/connection";
import { listAgents, listAttributes } from "../provider/cce/agent-attributes-api";
import { listReferences } from "../provider/cce/lookups";
import { getPrecisionQueue, listPrecisionQueues, PrecisionQueueRecord } from "../provider/cce/precision-queues-api";
import { getSkillGroup, listSkillGroups } from "../provider/cce/skill-groups-api";
import { getAssignedSkillGroups, listUsers } from "../provider/cce/users-api";
import type { ConfigSource } from "../provider/core/connection";
import { redactError } from "../provider/core/secrets";
import { OracleClient } from "../provider/oracle/client";
import { resolveOracleConnection } from "../provider/oracle/connection";
import { listResourceUsers } from "../provider/oracle/resource-users-api";
import { UcPortalClient } from "../provider/ucportal/client";
import { resolveUcPortalConnection } from "../provider/ucportal/connection";
import { listUsers as listCustomerUsers } from "../provider/ucportal/customer-users-api";
import {
  CceReferenceKind,
  CceSnapshot,
  exportTenant,
  Filters,
  isKindWanted,
  isSelected,
  OracleSnapshot,
  parseFilter,
  renderYaml,
  TenantSnapshot,
  UcPortalSnapshot,
} from "../config/export";
import { Command, CommandIo, parseCommandArgs, STACK_OPTIONS, UsageError } from "./command";
import { stackConfig } from "./stack-config";

/** Where an installed package's schema is, relative to the project that installed it. */
export const DEFAULT_SCHEMA = "node_modules/pulumi-contact-center/schema/contact-center.schema.json";

const HELP = [
  "usage: contact-center export [--out <file>] [--include <kind>[:<glob>]]... [--exclude <kind>[:<glob>]]...",
  "                             [--stack <name>] [--cwd <dir>] [--schema <ref>]",
  "",
  "Reads the live tenant and writes the YAML that declares it: sorted, the same bytes for the same",
  "tenant, objects referring to each other by name. Every skill group, user, resource user and",
  "customer user is written with adopt: true (precision queues are adopted by queueName), so the",
  "first `pulumi up` takes them over instead of creating duplicates, and with deletionPolicy:",
  "retain, so a destroy leaves the tenant as it is (agents' attributes excepted: a destroy removes",
  "them). A user's template is its own login name (read only if the user must be created again).",
  "A customer user's roles are all it holds, the portal's automatic ones included (no diff).",
  "Passwords are never exported. risk-cc temporary allows cannot be exported: risk-cc has no read",
  "API. Reseller-level customer users (isParent) are left out with a note: they cannot be managed.",
  "",
  "Connections, as the providers read them: CCE_URL, CCE_USERNAME, CCE_PASSWORD, CCE_TENANT_ID;",
  "ORACLE_URL, ORACLE_USERNAME, ORACLE_PASSWORD, ORACLE_REST_VERSION; UCPORTAL_URL,",
  "UCPORTAL_TOKEN, UCPORTAL_CUSTOMER_ID, UCPORTAL_VERSION; or, with --stack, the stack's cce:*,",
  "oracle:* and ucportal:* config (secrets are decrypted to connect, never printed). A system",
  "with no connection at all is skipped with a note; a half-configured one is an error.",
  "",
  "options:",
  "  --out <file>               write the YAML there (default: standard output)",
  "  --include <kind>[:<glob>]  export only these objects (repeatable); kinds: skillGroup, user,",
  "                             precisionQueue, resourceUser, customerUser; the glob (* and ?, any",
  "                             case) matches the object's key: <peripheral>.<name>, login name,",
  "                             queue name, party number, e-mail",
  "  --exclude <kind>[:<glob>]  leave these objects out (repeatable; applied after --include)",
  "  --stack <name>             read the connections from this stack's config",
  "  --cwd <dir>                the Pulumi project of --stack (default: the current directory);",
  "                             alone, the project's selected stack",
  `  --schema <ref>             the $schema written first (default: ${DEFAULT_SCHEMA})`,
  "",
  "Progress goes to standard error. A user in a skill group the export leaves out gets no",
  "skillGroups (not managed) rather than a partial list that `up` would enforce.",
  "",
  "exit codes: 0 written, 1 failure (bad option, connection, API error)",
  "",
  "examples:",
  "  CCE_URL=https://portal01.mtn01.webexcce.com/portal/services CCE_USERNAME=ops@ABC CCE_PASSWORD=... \\",
  "    contact-center export --out contact-center.yaml",
  "  contact-center export --stack prod --include user:*@ABC --exclude user:tmpl.*",
  "  contact-center export --stack prod --include customerUser:*@acme.example",
].join("\n");

const OPTIONS = {
  ...STACK_OPTIONS,
  out: { type: "string" },
  schema: { type: "string" },
  include: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
} as const;

/** The required settings of a system, as config keys (variables: `<SYSTEM>_<KEY>`, camelCase as snake). */
const SETTINGS = {
  cce: ["url", "username", "password"],
  oracle: ["url", "username", "password"],
  riskcc: ["url", "username", "password"],
  ucportal: ["url", "token", "customerId"],
} as const;

/** `customerId` → `UCPORTAL_CUSTOMER_ID`, as provider/core/connection.ts names them. */
const variableOf = (system: string, key: string) => `${system.toUpperCase()}_${key.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;

/** Whether any setting of the system is present: none means "not configured", skipped. */
function anySetting(system: keyof typeof SETTINGS, config: ConfigSource | undefined, env: NodeJS.ProcessEnv): boolean {
  return SETTINGS[system].some((key) => !!config?.get(`${system}:${key}`) || !!env[variableOf(system, key)]);
}

/** Reads what the filters can select from the CCE portal, with progress. */
async function readCce(cce: CceClient, filters: Filters, io: CommandIo): Promise<CceSnapshot> {
  const wants = {
    skillGroup: isKindWanted(filters, "skillGroup"),
    user: isKindWanted(filters, "user"),
    precisionQueue: isKindWanted(filters, "precisionQueue"),
  };
  const snapshot: CceSnapshot = {
    platforms: [],
    references: {},
    skillGroups: [],
    users: [],
    assignedSkillGroups: {},
    agents: [],
    attributes: [],
    precisionQueues: [],
  };
  if (wants.skillGroup || wants.user) {
    io.progress("CCE: reading platforms");
    snapshot.platforms = await listReferences(cce, "platform");
  }
  if (wants.skillGroup) {
    io.progress("CCE: reading skill groups");
    const listed = await listSkillGroups(cce);
    // Details paired by position (the document's only link) would become declared values that
    // `up` writes: each such group is read alone instead.
    snapshot.skillGroups = [];
    for (const group of listed) {
      const alone = group.detailsPairedBy ? await getSkillGroup(cce, group.skillTargetId) : group;
      if (alone) snapshot.skillGroups.push(alone); // one deleted meanwhile is left out
    }
  }
  if (wants.user || wants.precisionQueue) {
    io.progress("CCE: reading attribute definitions");
    snapshot.attributes = await listAttributes(cce);
  }
  if (wants.user) {
    io.progress("CCE: reading users and the lists they refer to");
    snapshot.users = (await listUsers(cce)).filter((user) => isSelected(filters, "user", user.loginNm));
    const lists: CceReferenceKind[] = ["site", "roleGroup", "department", "billingUnit", "apmProfile", "agentDeskSettings"];
    for (const list of lists) snapshot.references[list] = await listReferences(cce, list);
    snapshot.agents = await listAgents(cce);
    if (wants.skillGroup) {
      // One call per agent: the long part of a big tenant's export.
      const agents = snapshot.users.filter((user) => user.userTypeCode !== "NC" && user.platformId !== null);
      for (const [index, user] of agents.entries()) {
        snapshot.assignedSkillGroups[user.idProgramUser] = await getAssignedSkillGroups(cce, user);
        if ((index + 1) % 25 === 0 || index + 1 === agents.length) io.progress(`CCE: skill groups of ${index + 1} of ${agents.length} agents read`);
      }
    }
  }
  if (wants.precisionQueue) {
    io.progress("CCE: reading precision queues");
    const summaries = (await listPrecisionQueues(cce)).filter((queue) => isSelected(filters, "precisionQueue", queue.name));
    const queues: PrecisionQueueRecord[] = [];
    for (const summary of summaries) {
      const queue = await getPrecisionQueue(cce, summary.id);
      if (queue) queues.push(queue);
    }
    snapshot.precisionQueues = queues;
  }
  return snapshot;
}

async function readOracle(oracle: OracleClient, io: CommandIo): Promise<OracleSnapshot> {
  io.progress("Oracle CX: reading resource users");
  const resourceUsers = await listResourceUsers(oracle, (read) => {
    if (read % 500 === 0) io.progress(`Oracle CX: ${read} resource users read`);
  });
  return { resourceUsers };
}

async function readUcPortal(ucportal: UcPortalClient, io: CommandIo): Promise<UcPortalSnapshot> {
  io.progress(`UC portal: reading the customer users of ${ucportal.customerId}`);
  return { customerUsers: await listCustomerUsers(ucportal) };
}

export const exportCommand: Command = {
  name: "export",
  summary: "write the YAML that declares a live tenant, ready to adopt on the first up",
  help: HELP,
  async run(args, io) {
    const { positional, options } = parseCommandArgs(args, OPTIONS);
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(" ")}`);
    let filters: Filters;
    try {
      filters = { include: (options.include ?? []).map(parseFilter), exclude: (options.exclude ?? []).map(parseFilter) };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }

    const env = process.env;
    const snapshot: TenantSnapshot = {};
    try {
      const config = await stackConfig(options.stack, options.cwd, io);
      const cceWanted = (["skillGroup", "user", "precisionQueue"] as const).some((kind) => isKindWanted(filters, kind));
      if (!cceWanted) {
        // Filtered out entirely: nothing to read.
      } else if (!anySetting("cce", config, env)) {
        io.progress("CCE: skipped, not configured (cce:* stack config or CCE_URL, CCE_USERNAME, CCE_PASSWORD)");
      } else {
        snapshot.cce = await readCce(new CceClient(resolveCceConnection(config, env)), filters, io);
      }
      if (!isKindWanted(filters, "resourceUser")) {
        // Filtered out.
      } else if (!anySetting("oracle", config, env)) {
        io.progress("Oracle CX: skipped, not configured (oracle:* stack config or ORACLE_URL, ORACLE_USERNAME, ORACLE_PASSWORD)");
      } else {
        snapshot.oracle = await readOracle(new OracleClient(resolveOracleConnection(config, env)), io);
      }
      if (!isKindWanted(filters, "customerUser")) {
        // Filtered out.
      } else if (!anySetting("ucportal", config, env)) {
        io.progress("UC portal: skipped, not configured (ucportal:* stack config or UCPORTAL_URL, UCPORTAL_TOKEN, UCPORTAL_CUSTOMER_ID)");
      } else {
        snapshot.ucportal = await readUcPortal(new UcPortalClient(resolveUcPortalConnection(config, env)), io);
      }
      if (anySetting("riskcc", config, env)) io.progress("risk-cc: skipped, temporary allows cannot be exported (risk-cc has no read API)");
    } catch (error) {
      // Messages never carry the secrets: the clients registered them for redaction.
      io.err(`contact-center export: ${(redactError(error) as Error).message}`);
      return 1;
    } finally {
      await logoutAll();
    }

    const result = exportTenant(snapshot, {
      filters,
      today: new Date().toISOString().slice(0, 10),
      schema: options.schema ?? DEFAULT_SCHEMA,
    });
    for (const note of result.notes) io.progress(`note: ${note}`);
    const text = renderYaml(result.file);
    const summary = Object.entries(result.counts)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => `${count} ${kind}`)
      .join(", ");
    const out = options.out;
    if (out) {
      fs.writeFileSync(out, text);
      io.progress(`wrote ${summary || "nothing"} to ${out}`);
    } else {
      io.out(text);
      io.progress(`exported ${summary || "nothing"}`);
    }
    return 0;
  },
};
