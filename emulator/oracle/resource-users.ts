/**
 * The resourceUsers collection and items (seed 004): list with `q` and paging, create, read,
 * and PATCH of the attributes sent, with the rules of docs/oracle-wire-decisions.md.
 * There is no delete: a resource user is end-dated (ResourceEndDate) or suspended (UserStatus S).
 */
import type { VendorReply } from "../vendor";
import { CASELESS_IN_Q, NOT_NULLABLE, REQUIRED_ON_CREATE, ROLE_ATTRIBUTE_NAMES, USER_ATTRIBUTES, USER_ATTRIBUTE_NAMES, readAttributes } from "./attributes";
import {
  OracleContext, findUser, roleByCode, rolesHref, today, userChangeIndicator, userHref, userView, usersHref,
} from "./model";
import { Link, Shape, collectionOf, filterLinks, parsePaging, parseQ, parseShape, project, satisfies } from "./query";
import { NewRole, addRole, applyRoleEdits, checkNoOverlap, readNewRole, readRoleEdits, renderExpandedRoles } from "./roles";
import { END_OF_TIME, ResourceUserRecord, oracleOrganizations, oraclePhoneCountryCodes, partyNumbers } from "./tenant";
import { ERR, JsonObject, OracleError, Problems, bareTag, checkIfMatch, headerValue, jsonReply, timestampOf } from "./wire";

const RESOURCE = "resourceUsers";
const CHILDREN = { ResourceRoleAssign: ROLE_ATTRIBUTE_NAMES };
const LOVS = ["FaxCountryCodeVA", "MobilePhoneCountryCodeVA", "WorkPhoneCountryCodeVA"];

function userLinks(ctx: OracleContext, user: ResourceUserRecord): Link[] {
  const href = userHref(ctx, user);
  if (ctx.variants.has("oracle-no-self-link")) return [{ rel: "child", href: rolesHref(ctx, user), name: "ResourceRoleAssign", kind: "collection" } as Link];
  return [
    { rel: "self", href, name: RESOURCE, kind: "item", properties: { changeIndicator: userChangeIndicator(user) } },
    { rel: "canonical", href, name: RESOURCE, kind: "item" },
    { rel: "child", href: rolesHref(ctx, user), name: "ResourceRoleAssign", kind: "collection" },
    ...LOVS.map((lov): Link => ({ rel: "lov", href: `${href}/lov/${lov}`, name: lov, kind: "collection" })),
  ];
}

function renderUser(ctx: OracleContext, user: ResourceUserRecord, shape: Shape): JsonObject {
  const item = project(userView(ctx, user), shape.fields);
  if (shape.children.has("ResourceRoleAssign")) item.ResourceRoleAssign = renderExpandedRoles(ctx, user, shape);
  if (!shape.onlyData) item.links = filterLinks(userLinks(ctx, user), shape);
  return item;
}

function userReply(ctx: OracleContext, user: ResourceUserRecord, status: number, extra: Record<string, string> = {}): VendorReply {
  const shape = parseShape(ctx.query, USER_ATTRIBUTE_NAMES, CHILDREN);
  return jsonReply(status, renderUser(ctx, user, shape), "item", { etag: userChangeIndicator(user), ...extra });
}

export function listUsers(ctx: OracleContext): VendorReply {
  const shape = parseShape(ctx.query, USER_ATTRIBUTE_NAMES, CHILDREN);
  const paging = parsePaging(ctx.query);
  const q = ctx.variants.has("oracle-ignores-q") ? null : ctx.query.get("q");
  const conditions = q === null ? [] : parseQ(q, ctx.framework, USER_ATTRIBUTE_NAMES);
  const rows = ctx.data.users
    .filter((user) => satisfies(userView(ctx, user), conditions, CASELESS_IN_Q))
    .sort((a, b) => Number(a.attrs.ResourcePartyId) - Number(b.attrs.ResourcePartyId));
  const items = rows.map((user) => renderUser(ctx, user, shape));
  return jsonReply(200, collectionOf(items, paging, usersHref(ctx), RESOURCE, shape), "collection");
}

export function getUser(ctx: OracleContext, key: string): VendorReply {
  const user = findUser(ctx, key);
  const ifNoneMatch = headerValue(ctx.headers, "if-none-match");
  if (ifNoneMatch !== undefined && ifNoneMatch.split(",").map(bareTag).includes(userChangeIndicator(user))) {
    return { status: 304, headers: { etag: userChangeIndicator(user) } };
  }
  return userReply(ctx, user, 200);
}

