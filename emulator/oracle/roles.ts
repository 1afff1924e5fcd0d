/**
 * The ResourceRoleAssign child of a resource user: the roles assigned to it with their
 * active dates. Served at `.../resourceUsers/{id}/child/ResourceRoleAssign[/{RoleRelateId}]`
 * (GET, POST, PATCH, DELETE) and reachable inline: expanded in reads, created with the user,
 * end-dated through the user's PATCH (the only child attribute the seed's PATCH lists).
 */
import type { VendorReply } from "../vendor";
import { ROLE_ATTRIBUTES, ROLE_ATTRIBUTE_NAMES, readAttributes } from "./attributes";
import {
  OracleContext, findRole, findUser, roleById, roleChangeIndicator, roleHref, roleView, rolesHref, userHref,
} from "./model";
import { Link, Paging, Shape, collectionOf, filterLinks, parsePaging, parseQ, parseShape, project, satisfies } from "./query";
import { END_OF_TIME, ResourceUserRecord, RoleAssignment } from "./tenant";
import { ERR, JsonObject, Problems, checkIfMatch, jsonReply } from "./wire";

const RESOURCE = "ResourceRoleAssign";

function roleLinks(ctx: OracleContext, user: ResourceUserRecord, role: RoleAssignment): Link[] {
  const href = roleHref(ctx, user, role);
  return [
    { rel: "self", href, name: RESOURCE, kind: "item", properties: { changeIndicator: roleChangeIndicator(user, role) } },
    { rel: "canonical", href, name: RESOURCE, kind: "item" },
    { rel: "parent", href: userHref(ctx, user), name: "resourceUsers", kind: "item" },
  ];
}

export function renderRole(ctx: OracleContext, user: ResourceUserRecord, role: RoleAssignment, shape: Shape): JsonObject {
  const item = project(roleView(user, role), shape.fields);
  if (!shape.onlyData) item.links = filterLinks(roleLinks(ctx, user, role), shape);
  return item;
}

/** The child as it appears inside an expanded user: an array before framework 3, a collection from 3 on. */
export function renderExpandedRoles(ctx: OracleContext, user: ResourceUserRecord, parentShape: Shape): unknown {
  const shape: Shape = { ...parentShape, fields: parentShape.children.get(RESOURCE), children: new Map() };
  const items = user.roles.map((role) => renderRole(ctx, user, role, shape));
  if (ctx.framework < 3) return items;
  const paging: Paging = { limit: 25, offset: 0, totalResults: false };
  return collectionOf(items, paging, rolesHref(ctx, user), RESOURCE, shape);
}

function roleReply(ctx: OracleContext, user: ResourceUserRecord, role: RoleAssignment, status: number, extra: Record<string, string> = {}): VendorReply {
  const shape = parseShape(ctx.query, ROLE_ATTRIBUTE_NAMES, {});
  return jsonReply(status, renderRole(ctx, user, role, shape), "item", { etag: roleChangeIndicator(user, role), ...extra });
}

export function listRoles(ctx: OracleContext, key: string): VendorReply {
  const user = findUser(ctx, key);
  const shape = parseShape(ctx.query, ROLE_ATTRIBUTE_NAMES, {});
  const paging = parsePaging(ctx.query);
  const q = ctx.query.get("q");
  const conditions = q === null ? [] : parseQ(q, ctx.framework, ROLE_ATTRIBUTE_NAMES);
  const rows = user.roles.filter((role) => satisfies(roleView(user, role), conditions));
  const items = rows.map((role) => renderRole(ctx, user, role, shape));
  return jsonReply(200, collectionOf(items, paging, rolesHref(ctx, user), RESOURCE, shape), "collection");
}

export function getRole(ctx: OracleContext, key: string, relateId: string): VendorReply {
  const user = findUser(ctx, key);
  return roleReply(ctx, user, findRole(user, relateId), 200);
}

export interface NewRole {
  RoleId: number;
  StartDateActive: string;
  EndDateActive: string | null;
}

