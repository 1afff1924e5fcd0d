/**
 * The user service's lookups (seed 001, chapter 3): the sites, role groups, departments,
 * billing units, platforms, agent desk settings, APM profiles and access collections a
 * user can point at, each of the caller's tenant only, paged like every list call.
 */
import type { VendorReply } from "../vendor";
import type { CceResultCode } from "./constants";
import type { AccessCollection, CceData, TenantRef } from "./tenant";
import { tenantUsers } from "./user-views";
import { JsonObject, answeringWrongTypes, failure, field, pageBy, readPaging, success } from "./wire";

/** A list call: reads paging, builds the tenant's rows, answers them under `listField`. */
function listCall<T>(
  ok: CceResultCode,
  failed: CceResultCode,
  listField: string,
  rows: (data: CceData, idProgram: number) => T[],
  idOf: (row: T) => number,
) {
  return (data: CceData, idProgram: number, body: JsonObject): VendorReply => {
    const paging = readPaging(body, failed);
    if ("reply" in paging) return paging.reply;
    const { page, pagingInfo } = pageBy(rows(data, idProgram), paging, idOf);
    return success(ok, { [listField]: page, pagingInfo });
  };
}

const own = <T extends { idProgram: number }>(rows: T[], idProgram: number) => rows.filter((row) => row.idProgram === idProgram);

/** BasicRefInfo. */
const basicRefInfo = (ref: TenantRef) => ({ code: ref.code, id: ref.id, name: ref.name, description: ref.description, allowedToEdit: true });

/** `POST protected/sites/getAllSites` → siteInfoList of SitesUserInfo. */
export const getAllSites = listCall("GET_ALL_SITES_SUCCESS", "GET_ALL_SITES_FAILED", "siteInfoList", (data, idProgram) =>
  own(data.sites, idProgram).map((site) => ({
    idProgramSite: site.id,
    idProgram: site.idProgram,
    programSiteNm: site.name,
    programSiteDesc: site.description,
    programSiteAddr1: null,
    programSiteAddr2: null,
    programSiteCity: site.city,
    programSiteState: null,
    programSiteZip: null,
    systemManaged: false,
    isInternal: false,
    allowedToEdit: true,
  })), (row) => row.idProgramSite);

/** `POST protected/roles/getAllRoles` → ProgramGroupInfo, under the document's field name `siteInfoList`. */
export const getAllRoles = listCall("GET_ALL_ROLES_SUCCESS", "GET_ALL_ROLES_FAILED", "siteInfoList", (data, idProgram) => {
  const users = tenantUsers(data, idProgram);
  return own(data.roleGroups, idProgram).map((group) => ({
    idProgramGroup: group.id,
    idProgram: group.idProgram,
    programGroupNm: group.name,
    programGroupDesc: group.description,
    deleted: false,
    systemManaged: group.systemManaged,
    idGroupType: 1,
    groupTypeCode: "ROLE",
    totalAssignedUsers: users.filter((u) => u.idProgramGroup === group.id).length,
    totalAssignedFeatures: 0,
  }));
}, (row) => row.idProgramGroup);

/** `POST protected/departments/getAllDepartments` → basicRefInfo. */
export const getAllDepartments = listCall("GET_ALL_DEPARTMENTS_SUCCESS", "GET_ALL_DEPARTMENTS_FAILED", "basicRefInfo",
  (data, idProgram) => own(data.departments, idProgram).map(basicRefInfo), (row) => row.id);

/** `POST protected/users/getAllBillingUnits` → basicRefInfo. */
export const getAllBillingUnits = listCall("GET_ALL_BILL_UNITS_SUCCESS", "GET_ALL_BILL_UNITS_FAILED", "basicRefInfo",
  (data, idProgram) => own(data.billingUnits, idProgram).map(basicRefInfo), (row) => row.id);

/** `POST protected/users/getAllPlatforms` → basicRefInfo: a platform is a peripheral, its id the platformId. */
export const getAllPlatforms = listCall("GET_ALL_PLATFORMS_SUCCESS", "GET_ALL_PLATFORMS_FAILED", "basicRefInfo", (data, idProgram) =>
  own(data.peripherals, idProgram).map((p) => ({ code: p.name, id: p.peripheralId, name: p.name, description: p.mediaRoutingDomainName, allowedToEdit: true })),
  (row) => row.id);

