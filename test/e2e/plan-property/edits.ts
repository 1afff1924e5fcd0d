/**
 * The edits the plan property test draws from: changes to the declaration (the YAML file) and
 * changes made by hand in the vendor systems, through their APIs, as an administrator would.
 * Each edit updates the model's side it changes; the expected plan then follows from the model.
 */
import { cceDemoIds } from "../../../emulator/cce/tenant";
import { HandEdits } from "../../support/hand-edits";
import { attributeKey, CustomerUser, Group, keyOfGroup, Queue, RESOURCE_USER_TEXT, ResourceUser, TempAllow, TenantModel, User } from "./model";

/** A seeded random source (mulberry32): the same seed draws the same edits. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A value of `items` other than `current`. */
  other<T>(items: readonly T[], current: T): T {
    return this.pick(items.filter((item) => JSON.stringify(item) !== JSON.stringify(current)));
  }
}

export interface EditContext {
  model: TenantModel;
  random: Random;
  /** What hand edits reach the vendor systems with. */
  vendors: HandEdits;
  /** A number never drawn before in this run, for new names. */
  fresh(): number;
  /** The objects this case has edited already (`<kind> <key>`): a case edits an object once. */
  touched: Set<string>;
}

export interface Edit {
  /** What was done, for a failure's message: `code: user dana@DEM phone "5550101" -> "5553412"`. */
  description: string;
  /** The object it is about, `<kind> <key>`: a case edits an object once. */
  object: string;
  /** The kind of edit (the maker's name), for the run's summary. */
  maker: string;
}

type Maker = (context: EditContext) => Promise<Omit<Edit, "maker"> | undefined> | Omit<Edit, "maker"> | undefined;

const SITES = ["HQ", "Branch"];
const TEAMS = ["Team_Sales", "Team_Support"];
const ATTRIBUTES: Record<string, (random: Random) => number | boolean> = {
  Sales_Skill: (random) => random.int(1, 10),
  Billing_Skill: (random) => random.int(1, 10),
  Spanish: (random) => random.next() < 0.5,
};
const ROLE_TOGGLES = ["customer.user.uc.softphone", "customer.device.readonly", "customer.settings", "customer.user.crm", "customer.user.microsoftteams", "customer.user.supervisorl1"];
const show = (value: unknown) => JSON.stringify(value);

type ObjectKind = "skillGroup" | "user" | "precisionQueue" | "resourceUser" | "tempAllow" | "customerUser";

/** The declared objects of a kind this case has not edited yet. */
function declaredOf<T>(context: EditContext, kind: ObjectKind): [string, T][] {
  return [...(context.model.declared[kind] as Map<string, T>).entries()].filter(([key]) => !context.touched.has(`${kind} ${key}`));
}

/** Objects the stack holds that are still declared and not edited yet in this case: the ones a hand edit can change. */
function liveAndDeclared<T>(context: EditContext, kind: ObjectKind): [string, T][] {
  const live = context.model.live[kind] as Map<string, T>;
  return [...live.entries()].filter(([key]) => context.model.declared[kind].has(key) && !context.touched.has(`${kind} ${key}`));
}

/** A random one of `items`, or undefined when there is none. */
const pickOne = <T>(random: Random, items: readonly T[]): T | undefined => (items.length === 0 ? undefined : random.pick(items));

/** The attributes (user, name) of some users that this case has not edited yet. */
function attributesOf(context: EditContext, users: User[]): (readonly [User, string])[] {
  return users.flatMap((user) => Object.keys(user.attributes).map((name) => [user, name] as const)).filter(([user, name]) => !context.touched.has(`attribute ${attributeKey(user.loginName, name)}`));
}

// ---------------------------------------------------------------------------------------
// In code: the declaration.