/** Rules that span attributes, checked on the user as it would be after the request. */
function checkRules(ctx: OracleContext, attrs: Record<string, unknown>, self: ResourceUserRecord | undefined, problems: Problems): void {
  const others = ctx.data.users.filter((user) => user !== self);
  const email = attrs.ResourceEmail;
  if (typeof email === "string") {
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) problems.add(ERR.rule, `ResourceEmail ${JSON.stringify(email)} is not an e-mail address.`);
    else if (others.some((u) => String(u.attrs.ResourceEmail).toLowerCase() === email.toLowerCase())) {
      problems.add(ERR.duplicate, `Another resource already has the e-mail address ${email}.`);
    }
  }
  const partyNumber = attrs.ResourcePartyNumber;
  if (typeof partyNumber === "string" && others.some((u) => u.attrs.ResourcePartyNumber === partyNumber)) {
    problems.add(ERR.duplicate, `Another resource already has the party number ${partyNumber}.`);
  }
  const inOrder = (from: string, to: string) => {
    const [start, end] = [attrs[from], attrs[to]];
    if (typeof start === "string" && typeof end === "string" && end < start) {
      problems.add(ERR.rule, `${to} ${end} is before ${from} ${start}.`);
    }
  };
  inOrder("ResourceStartDate", "ResourceEndDate");
  inOrder("IndividualRoleStartDate", "IndividualRoleEndDate");
  inOrder("ResourceOrgMemRoleStartDate", "ResourceOrgMemRoleEndDate");
  for (const name of ["ResourceOrgRoleCode", "IndividualRoleCode"]) {
    const code = attrs[name];
    if (code !== null && code !== undefined && !roleByCode(code)) problems.add(ERR.rule, `${name} ${JSON.stringify(code)} is not a resource role code.`);
  }
  for (const name of ["ResourceOrganizationName", "ResourceParentOrganizationName"]) {
    const org = attrs[name];
    if (typeof org === "string" && !(org in oracleOrganizations)) problems.add(ERR.rule, `${name} ${JSON.stringify(org)} is not a resource organization.`);
  }
  if (attrs.ResourceOrganizationName === null || attrs.ResourceOrganizationName === undefined) {
    for (const name of ["ResourceOrgRoleCode", "ResourceOrgMemRoleStartDate", "ResourceOrgMemRoleEndDate"]) {
      if (attrs[name] !== null && attrs[name] !== undefined) problems.add(ERR.rule, `${name} needs a ResourceOrganizationName.`);
    }
  }
}

/** Drops nulls: on create, null means "not given". */
function given(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}

function nextPartyNumber(ctx: OracleContext): string {
  const taken = new Set(ctx.data.users.map((u) => u.attrs.ResourcePartyNumber));
  let candidate: string;
  do candidate = `CDRM_${ctx.data.nextPartyNumber++}`;
  while (taken.has(candidate));
  return candidate;
}

export function createUser(ctx: OracleContext, body: JsonObject): VendorReply {
  const problems = new Problems();
  const { ResourceRoleAssign: roleInput, ...rest } = body;
  const values = given(readAttributes(rest, USER_ATTRIBUTES, "create", RESOURCE, problems));
  for (const name of REQUIRED_ON_CREATE) {
    if (!(name in rest) || rest[name] === null) problems.add(ERR.required, `Attribute ${name} in ${RESOURCE} is required.`);
  }
  const { CreateUserAccountFlag, UserStatus, ...stored } = values;
  const withAccount = CreateUserAccountFlag !== false;
  if (!withAccount && UserStatus !== undefined) problems.add(ERR.rule, "UserStatus needs a user account, and CreateUserAccountFlag is false.");

  const hireDate = (stored.HireDate ?? stored.ResourceStartDate ?? today(ctx)) as string;
  const attrs: Record<string, unknown> = {
    ResourceType: "INDIVIDUAL",
    PersonType: "EMP",
    TopResourceFlag: false,
    ResourceEndDate: END_OF_TIME,
    ResourceStartDate: hireDate,
    ...(stored.IndividualRoleCode !== undefined ? { IndividualRoleStartDate: hireDate, IndividualRoleEndDate: END_OF_TIME } : {}),
    ...(stored.ResourceOrganizationName !== undefined ? { ResourceOrgMemRoleStartDate: hireDate, ResourceOrgMemRoleEndDate: END_OF_TIME } : {}),
    ...stored,
    HireDate: hireDate,
  };

  const newRoles: NewRole[] = [];
  if (roleInput !== undefined && roleInput !== null) {
    if (!Array.isArray(roleInput)) problems.add(ERR.badValue, `${RESOURCE}.ResourceRoleAssign must be an array of role assignments.`);
    else {
      for (const element of roleInput) {
        if (typeof element !== "object" || element === null || Array.isArray(element)) {
          problems.add(ERR.badValue, `${RESOURCE}.ResourceRoleAssign elements must be objects, got ${JSON.stringify(element)}.`);
          continue;
        }
        const role = readNewRole(element as JsonObject, hireDate, problems, `${RESOURCE}.ResourceRoleAssign`);
        if (role) newRoles.push(role);
      }
      checkNoOverlap(newRoles, problems);
    }
  }
  checkRules(ctx, attrs, undefined, problems);
  problems.throwIfAny();

  const partyId = ctx.data.nextPartyId;
  ctx.data.nextPartyId += 10;
  const stamp = timestampOf(ctx.now);
  const user: ResourceUserRecord = {
    uniqId: ctx.keyOf(partyId),
    revision: 1,
    accountStatus: withAccount ? ((UserStatus as "A" | "S" | undefined) ?? "A") : null,
    roles: [],
    attrs: {
      ...attrs,
      ...partyNumbers(partyId),
      ResourcePartyNumber: attrs.ResourcePartyNumber ?? nextPartyNumber(ctx),
      Username: withAccount ? attrs.ResourceEmail : null,
      CreatedBy: ctx.caller.username,
      CreationDate: stamp,
      LastUpdatedBy: ctx.caller.username,
      LastUpdateDate: stamp,
    },
  };
  for (const role of newRoles) addRole(ctx, user, role);
  ctx.data.users.push(user);
  return userReply(ctx, user, 201, { location: userHref(ctx, user) });
}