/** `POST protected/users/getAllAgentDeskSettings` → basicAgentDeskSettingsInfoList. */
export const getAllAgentDeskSettings = listCall("GET_AGENT_DESK_SETTINGS_SUCCESS", "GET_AGENT_DESK_SETTINGS_FAILED", "basicAgentDeskSettingsInfoList",
  (data, idProgram) => own(data.deskSettings, idProgram).map((d) => ({ agentDeskSettingsId: d.id, enterpriseName: d.name })),
  (row) => row.agentDeskSettingsId);

/** `POST protected/users/getAllApmProfiles` → basicProfileInfoList. */
export const getAllApmProfiles = listCall("GET_ALL_APM_PROFILES_SUCCESS", "GET_ALL_APM_PROFILES_FAILED", "basicProfileInfoList", (data, idProgram) => {
  const users = tenantUsers(data, idProgram);
  return own(data.apmProfiles, idProgram).map((p) => ({
    idProfile: p.id,
    profileNm: p.name,
    profileDesc: p.description,
    allowedToEdit: true,
    systemManaged: false,
    totalAssignedUsers: users.filter((u) => u.idProfile === p.id).length,
  }));
}, (row) => row.idProfile);

/**
 * `POST protected/access/getManageableAccessCollectionsForCloneUserObjectsByCriteria`: the
 * tenant's user and agent collections, split by whether `idProgramUserToClone` is in them.
 * The administrator manages every collection, so none is marked disabled. The four lists are
 * not paged (paging is read for its checks); pagingInfo counts every collection.
 */
export const getManageableAccessCollections = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const id = field.int(body, "idProgramUserToClone");
  const paging = readPaging(body, "GET_MANAGEABLE_ACCESS_COLLECTIONS_FAILED");
  if ("reply" in paging) return paging.reply;
  if (id === undefined) return failure("GET_MANAGEABLE_ACCESS_COLLECTIONS_FAILED", "idProgramUserToClone is required");
  const users = tenantUsers(data, idProgram);
  const source = users.find((u) => u.idProgramUser === id);
  if (!source) return failure("GET_MANAGEABLE_ACCESS_COLLECTIONS_FAILED", `no user ${id} in this tenant`);

  const collections = own(data.collections, idProgram);
  const info = (c: AccessCollection) => {
    const members = users.filter((u) => (c.kind === "USER" ? u.userCollectionIds : u.agentCollectionIds).includes(c.id)).length;
    return {
      idObjectType: c.kind === "USER" ? 1 : 2,
      objectTypeNm: c.kind === "USER" ? "User" : "Agent",
      idProgramCollection: c.id,
      programCollectionNm: c.name,
      programCollectionDesc: c.description,
      idProgram: c.idProgram,
      idProgramUser: source.idProgramUser,
      idCollectionType: c.kind === "USER" ? 1 : 2,
      collectionTypeNm: c.kind === "USER" ? "User Collection" : "Agent Collection",
      collectionTypeDesc: c.kind === "USER" ? "Collection of portal users" : "Collection of agents",
      on: true,
      manageAccessCollection: true,
      systemManaged: false,
      totalAssignedObjects: members,
      totalAssignedUsers: members,
      totalAssignedGroups: 0,
    };
  };
  const split = (kind: AccessCollection["kind"], selectedIds: number[]) => {
    const ofKind = collections.filter((c) => c.kind === kind);
    return [ofKind.filter((c) => selectedIds.includes(c.id)).map(info), ofKind.filter((c) => !selectedIds.includes(c.id)).map(info)];
  };
  const [userSelected, userNotSelected] = split("USER", source.userCollectionIds);
  const [agentSelected, agentNotSelected] = split("AGENT", source.agentCollectionIds);
  return success("GET_MANAGEABLE_ACCESS_COLLECTIONS_SUCCESS", {
    accessibleUserCollectionNotSelectedList: userNotSelected,
    accessibleUserCollectionSelectedList: userSelected,
    accessibleAgentCollectionNotSelectedList: agentNotSelected,
    accessibleAgentCollectionSelectedList: agentSelected,
    pagingInfo: { totalPages: 1, totalElements: collections.length },
  });
});