const codeEdits: Record<string, Maker> = {
  groupField(context) {
    const { random, fresh } = context;
    const picked = pickOne(random, declaredOf<Group>(context, "skillGroup"));
    if (!picked) return undefined;
    const [key, group] = picked;
    if (random.next() < 0.5) {
      const to = `Edited ${fresh()}`;
      const edit = { description: `code: skillGroup ${key} description ${show(group.description)} -> ${show(to)}`, object: `skillGroup ${key}` };
      group.description = to;
      return edit;
    }
    const to = random.other([10, 20, 30, 45, 60, 90], group.serviceLevelThreshold);
    const edit = { description: `code: skillGroup ${key} serviceLevelThreshold ${group.serviceLevelThreshold} -> ${to}`, object: `skillGroup ${key}` };
    group.serviceLevelThreshold = to;
    return edit;
  },
  addGroup({ model, fresh }) {
    const group: Group = { peripheral: "CUCM_PG_1", name: `Grp_${fresh()}`, description: "Added by the property test", serviceLevelThreshold: 30 };
    model.declared.skillGroup.set(keyOfGroup(group), group);
    return { description: `code: add skillGroup ${keyOfGroup(group)}`, object: `skillGroup ${keyOfGroup(group)}` };
  },
  removeGroup(context) {
    const { model, random } = context;
    if (model.declared.skillGroup.size < 2) return undefined;
    const picked = pickOne(random, declaredOf<Group>(context, "skillGroup"));
    if (!picked) return undefined;
    const [key] = picked;
    model.declared.skillGroup.delete(key);
    // The file cannot name a group it no longer declares.
    for (const user of model.declared.user.values()) user.skillGroups = user.skillGroups.filter((g) => g !== key);
    return { description: `code: remove skillGroup ${key} (and it from every user)`, object: `skillGroup ${key}` };
  },
  userField(context) {
    const { random, fresh } = context;
    const picked = pickOne(random, declaredOf<User>(context, "user"));
    if (!picked) return undefined;
    const [key, user] = picked;
    const field = random.pick(["firstName", "lastName", "phone", "email", "agentDescription", "site", "team", "enabledInPortal", "deletionPolicy"] as const);
    const to =
      field === "phone" ? `555${String(fresh()).padStart(4, "0")}`
      : field === "email" ? `mail${fresh()}@example.com`
      : field === "agentDescription" ? `Described ${fresh()}`
      : field === "site" ? random.other(SITES, user.site)
      : field === "team" ? random.other(TEAMS, user.team)
      : field === "enabledInPortal" ? !user.enabledInPortal
      : field === "deletionPolicy" ? (user.deletionPolicy === "disable" ? "retain" : "disable")
      : `${field === "firstName" ? "First" : "Last"}${fresh()}`;
    const edit = { description: `code: user ${key} ${field} ${show(user[field])} -> ${show(to)}`, object: `user ${key}` };
    (user as unknown as Record<string, unknown>)[field] = to;
    return edit;
  },
  userGroups(context) {
    const { model, random } = context;
    const picked = pickOne(random, declaredOf<User>(context, "user"));
    if (!picked) return undefined;
    const [key, user] = picked;
    const outside = [...model.declared.skillGroup.keys()].filter((g) => !user.skillGroups.includes(g));
    if (outside.length > 0 && (user.skillGroups.length === 0 || random.next() < 0.5)) {
      const added = random.pick(outside);
      user.skillGroups = [...user.skillGroups, added];
      return { description: `code: user ${key} joins ${added}`, object: `user ${key}` };
    }
    if (user.skillGroups.length === 0) return undefined;
    const removed = random.pick(user.skillGroups);
    user.skillGroups = user.skillGroups.filter((g) => g !== removed);
    return { description: `code: user ${key} leaves ${removed}`, object: `user ${key}` };
  },
  attributeValue(context) {
    const { model, random } = context;
    const picked = pickOne(random, attributesOf(context, [...model.declared.user.values()]));
    if (!picked) return undefined;
    const [user, name] = picked;
    let to = ATTRIBUTES[name](random);
    if (to === user.attributes[name]) to = typeof to === "boolean" ? !to : (to % 10) + 1;
    const key = attributeKey(user.loginName, name);
    const edit = { description: `code: attribute ${key} value ${show(user.attributes[name])} -> ${show(to)}`, object: `attribute ${key}` };
    user.attributes[name] = to;
    return edit;
  },
  attributeAddOrRemove(context) {
    const { model, random } = context;
    const user = pickOne(random, [...model.declared.user.values()]);
    if (!user) return undefined;
    const free = (name: string) => !context.touched.has(`attribute ${attributeKey(user.loginName, name)}`);
    const missing = Object.keys(ATTRIBUTES).filter((name) => !(name in user.attributes) && free(name));
    if (missing.length > 0 && random.next() < 0.5) {
      const name = random.pick(missing);
      user.attributes[name] = ATTRIBUTES[name](random);
      const key = attributeKey(user.loginName, name);
      return { description: `code: add attribute ${key} = ${show(user.attributes[name])}`, object: `attribute ${key}` };
    }
    const name = pickOne(random, Object.keys(user.attributes).filter(free));
    if (name === undefined) return undefined;
    delete user.attributes[name];
    return { description: `code: remove attribute ${attributeKey(user.loginName, name)}`, object: `attribute ${attributeKey(user.loginName, name)}` };
  },
  addUser({ model, random, fresh }) {
    const n = fresh();
    const groups = [...model.declared.skillGroup.keys()];
    const user: User = {
      loginName: `agent${n}@DEM`, template: "tmpl.agent@DEM", userType: "agent", firstName: `Agent${n}`, lastName: "Property",
      phone: `556${String(n).padStart(4, "0")}`, email: `agent${n}@example.com`, agentDescription: "Added by the property test",
      agentId: String(8000 + n), site: random.pick(SITES), team: random.pick(TEAMS),
      skillGroups: groups.length > 0 ? [random.pick(groups)] : [], attributes: { Sales_Skill: random.int(1, 10) },
      enabledInPortal: true, deletionPolicy: "disable", passwordSecret: "agentPassword",
    };
    model.declared.user.set(user.loginName, user);
    return { description: `code: add user ${user.loginName}`, object: `user ${user.loginName}` };
  },
  removeUser(context) {
    const { model, random } = context;
    if (model.declared.user.size < 2) return undefined;
    const picked = pickOne(random, declaredOf<User>(context, "user"));
    if (!picked) return undefined;
    model.declared.user.delete(picked[0]);
    return { description: `code: remove user ${picked[0]} (and its attributes)`, object: `user ${picked[0]}` };
  },
  queueField(context) {
    const { random, fresh } = context;
    const picked = pickOne(random, declaredOf<Queue>(context, "precisionQueue"));
    if (!picked) return undefined;
    const [key, queue] = picked;
    const field = random.pick(["description", "serviceLevelThreshold", "steps"] as const);
    const before = show(queue[field]);
    if (field === "description") queue.description = `Queue ${fresh()}`;
    else if (field === "serviceLevelThreshold") queue.serviceLevelThreshold = random.other([15, 20, 25, 40], queue.serviceLevelThreshold);
    else queue.steps[0].waitTime = random.other([10, 30, 60, 90], queue.steps[0].waitTime);
    return { description: `code: precisionQueue ${key} ${field} ${before} -> ${show(queue[field])}`, object: `precisionQueue ${key}` };
  },
  addOrRemoveQueue(context) {
    const { model, random } = context;
    if (model.declared.precisionQueue.size > 0 && random.next() < 0.5) {
      const picked = pickOne(random, declaredOf<Queue>(context, "precisionQueue"));
      if (!picked) return undefined;
      model.declared.precisionQueue.delete(picked[0]);
      return { description: `code: remove precisionQueue ${picked[0]} (released)`, object: `precisionQueue ${picked[0]}` };
    }
    const name = pickOne(random, ["PQ_Sales", "PQ_Billing"].filter((q) => !model.declared.precisionQueue.has(q) && !context.touched.has(`precisionQueue ${q}`)));
    if (!name) return undefined;
    model.declared.precisionQueue.set(name, { queueName: name, description: `${name} as code`, serviceLevelThreshold: 20, steps: [{ waitTime: 30, terms: [{ attribute: "Sales_Skill", relation: ">=", value: 5 }] }] });
    return { description: `code: add precisionQueue ${name} (adopted)`, object: `precisionQueue ${name}` };
  },
  resourceUserField(context) {
    const { random, fresh } = context;
    const picked = pickOne(random, declaredOf<ResourceUser>(context, "resourceUser"));
    if (!picked) return undefined;
    const [key, user] = picked;
    if (random.next() < 0.25) {
      user.roles = toggleRole(user.roles, SECOND_ROLE);
      return { description: `code: resourceUser ${key} roles toggle ${SECOND_ROLE}`, object: `resourceUser ${key}` };
    }
    const field = random.pick(Object.keys(RESOURCE_USER_TEXT) as (keyof typeof RESOURCE_USER_TEXT)[]);
    const to = field === "email" ? `cc${fresh()}@example.com` : `${field.slice(0, 2)}${fresh()}`;
    const edit = { description: `code: resourceUser ${key} ${field} ${show(user[field])} -> ${show(to)}`, object: `resourceUser ${key}` };
    user[field] = to;
    return edit;
  },
  addOrRemoveResourceUser(context) {
    const { model, random, fresh } = context;
    if (model.declared.resourceUser.size > 1 && random.next() < 0.5) {
      const picked = pickOne(random, declaredOf<ResourceUser>(context, "resourceUser"));
      if (!picked) return undefined;
      model.declared.resourceUser.delete(picked[0]);
      return { description: `code: remove resourceUser ${picked[0]} (end-dated)`, object: `resourceUser ${picked[0]}` };
    }
    const n = fresh();
    const partyNumber = `CC_P${n}`;
    model.declared.resourceUser.set(partyNumber, {
      partyNumber, firstName: "Pat", lastName: `Prop${n}`, email: `pat${n}@example.com`, title: "Mx", workPhoneNumber: `556 ${n}`,
      addressLine1: `${n} Side Street`, jobCode: "AGENT", organizationName: "NA Sales", orgRoleCode: "SALES_REPRESENTATIVE", roles: [{ roleId: 300100010000101 }],
    });
    return { description: `code: add resourceUser ${partyNumber}`, object: `resourceUser ${partyNumber}` };
  },
  tempAllowField(context) {
    const { random } = context;
    const picked = pickOne(random, declaredOf<TempAllow>(context, "tempAllow"));
    if (!picked) return undefined;
    const [key, allow] = picked;
    if (random.next() < 0.5) {
      const to = random.other([1, 2, 3], allow.tempAllowType);
      const edit = { description: `code: tempAllow ${key} tempAllowType ${allow.tempAllowType} -> ${to}`, object: `tempAllow ${key}` };
      allow.tempAllowType = to;
      return edit;
    }
    const to = `2099-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(10, 28))}T12:00:00Z`;
    if (to === allow.expirationDate) return undefined;
    const edit = { description: `code: tempAllow ${key} expirationDate ${allow.expirationDate} -> ${to}`, object: `tempAllow ${key}` };
    allow.expirationDate = to;
    return edit;
  },
  addOrRemoveTempAllow(context) {
    const { model, random } = context;
    const free = ["u-100001", "u-100002", "u-100003"].filter((id) => !model.declared.tempAllow.has(id) && !context.touched.has(`tempAllow ${id}`));
    if (free.length > 0 && (model.declared.tempAllow.size === 0 || random.next() < 0.5)) {
      const customerId = random.pick(free);
      model.declared.tempAllow.set(customerId, { customerId, tempAllowType: 1, expirationDate: "2099-06-30T12:00:00Z" });
      return { description: `code: add tempAllow ${customerId}`, object: `tempAllow ${customerId}` };
    }
    const picked = pickOne(random, declaredOf<TempAllow>(context, "tempAllow"));
    if (!picked) return undefined;
    model.declared.tempAllow.delete(picked[0]);
    return { description: `code: remove tempAllow ${picked[0]} (revoked)`, object: `tempAllow ${picked[0]}` };
  },
  customerUserField(context) {
    const { random, fresh } = context;
    const picked = pickOne(random, declaredOf<CustomerUser>(context, "customerUser"));
    if (!picked) return undefined;
    const [key, user] = picked;
    if (random.next() < 0.4) {
      const to = `Customer ${fresh()}`;
      const edit = { description: `code: customerUser ${key} displayName ${show(user.displayName)} -> ${show(to)}`, object: `customerUser ${key}` };
      user.displayName = to;
      return edit;
    }
    const toggled = random.pick(ROLE_TOGGLES);
    user.roles = toggle(user.roles, toggled);
    return { description: `code: customerUser ${key} roles toggle ${toggled}`, object: `customerUser ${key}` };
  },
  addOrRemoveCustomerUser(context) {
    const { model, random, fresh } = context;
    if (model.declared.customerUser.size > 1 && random.next() < 0.5) {
      const picked = pickOne(random, declaredOf<CustomerUser>(context, "customerUser"));
      if (!picked) return undefined;
      model.declared.customerUser.delete(picked[0]);
      return { description: `code: remove customerUser ${picked[0]} (deleted)`, object: `customerUser ${picked[0]}` };
    }
    const email = `person${fresh()}@acme.example`;
    model.declared.customerUser.set(email, { email, displayName: "Property Person", roles: ["customer.user", "customer.user.uc"] });
    return { description: `code: add customerUser ${email}`, object: `customerUser ${email}` };
  },
};