const sameValues = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].every((name) => (a[name] ?? null) === (b[name] ?? null));

export function patchUser(ctx: OracleContext, key: string, body: JsonObject): VendorReply {
  const user = findUser(ctx, key);
  checkIfMatch(ctx.headers, userChangeIndicator(user));
  const problems = new Problems();
  const { ResourceRoleAssign: roleInput, ...rest } = body;
  const values = readAttributes(rest, USER_ATTRIBUTES, "update", RESOURCE, problems);
  for (const [name, value] of Object.entries(values)) {
    if (value === null && NOT_NULLABLE.includes(name)) problems.add(ERR.required, `Attribute ${name} in ${RESOURCE} is required and cannot be null.`);
  }
  const { CreateUserAccountFlag, UserStatus, ...changes } = values;
  // Null end date = open-ended, which Oracle stores as its end of time.
  if (changes.ResourceEndDate === null) changes.ResourceEndDate = END_OF_TIME;

  const attrs: Record<string, unknown> = { ...user.attrs, ...changes };
  if ("ResourceOrganizationName" in changes) {
    if (changes.ResourceOrganizationName === null) {
      // Leaving the organization ends the membership and its role with it.
      for (const name of ["ResourceOrgRoleCode", "ResourceOrgMemRoleStartDate", "ResourceOrgMemRoleEndDate"]) if (!(name in changes)) attrs[name] = null;
    } else if (user.attrs.ResourceOrganizationName === null || user.attrs.ResourceOrganizationName === undefined) {
      attrs.ResourceOrgMemRoleStartDate ??= today(ctx);
      attrs.ResourceOrgMemRoleEndDate ??= END_OF_TIME;
    }
  }

  let accountStatus = user.accountStatus;
  if (CreateUserAccountFlag === true && accountStatus === null) {
    accountStatus = "A";
    attrs.Username = attrs.ResourceEmail;
  }
  if (UserStatus !== undefined && UserStatus !== null) {
    const endDated = String(attrs.ResourceEndDate) <= today(ctx);
    if (accountStatus === null) problems.add(ERR.rule, "UserStatus cannot be set: the resource has no user account (CreateUserAccountFlag).");
    else if (endDated) {
      problems.add(ERR.rule, `UserStatus cannot be set on an end-dated resource (ResourceEndDate ${attrs.ResourceEndDate}); move ResourceEndDate to a later date first or in the same request.`);
    } else accountStatus = UserStatus as "A" | "S";
  }

  const roleEdits = roleInput === undefined ? [] : readRoleEdits(user, roleInput, problems);
  checkRules(ctx, attrs, user, problems);
  problems.throwIfAny();

  // ADF writes nothing for an unchanged row: the change indicator and LastUpdateDate stay.
  if (sameValues(attrs, user.attrs) && accountStatus === user.accountStatus && roleEdits.length === 0) return userReply(ctx, user, 200);
  user.attrs = { ...attrs, LastUpdatedBy: ctx.caller.username, LastUpdateDate: timestampOf(ctx.now) };
  user.accountStatus = accountStatus;
  applyRoleEdits(roleEdits);
  user.revision += 1;
  return userReply(ctx, user, 200);
}

/** The phone country code lists the item's `lov` links point at. */
export function getLov(ctx: OracleContext, key: string, lov: string): VendorReply {
  const user = findUser(ctx, key);
  if (!LOVS.includes(lov)) throw new OracleError(404, [{ detail: `resourceUsers has no list of values ${lov}.`, code: "404" }]);
  const names = ["PhoneCountryCode", "TerritoryShortName"];
  const shape = parseShape(ctx.query, names, {});
  const items = oraclePhoneCountryCodes.map((row) => project(row, shape.fields));
  return jsonReply(200, collectionOf(items, parsePaging(ctx.query), `${userHref(ctx, user)}/lov/${lov}`, lov, shape), "collection");
}

