/**
 * Which declared objects an `up` wrote to: each write in the emulator's call journal, read the
 * way the vendor reads it (the ids and names in its path and body), against the stack's state
 * before and after the `up` (an object created or deleted is known on one side only).
 */
import type { Deployment } from "@pulumi/pulumi/automation";
import { cceDemoIds } from "../../../emulator/cce/tenant";
import type { JournalEntry } from "../../../emulator/journal";
import { kindOfType, nameOfUrn } from "../../../config/drift-report";
import { attributeKey } from "./model";

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

/** How a written object is found: by each id or name the vendor's calls carry. */
class Directory {
  private readonly byId = new Map<string, string>();

  add(kind: string, handle: string | number | undefined | null, object: string): void {
    if (handle !== undefined && handle !== null && handle !== "") this.byId.set(`${kind}|${String(handle).toLowerCase()}`, object);
  }

  find(kind: string, handle: unknown): string | undefined {
    return handle === undefined || handle === null ? undefined : this.byId.get(`${kind}|${String(handle).toLowerCase()}`);
  }
}

const PERIPHERAL_NAMES: Record<number, string> = Object.fromEntries(Object.entries(cceDemoIds.peripherals).map(([name, id]) => [id, name]));
const ATTRIBUTE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(cceDemoIds.attributes).map(([name, id]) => [id, name]));

function directoryOf(states: readonly Deployment[]): Directory {
  const directory = new Directory();
  for (const state of states) {
    for (const resource of (state.deployment?.resources ?? []) as StateResource[]) {
      const kind = kindOfType(resource.type);
      const object = `${kind} ${nameOfUrn(resource.urn)}`;
      const out = resource.outputs ?? {};
      switch (kind) {
        case "skillGroup":
          directory.add("group", out.skillTargetId as number, object);
          directory.add("group-name", `${out.peripheralId}|${out.name}`, object);
          break;
        case "user":
          directory.add("user", resource.id, object);
          directory.add("login", out.loginName as string, object);
          directory.add("agent", out.agentSkillTargetId as number, object);
          break;
        case "precisionQueue":
          directory.add("queue", resource.id, object);
          break;
        case "resourceUser":
          directory.add("oracle", out.uniqId as string, object);
          directory.add("party", resource.id, object);
          break;
        case "customerUser":
          directory.add("ucportal", resource.id, object);
          directory.add("email", out.email as string, object);
          break;
      }
    }
  }
  return directory;
}

type Body = Record<string, unknown>;

/** The objects one write touched: `<kind> <key>` as the plan names them, or `unattributed <what>`. */
function objectsOf(entry: JournalEntry, directory: Directory): string[] {
  const body = (entry.body ?? {}) as Body;
  const cce = /\/portal\/services\/protected\/\w+\/(\w+)$/.exec(entry.path)?.[1];
  const found = (...objects: (string | undefined)[]) => (objects.every((o) => o !== undefined) ? (objects as string[]) : [`unattributed ${entry.method} ${entry.path} ${JSON.stringify(body)}`]);
  const agentObject = (agentId: unknown) => directory.find("agent", agentId)?.replace(/^user /, "");
  switch (cce) {
    case "saveSkillGroup":
      return body.skillGroupSkillTargetId !== undefined
        ? found(directory.find("group", body.skillGroupSkillTargetId))
        : found(`skillGroup ${PERIPHERAL_NAMES[Number(body.peripheralID)]}.${body.skillGroupPeripheralName}`);
    case "cloneUser":
      return found(`user ${body.cloneUserLoginNm}`);
    case "updateUser":
      return found(directory.find("login", (body.basicUserInfo as Body | undefined)?.loginNm));
    case "resetPassword":
      return found(directory.find("login", body.userName));
    case "setUserStatus":
    case "enableDisableUserInPortal":
    case "enableDisableUserInICM":
      return found(directory.find("login", body.loginNm) ?? directory.find("user", body.idProgramUser));
    case "deleteUser":
      return found(directory.find("user", body.searchId));
    case "saveSkillsToAgent":
      return found(directory.find("user", body.agentIdProgramUser));
    case "saveAttributesToAgent":
      return ((body.agentsIds as unknown[]) ?? []).flatMap((agent) =>
        ((body.attributesInfo as Body[]) ?? []).flatMap((attribute) => {
          const login = agentObject(agent);
          return found(login && `attribute ${attributeKey(login, String(attribute.name))}`);
        }),
      );
    case "updateAgentAttributes": {
      const login = agentObject(body.agentId);
      return found(login && `attribute ${attributeKey(login, ATTRIBUTE_NAMES[Number(body.attributeId)])}`);
    }
    case "updatePrecisionQueue":
      return found(directory.find("queue", (body.precisionQueue as Body | undefined)?.id));
  }
  const oracle = /\/resourceUsers(?:\/([^/]+))?/.exec(entry.path);
  if (oracle) return oracle[1] ? found(directory.find("oracle", decodeURIComponent(oracle[1]))) : found(directory.find("party", body.ResourcePartyNumber) ?? `resourceUser ${body.ResourcePartyNumber}`);
  const riskcc = /\/risk-cc\/customercare\/v1\/([^/]+)\/provision$/.exec(entry.path);
  if (riskcc) return found(`tempAllow ${decodeURIComponent(riskcc[1])}`);
  const ucportal = /\/customers\/[^/]+\/users(?:\/([^/]+))?/.exec(entry.path);
  if (ucportal) return ucportal[1] ? found(directory.find("ucportal", decodeURIComponent(ucportal[1]))) : found(`customerUser ${body.email}`);
  return found(undefined);
}

/** Every object the journal's writes touched, given the stack's state before and after. */
export function writtenObjects(journal: readonly JournalEntry[], before: Deployment, after: Deployment): Set<string> {
  const directory = directoryOf([before, after]);
  return new Set(journal.filter((entry) => entry.write).flatMap((entry) => objectsOf(entry, directory)));
}