/** A second resource role (Customer Service Representative) the test gives and takes. */
const SECOND_ROLE = 300100010000104;
const toggleRole = (roles: readonly { roleId: number }[], roleId: number) => (roles.some((r) => r.roleId === roleId) ? roles.filter((r) => r.roleId !== roleId) : [...roles, { roleId }]);

/** A role set with `role` added, or taken away; a role's prerequisites (customer.user, customer.user.uc) are never taken away. */
function toggle(roles: readonly string[], role: string): string[] {
  return roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role];
}

// ---------------------------------------------------------------------------------------
// By hand: the live tenant, through the vendors' own APIs.

const handEdits: Record<string, Maker> = {
  async groupFieldByHand(context) {
    const { random, vendors, fresh } = context;
    const picked = pickOne(random, liveAndDeclared<Group>(context, "skillGroup"));
    if (!picked) return undefined;
    const [key, live] = picked;
    if (random.next() < 0.5) live.description = `By hand ${fresh()}`;
    else live.serviceLevelThreshold = random.other([5, 15, 25, 50, 75], live.serviceLevelThreshold);
    await vendors.editSkillGroup(live.name, { description: live.description, serviceLevelThreshold: live.serviceLevelThreshold });
    return { description: `hand: skillGroup ${key} description ${show(live.description)}, serviceLevelThreshold ${live.serviceLevelThreshold}`, object: `skillGroup ${key}` };
  },
  async groupDeletedByHand(context) {
    const { model, random, vendors } = context;
    const picked = pickOne(random, liveAndDeclared<Group>(context, "skillGroup"));
    if (!picked) return undefined;
    const [key, live] = picked;
    await vendors.control.deleteSkillGroupByHand((await vendors.skillGroup(live.name)).skillTargetId);
    model.live.skillGroup.delete(key);
    // ICM drops a deleted group's members with it.
    for (const user of model.live.user.values()) user.skillGroups = user.skillGroups.filter((g) => g !== key);
    return { description: `hand: skillGroup ${key} deleted in ICM`, object: `skillGroup ${key}` };
  },
  async userFieldByHand(context) {
    const { random, vendors, fresh } = context;
    const picked = pickOne(random, liveAndDeclared<User>(context, "user"));
    if (!picked) return undefined;
    const [key, live] = picked;
    const field = random.pick(["firstName", "lastName", "phone", "email", "agentDescription", "site", "team"] as const);
    const to =
      field === "phone" ? `557${String(fresh()).padStart(4, "0")}`
      : field === "email" ? `hand${fresh()}@example.com`
      : field === "site" ? random.other(SITES, live.site)
      : field === "team" ? random.other(TEAMS, live.team)
      : `Hand${fresh()}`;
    const wire = { firstName: "firstNm", lastName: "lastNm", phone: "phone", email: "email", agentDescription: "agentDescription", site: "idProgramSite", team: "agentTeamId" }[field];
    const value = field === "site" ? cceDemoIds.sites[to as "HQ" | "Branch"] : field === "team" ? cceDemoIds.teams[to as "Team_Sales" | "Team_Support"] : to;
    await vendors.editUser(key, { [wire]: value });
    const edit = { description: `hand: user ${key} ${field} ${show(live[field])} -> ${show(to)}`, object: `user ${key}` };
    (live as unknown as Record<string, unknown>)[field] = to;
    return edit;
  },
  async userStatusByHand(context) {
    const { random, vendors } = context;
    const picked = pickOne(random, liveAndDeclared<User>(context, "user"));
    if (!picked) return undefined;
    const [key, live] = picked;
    const record = await vendors.user(key);
    await vendors.cce("protected/users/enableDisableUserInPortal", { enabled: !live.enabledInPortal, idUser: record.idUser, idProgramUser: record.idProgramUser, loginNm: record.loginNm });
    const edit = { description: `hand: user ${key} enabledInPortal ${live.enabledInPortal} -> ${!live.enabledInPortal}`, object: `user ${key}` };
    live.enabledInPortal = !live.enabledInPortal;
    return edit;
  },
  async userGroupsByHand(context) {
    const { model, random, vendors } = context;
    const picked = pickOne(random, liveAndDeclared<User>(context, "user"));
    if (!picked) return undefined;
    const [key, live] = picked;
    const record = await vendors.user(key);
    // Support is in the tenant but never declared by the test: joining it is drift too.
    const joinable = [...model.live.skillGroup.keys(), "CUCM_PG_1.Support"].filter((g) => !live.skillGroups.includes(g));
    const join = joinable.length > 0 && (live.skillGroups.length === 0 || random.next() < 0.5);
    const target = join ? random.pick(joinable) : random.pick(live.skillGroups);
    const group = await vendors.skillGroup(target.slice("CUCM_PG_1.".length));
    await vendors.cce("protected/quickskills/saveSkillsToAgent", {
      peripheralID: record.platformId, agentIdProgramUser: record.idProgramUser,
      addedSkillGroupSkillTargetIds: join ? [group.skillTargetId] : [], removedSkillGroupSkillTargetIds: join ? [] : [group.skillTargetId],
    });
    live.skillGroups = join ? [...live.skillGroups, target] : live.skillGroups.filter((g) => g !== target);
    return { description: `hand: user ${key} ${join ? "joins" : "leaves"} ${target}`, object: `user ${key}` };
  },
  async userDeletedByHand(context) {
    const { model, random, vendors } = context;
    const picked = pickOne(random, liveAndDeclared<User>(context, "user"));
    if (!picked) return undefined;
    const [key] = picked;
    await vendors.cce("protected/users/deleteUser", { searchId: (await vendors.user(key)).idProgramUser });
    model.live.user.delete(key); // its attributes go with it
    return { description: `hand: user ${key} deleted in the portal`, object: `user ${key}` };
  },
  async attributeByHand(context) {
    const { model, random, vendors } = context;
    // Attributes of users this case has not deleted (nor otherwise edited) by hand.
    const users = [...model.live.user.values()].filter((u) => model.declared.user.has(u.loginName) && !context.touched.has(`user ${u.loginName}`));
    const picked = pickOne(random, attributesOf(context, users).filter(([user, name]) => name in (model.declared.user.get(user.loginName)?.attributes ?? {})));
    if (!picked) return undefined;
    const [user, name] = picked;
    const key = attributeKey(user.loginName, name);
    if (random.next() < 0.4) {
      await vendors.removeAttribute(user.loginName, (cceDemoIds.attributes as Record<string, number>)[name]);
      delete user.attributes[name];
      return { description: `hand: attribute ${key} removed from the agent`, object: `attribute ${key}` };
    }
    let to = ATTRIBUTES[name](random);
    if (to === user.attributes[name]) to = typeof to === "boolean" ? !to : (to % 10) + 1;
    await vendors.setAttribute(user.loginName, name, to);
    const edit = { description: `hand: attribute ${key} value ${show(user.attributes[name])} -> ${show(to)}`, object: `attribute ${key}` };
    user.attributes[name] = to;
    return edit;
  },
  async queueByHand(context) {
    const { random, vendors, fresh } = context;
    const picked = pickOne(random, liveAndDeclared<Queue>(context, "precisionQueue"));
    if (!picked) return undefined;
    const [key, live] = picked;
    const field = random.pick(["description", "serviceLevelThreshold", "steps"] as const);
    const before = show(live[field]);
    if (field === "description") live.description = `Queue by hand ${fresh()}`;
    else if (field === "serviceLevelThreshold") live.serviceLevelThreshold = random.other([10, 35, 50, 70], live.serviceLevelThreshold);
    else live.steps[0].waitTime = random.other([5, 45, 75, 120], live.steps[0].waitTime);
    await vendors.editQueue(live.queueName, (queue) => {
      if (field === "steps") (queue.steps as Record<string, unknown>[])[0].waitTime = live.steps[0].waitTime;
      else queue[field] = live[field];
    });
    return { description: `hand: precisionQueue ${key} ${field} ${before} -> ${show(live[field])}`, object: `precisionQueue ${key}` };
  },
  async resourceUserByHand(context) {
    const { random, vendors, fresh } = context;
    const picked = pickOne(random, liveAndDeclared<ResourceUser>(context, "resourceUser"));
    if (!picked) return undefined;
    const [key, live] = picked;
    if (random.next() < 0.25) {
      const holds = live.roles.some((r) => r.roleId === SECOND_ROLE);
      await vendors.toggleResourceRole(key, SECOND_ROLE, !holds);
      live.roles = toggleRole(live.roles, SECOND_ROLE);
      return { description: `hand: resourceUser ${key} ${holds ? "loses" : "gets"} role ${SECOND_ROLE}`, object: `resourceUser ${key}` };
    }
    const field = random.pick(Object.keys(RESOURCE_USER_TEXT) as (keyof typeof RESOURCE_USER_TEXT)[]);
    const to = field === "email" ? `hand${fresh()}@example.com` : `Hand${fresh()}`;
    await vendors.editResourceUser(key, { [RESOURCE_USER_TEXT[field]]: to });
    const edit = { description: `hand: resourceUser ${key} ${field} ${show(live[field])} -> ${show(to)}`, object: `resourceUser ${key}` };
    live[field] = to;
    return edit;
  },
  async customerUserByHand(context) {
    const { random, vendors, fresh } = context;
    const picked = pickOne(random, liveAndDeclared<CustomerUser>(context, "customerUser"));
    if (!picked) return undefined;
    const [key, live] = picked;
    if (random.next() < 0.4) {
      const to = `By hand ${fresh()}`;
      await vendors.editCustomerUser(key, () => ({ displayName: to }));
      const edit = { description: `hand: customerUser ${key} displayName ${show(live.displayName)} -> ${show(to)}`, object: `customerUser ${key}` };
      live.displayName = to;
      return edit;
    }
    const toggled = random.pick(ROLE_TOGGLES);
    // The portal keeps what it assigned itself: send the user's live roles with the toggle applied.
    await vendors.editCustomerUser(key, (user) => ({ roles: toggle(user.roles as string[], toggled) }));
    live.roles = toggle(live.roles, toggled);
    return { description: `hand: customerUser ${key} roles toggle ${toggled}`, object: `customerUser ${key}` };
  },
};

export const EDITS: Record<string, Maker> = { ...codeEdits, ...handEdits };

/**
 * One case's edits: one to three, drawn from every kind, none touching an object twice. Edits
 * that do not apply to the tenant as it is (nothing left to remove) are drawn again.
 */
export async function drawEdits(context: Omit<EditContext, "touched">): Promise<Edit[]> {
  const edits: Edit[] = [];
  const touched = new Set<string>();
  const wanted = context.random.int(1, 3);
  for (let attempt = 0; edits.length < wanted && attempt < 30; attempt++) {
    const name = context.random.pick(Object.keys(EDITS));
    const edit = await EDITS[name]({ ...context, touched });
    if (!edit) continue;
    touched.add(edit.object);
    edits.push({ ...edit, maker: name });
  }
  return edits;
}