/** Reads one role to add (`RoleId` required, dates default from the user's hire date); problems are collected. */
export function readNewRole(body: JsonObject, hireDate: string, problems: Problems, where = RESOURCE): NewRole | undefined {
  const before = problems.list.length;
  const values = readAttributes(body, ROLE_ATTRIBUTES, "create", where, problems);
  if (values.RoleId === undefined || values.RoleId === null) {
    if (!("RoleId" in body) || body.RoleId === null) problems.add(ERR.required, `Attribute RoleId in ${where} is required.`);
  } else if (!roleById(values.RoleId)) {
    problems.add(ERR.rule, `RoleId ${values.RoleId} is not a resource role.`);
  }
  if (values.StartDateActive === null) problems.add(ERR.required, `Attribute StartDateActive in ${where} cannot be null.`);
  if (problems.list.length > before) return undefined;
  const role: NewRole = {
    RoleId: values.RoleId as number,
    // The seed: a role added without a start date starts on the resource's hire date.
    StartDateActive: (values.StartDateActive as string | undefined) ?? hireDate,
    EndDateActive: (values.EndDateActive as string | null | undefined) ?? null,
  };
  checkRange(role, problems, where);
  return role;
}

function checkRange(role: { StartDateActive: string; EndDateActive: string | null }, problems: Problems, where: string): boolean {
  if (role.EndDateActive !== null && role.EndDateActive < role.StartDateActive) {
    problems.add(ERR.rule, `${where}: EndDateActive ${role.EndDateActive} is before StartDateActive ${role.StartDateActive}.`);
    return false;
  }
  return true;
}

/** Whether two assignments of the same role have active periods that meet. */
function overlaps(a: { StartDateActive: string; EndDateActive: string | null }, b: { StartDateActive: string; EndDateActive: string | null }): boolean {
  return a.StartDateActive <= (b.EndDateActive ?? END_OF_TIME) && b.StartDateActive <= (a.EndDateActive ?? END_OF_TIME);
}

/** Reports a role assigned twice over overlapping periods, among `roles` (the user's, and new ones). */
export function checkNoOverlap(roles: Array<NewRole & { RoleRelateId?: number }>, problems: Problems): void {
  for (let i = 0; i < roles.length; i += 1) {
    for (let j = i + 1; j < roles.length; j += 1) {
      if (roles[i].RoleId === roles[j].RoleId && overlaps(roles[i], roles[j])) {
        const code = roleById(roles[i].RoleId)?.RoleCode ?? roles[i].RoleId;
        problems.add(ERR.duplicate, `Role ${code} is already assigned to the resource for an overlapping period.`);
        return;
      }
    }
  }
}

export function addRole(ctx: OracleContext, user: ResourceUserRecord, role: NewRole): RoleAssignment {
  const assignment: RoleAssignment = { RoleRelateId: ctx.data.nextRoleRelateId++, ...role, revision: 1 };
  user.roles.push(assignment);
  return assignment;
}

export function createRole(ctx: OracleContext, key: string, body: JsonObject): VendorReply {
  const user = findUser(ctx, key);
  const problems = new Problems();
  const role = readNewRole(body, String(user.attrs.HireDate), problems);
  if (role) checkNoOverlap([...user.roles, role], problems);
  problems.throwIfAny();
  const assignment = addRole(ctx, user, role!);
  user.revision += 1;
  return roleReply(ctx, user, assignment, 201, { location: roleHref(ctx, user, assignment) });
}

/** Applies a role's date changes after checking them; answers whether anything changed. */
function changeDates(user: ResourceUserRecord, role: RoleAssignment, values: JsonObject, problems: Problems, where: string): boolean {
  if (values.StartDateActive === null) problems.add(ERR.required, `Attribute StartDateActive in ${where} cannot be null.`);
  const next = {
    RoleId: role.RoleId,
    StartDateActive: typeof values.StartDateActive === "string" ? values.StartDateActive : role.StartDateActive,
    EndDateActive: "EndDateActive" in values ? (values.EndDateActive as string | null) : role.EndDateActive,
  };
  if (!checkRange(next, problems, where)) return false;
  checkNoOverlap([...user.roles.filter((r) => r !== role), next], problems);
  return next.StartDateActive !== role.StartDateActive || next.EndDateActive !== role.EndDateActive;
}

