/**
 * The vendor systems' side of "no duplicate, no orphan": every object a declaration names, as
 * its vendor lists it, against what the stack's state holds. An object declared is found
 * exactly once by its natural key, and the state holds exactly the vendor ids found, kind by
 * kind; a duplicate, an orphan (in the vendor system, not in the state) or a ghost (in the
 * state, gone from the vendor) each break the equality.
 */
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { connectCce } from "../../provider/cce/client";
import { listSkillGroups } from "../../provider/cce/skill-groups-api";
import { listUsers } from "../../provider/cce/users-api";
import { OracleClient } from "../../provider/oracle/client";
import { resolveOracleConnection } from "../../provider/oracle/connection";
import { listResourceUsers } from "../../provider/oracle/resource-users-api";
import { UcPortalClient } from "../../provider/ucportal/client";
import { resolveUcPortalConnection } from "../../provider/ucportal/connection";
import { listUsers as listCustomerUsers } from "../../provider/ucportal/customer-users-api";

/** The part of a contact-center file the census reads. */
export interface Declared {
  cce?: { skillGroups?: { name: string }[]; users?: { loginName: string }[] };
  oracle?: { resourceUsers?: { partyNumber?: string; email: string }[] };
  ucportal?: { customerUsers?: { email: string }[] };
}

interface StateResource {
  type: string;
  id?: string;
}

/** Per kind: the vendor ids of the declared objects (by key, a key found twice listed twice), and the ids the state holds. */
export async function census(config: ConfigMap, declared: Declared, state: StateResource[]) {
  const source = { get: (key: string) => config[key]?.value } as never;
  const held = (type: string) => state.filter((r) => r.type.endsWith(`:${type}`)).map((r) => String(r.id)).sort();
  const found = <T>(all: T[], keys: string[], keyOf: (item: T) => string, idOf: (item: T) => string) => {
    const wanted = new Set(keys.map((k) => k.toLowerCase()));
    const matching = all.filter((item) => wanted.has(keyOf(item).toLowerCase()));
    return { keys: matching.map(keyOf).map((k) => k.toLowerCase()).sort(), ids: matching.map(idOf).sort() };
  };

  const { cce } = connectCce(source);
  const groupNames = (declared.cce?.skillGroups ?? []).map((g) => g.name);
  const logins = (declared.cce?.users ?? []).map((u) => u.loginName);
  const emails = (declared.oracle?.resourceUsers ?? []).map((u) => u.email);
  const customerEmails = (declared.ucportal?.customerUsers ?? []).map((u) => u.email);
  return {
    skillGroups: { declared: groupNames.map((k) => k.toLowerCase()).sort(), ...found(await listSkillGroups(cce), groupNames, (g) => g.name, (g) => String(g.skillTargetId)), held: held("SkillGroup") },
    users: { declared: logins.map((k) => k.toLowerCase()).sort(), ...found(await listUsers(cce), logins, (u) => u.loginNm, (u) => String(u.idProgramUser)), held: held("User") },
    resourceUsers: {
      declared: emails.map((k) => k.toLowerCase()).sort(),
      ...found(await listResourceUsers(new OracleClient(resolveOracleConnection(source))), emails, (u) => String(u.item.ResourceEmail ?? ""), (u) => u.item.ResourcePartyNumber),
      held: held("ResourceUser"),
    },
    customerUsers: {
      declared: customerEmails.map((k) => k.toLowerCase()).sort(),
      ...found(await listCustomerUsers(new UcPortalClient(resolveUcPortalConnection(source))), customerEmails, (u) => u.email, (u) => u.id),
      held: held("CustomerUser"),
    },
  };
}

/** Every declared object once in its vendor system, and the state holding exactly those. */
export async function expectEachDeclaredOnceAndHeld(config: ConfigMap, declared: Declared, state: StateResource[]): Promise<void> {
  const kinds = await census(config, declared, state);
  for (const [kind, k] of Object.entries(kinds)) {
    expect({ kind, keys: k.keys }).toEqual({ kind, keys: k.declared });
    expect({ kind, held: k.held }).toEqual({ kind, held: k.ids });
  }
}