export function patchRole(ctx: OracleContext, key: string, relateId: string, body: JsonObject): VendorReply {
  const user = findUser(ctx, key);
  const role = findRole(user, relateId);
  checkIfMatch(ctx.headers, roleChangeIndicator(user, role));
  const problems = new Problems();
  const values = readAttributes(body, ROLE_ATTRIBUTES, "update", RESOURCE, problems);
  problems.throwIfAny();
  const changed = changeDates(user, role, values, problems, RESOURCE);
  problems.throwIfAny();
  if (changed) {
    if (typeof values.StartDateActive === "string") role.StartDateActive = values.StartDateActive;
    if ("EndDateActive" in values) role.EndDateActive = values.EndDateActive as string | null;
    role.revision += 1;
    user.revision += 1;
  }
  return roleReply(ctx, user, role, 200);
}

export function deleteRole(ctx: OracleContext, key: string, relateId: string): VendorReply {
  const user = findUser(ctx, key);
  const role = findRole(user, relateId);
  checkIfMatch(ctx.headers, roleChangeIndicator(user, role));
  user.roles = user.roles.filter((r) => r !== role);
  user.revision += 1;
  return { status: 204 };
}

/** A change to an existing assignment carried by the user's PATCH: only its end date. */
export interface RoleEdit {
  role: RoleAssignment;
  EndDateActive: string | null;
}

/**
 * Reads the `ResourceRoleAssign` array of a user's PATCH: each element names an existing
 * assignment by `RoleRelateId` and may set `EndDateActive`, the one child attribute the
 * seed's PATCH request lists. Adding or removing roles goes through the child resource.
 */
export function readRoleEdits(user: ResourceUserRecord, value: unknown, problems: Problems): RoleEdit[] {
  const where = "resourceUsers.ResourceRoleAssign";
  if (!Array.isArray(value)) {
    problems.add(ERR.badValue, `${where} must be an array of {RoleRelateId, EndDateActive}.`);
    return [];
  }
  const edits: RoleEdit[] = [];
  for (const element of value) {
    if (typeof element !== "object" || element === null || Array.isArray(element)) {
      problems.add(ERR.badValue, `${where} elements must be objects, got ${JSON.stringify(element)}.`);
      continue;
    }
    const { RoleRelateId: relateId, ...rest } = element as JsonObject;
    if (relateId === undefined || relateId === null) {
      problems.add(ERR.required, `${where}: RoleRelateId is required in a PATCH; add a role with POST ${RESOURCE} on the child resource.`);
      continue;
    }
    const role = user.roles.find((r) => r.RoleRelateId === relateId);
    if (!role) {
      problems.add(ERR.notFound, `${where}: the resource has no role assignment ${JSON.stringify(relateId)}.`);
      continue;
    }
    for (const name of Object.keys(rest)) {
      if (name !== "EndDateActive" && name !== "links") {
        problems.add(ERR.readOnly, `${where}: only EndDateActive can be changed through the resource user's PATCH, not ${name}; use the child resource.`);
      }
    }
    if (!("EndDateActive" in rest)) continue;
    const values = readAttributes({ EndDateActive: rest.EndDateActive }, ROLE_ATTRIBUTES, "update", where, problems);
    if (!("EndDateActive" in values)) continue;
    if (changeDates(user, role, values, problems, where)) edits.push({ role, EndDateActive: values.EndDateActive as string | null });
  }
  return edits;
}

export function applyRoleEdits(edits: RoleEdit[]): void {
  for (const edit of edits) {
    edit.role.EndDateActive = edit.EndDateActive;
    edit.role.revision += 1;
  }
}
