/**
 * The CCE portal's result constants (`codeMessage`, seed 001 chapter 8) with their meanings
 * in English: login, logout, authorizeUserToTenant, the skill service (skill groups, precision
 * queues, attributes, agents' skills and attributes) and the user service with its lookups. The
 * whole section of each API is listed, including constants the emulator never sends, so the
 * provider can explain whatever a real portal answers. The provider quotes these in every
 * API error; the emulator answers with them.
 */

/** Each constant mapped to what it means. */
export const cceResultCodes = {
  // Login API
  INVALID_LOGIN_NAME: "The user name passed is invalid.",
  INVALID_LOGIN_NAME_NOT_IN_EXPECTED_FORMAT:
    "The user name is not in the expected format <mgmt.username>@<Tenant Instance ID> (a 3-character tenant code).",
  LDAP_AUTHENTICATION_FAILED: "Authentication failed because the password is invalid.",
  LDAP_AUTHENTICATION_FAILED_PASSWORD_EXPIRED: "Authentication failed because the password has expired.",
  LDAP_AUTHENTICATION_FAILED_ACCOUNT_EXPIRED: "Authentication failed because the account has expired.",
  LDAP_AUTHENTICATION_FAILED_ACCOUNT_DISABLED: "Authentication failed because the account is disabled.",
  LDAP_AUTHENTICATION_FAILED_ACCOUNT_LOCKED: "Authentication failed because the account is locked.",
  LDAP_AUTHORIZATION_FAILED:
    "Authentication succeeded, but authorization failed: the user is not a member of the expected AD security group.",
  LDAP_AUTHENTICATION_FAILED_USER_NOT_FOUND: "Authentication failed because the user was not found in AD.",
  LOGIN_NOT_ENABLED_FOR_USER: "Authentication failed because the user is not allowed to log in to the portal.",
  TENANT_SELECTION_REQUIRED:
    "Authentication succeeded and the partner user can access several tenants: call authorizeUserToTenant with one of them.",
  USER_AUTHENTICATED_SUCCESSFULLY:
    "The user was authenticated and authorized; send the returned userToken as authToken in every later request.",
  USER_MUST_CHANGE_PASSWORD: "The user was authenticated but must change the password.",

  // Logout API
  LOGOUT_SUCCESSFUL: "Logged out.",
  // The document gives this constant only in translation ("ユーザーはすでにログアウトしています",
  // "the user is already logged out"); the identifier is a back-translation.
  USER_ALREADY_LOGGED_OUT: "Logout failed, or there is no active session.",

  // AuthorizeUserToTenant API. The document splits REQD_LOGIN_NM_MISSING over two table rows.
  AUTHORIZE_USER_TO_TENANT_FAILED: "Unexpected error while authorizing the user to the tenant.",
  AUTHORIZE_USER_TO_TENANT_FAILED_REQD_LOGIN_NM_MISSING: "The username field is missing from the request.",
  AUTHORIZE_USER_TO_TENANT_FAILED_REQD_ID_PROGRAM_MISSING: "The idProgram field is missing from the request.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION:
    "A maximum number of sessions is defined and this user's sessions on the tenant have reached it.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_NOT_AUTHORIZED: "The user is not allowed to access the portal.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_DATA_PROBLEM_FOUND_DUPLICATE:
    "A data problem was found; contact support if it persists.",
  AUTHORIZE_USER_TO_TENANT_FAILED_TENANT_NOT_FOUND: "The idProgram passed does not match any tenant of this user.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_TOKEN_DOES_NOT_MATCH: "The JSESSIONID passed in the cookie does not match.",

  // GetSkillGroups API
  GET_SKILL_GROUPS_SUCCESS: "Success.",
  GET_SKILL_GROUPS_FAILED: "Unexpected error while reading skill groups.",

  // SaveSkillGroup API
  SAVE_SKILL_GROUP_SUCCESS: "Success.",
  SAVE_SKILL_GROUP_FAILED: "Unexpected error while saving the skill group.",
  BAD_REQUEST_SKILL_GROUP_ID_REQUIRED: "A required field is missing: the skill group id (skillGroupSkillTargetId).",
  BAD_REQUEST_SKILL_GROUP_NAME_REQUIRED: "A required field is missing: the skill group name (skillGroupPeripheralName).",
  BAD_REQUEST_PERIPHERAL_ID_REQUIRED: "A required field is missing: peripheralID.",
  BAD_REQUEST_SERVICE_THRESHOLD_LEVEL_REQUIRED: "A required field is missing: serviceLevelThreshold.",
  // The document gives no description for these two.
  SKILL_GROUP_NOT_FOUND_ERROR: "The skill group was not found.",
  SKILL_GROUPS_ALREADY_EXISTS_ERROR: "A skill group with this name already exists on the peripheral.",
  CONAPI_ERROR_UNABLE_TO_UPDATE_ICM: "Creating or updating the skill group in ICM failed.",

  // GetAllAttributes API
  GET_ALL_ATTRIBUTES_SUCCESS: "Success.",
  GET_ALL_ATTRIBUTES_FAILED: "Unexpected error while reading attributes.",

  // GetAllPrecisionQueues API
  GET_ALL_PQ_SUCCESS: "Success.",
  GET_ALL_PQ_FAILED: "Unexpected error while reading precision queues.",

  // GetPQByID API
  GET_PQ_BY_ID_SUCCESS: "Success.",
  GET_PQ_BY_ID_FAILED: "Unexpected error while reading the precision queue.",

  // UpdatePrecisionQueue API. The document's table also lists SET_USER_STATUS_FAILED_INVALID_LOGIN_NM
  // here, apparently copied from the SetUserStatus table; it is left to that API's section.
  UPDATE_PQ_SUCCESS: "Success.",
  UPDATE_PQ_FAILED: "Unexpected error while updating the precision queue.",

  // GetAllAgents API
  GET_ALL_AGENTS_SUCCESS: "Success.",
  GET_ALL_AGENTS_FAILED: "Unexpected error while reading agents.",

  // GetAgentsForSkill API
  GET_AGENTS_FOR_SKILL_SUCCESS: "Success.",
  GET_AGENTS_FOR_SKILL_FAILED: "Unexpected error while reading the agents of the skill group.",

  // GetSkillsForAgent API
  GET_SKILLS_FOR_AGENT_SUCCESS: "Success.",
  GET_SKILLS_FOR_AGENT_FAILED: "Unexpected error while reading the skill groups of the agent.",

  // SaveSkillsToAgent API (CONAPI_ERROR_UNABLE_TO_UPDATE_ICM is shared with SaveSkillGroup)
  SAVE_SKILLS_TO_AGENT_SUCCESS: "Success.",
  SAVE_SKILLS_TO_AGENT_FAILED: "Unexpected error while adding or removing the agent's skill groups.",
  BAD_REQUEST_AGENT_ID_REQD: "A required field is missing: the agent (agentIdProgramUser or agentSkillTargetId).",

  // SaveAgentsToSkill API: the document lists the SAVE_SKILL_GROUP_* constants for it (kept,
  // with the SaveSkillGroup section above), BAD_REQUEST_SKILL_GROUP_ID_REQUIRED,
  // BAD_REQUEST_SKILL_GROUP_NAME_REQUIRED, BAD_REQUEST_PERIPHERAL_ID_REQUIRED and
  // CONAPI_ERROR_UNABLE_TO_UPDATE_ICM; all are defined above.

  // SaveAttributesToAgent API. The document gives no description for the last two.
  SAVE_ATTR_TO_AGENT_SUCCESS: "Success.",
  SAVE_ATTR_TO_AGENT_FAILED: "Unexpected error while saving attributes to agents.",
  SAVE_ATTRIBUTE_CC_API_FAILURE: "Saving the attribute through the contact center API failed.",
  MAXIMUM_SUPERVISORS_PER_TEAM_ERROR: "The team already has the maximum number of supervisors.",

  // UpdateAgentAttributes API (the document's double underscore kept)
  UPDATE_AGENT_ATTRIBUTES__SUCCESS: "Success.",
  UPDATE_AGENT_ATTRIBUTES_FAILED: "Unexpected error while removing the attribute from the agent.",

  // CloneUser API
  CLONE_USER_SUCCESS: "Success.",
  CLONE_USER_FAILED: "Unexpected error while cloning the user.",
  CLONE_USER_FAILED_INVALID_ID_USER: "The srcIdUser passed is invalid.",
  CLONE_USER_FAILED_INVALID_CLONED_USER_LOGIN_NM: "The loginNm passed for the new user is invalid.",
  CLONE_USER_FAILED_INVALID_CLONED_USER_FIRST_NM: "The new user's first name is invalid.",
  CLONE_USER_FAILED_INVALID_CLONED_USER_FIRST_NM_LAST_NM: "The new user's first and last names are invalid.",
  CLONE_USER_FAILED_INVALID_CLONED_USER_LAST_NM: "The new user's last name is invalid.",
  CLONE_USER_FAILED_INVALID_CLONED_USER_PHONE_NUM: "The new user's phone number is invalid.",
  CLONE_USER_FAILED_ONLY_NUMBERS_ALLOWED_PHONE_NUM: "The new user's phone number contains characters other than digits.",
  CLONE_USER_FAILED_INVALID_CLONE_USER_EMAIL: "The new user's e-mail address is invalid.",
  CLONE_USER_FAILED_INCORRECT_PROGRAM_ASSOCIATION: "Unexpected data problem with the source user (tenant association).",
  CLONE_USER_FAILED_INCORRECT_AGENT_ASSOCIATION: "Unexpected data problem with the source user (agent association).",
  CLONE_USER_FAILED_INCORRECT_PLATFORM_ASSOCIATION: "Unexpected data problem with the source user (platform association).",
  CLONE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS: "This first and last name combination already exists in the portal.",
  CLONE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS_IN_AD: "This first and last name combination already exists in AD.",
  CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS: "The user already exists in the portal.",
  CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS_IN_AD:
    "The user already exists in AD; if that is intended, send the cloneUser request again with reUseADUser true.",
  CLONE_USER_FAILED_TO_CREATE_USER_IN_AD: "Creating the user in AD failed.",
  CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED: "Cloning an agent or supervisor needs an AgentID (aka PeripheralNumber).",
  CLONE_USER_FAILED_INVALID_CLONED_AGENT_ENTERPRISE_NM: "The enterprise name passed for the agent is invalid.",
  CLONE_USER_FAILED_TO_SETUP_AGENT_OR_SUPERVISOR_IN_ICM: "Setting up the agent or supervisor in ICM failed.",
  CLONE_USER_FAILED_TO_CLONE_AGENT_TEAM: "Adding the agent or supervisor to the agent team failed.",
  CLONE_USER_FAILED_TO_CLONE_AGENT_DESK_SETTINGS: "Copying the agent desk settings from the source to the new user failed.",
  CLONE_USER_FAILED_TO_CLONE_AGENT_SKILL_GROUPS: "Copying the skill groups from the source to the new user failed.",
  CLONE_USER_FAILED_TO_CLONE_USER_GROUPS: "Copying the access groups from the source to the new user failed.",
  CLONE_USER_FAILED_TO_CLONE_USER_COLLECTIONS: "Not used.",
  CLONE_USER_FAILED_TO_CLONE_USER_SETTINGS: "Copying the user settings (such as LaunchPad settings) from the source to the new user failed.",
  CLONE_USER_FAILED_TO_CLONE_PRECISION_QUEUES_ATTRIBUTES: "Copying the precision queue attributes from the source to the new user failed.",
  // The document gives no description for these two.
  CLONE_USER_FAILED_AGENT_ID_ALREADY_IN_USE: "The agent id is already used by another agent on this platform.",
  CLONE_USER_FAILED_INVALID_SOURCE_USER_NAME: "The srcUserName passed does not name a user.",
  CLONE_USER_FAILED_USER_TYPE_NOT_FOUND: "The user type passed is invalid.",
  CLONE_USER_FAILED_NOT_ALLOWED_TO_CREATE_OWNER: "A user cannot be created as OWNER (a partner-level account).",

  // UpdateUser API. The document splits ..._CANNOT_BE_DEMOTE_FROM_PROGRAM_OWNER_TO_ADMIN_USER
  // over two table rows, and its descriptions of LOGGED_IN_USER_TYPE_NOT_FOUND,
  // REQUESTED_USER_TYPE_NOT_FOUND and AGENT_SUPERVISOR_NOT_FOUND are copied from the
  // ResetPassword table; the meanings below follow the constants' names.
  UPDATE_USER_SUCCESS: "Success.",
  UPDATE_USER_FAILED: "Unexpected error while updating the user (for example idProgramSite null or 0).",
  UPDATE_USER_FAILED_AGENT_ID_ALREADY_IN_USE:
    "The agent id passed is already used by another user; if that is intended, call updateUser with reuseAgentId true.",
  UPDATE_USER_FAILED_NON_OWNER_UPDATING_TO_ADMIN:
    "The logged-in user may not make a user a portal administrator; log in as a partner user.",
  UPDATE_USER_FAILED_LOGGED_IN_USER_TYPE_NOT_FOUND: "The logged-in user's type was not found.",
  UPDATE_USER_FAILED_REQUESTED_USER_TYPE_NOT_FOUND: "The requested user type (userTypeCode) was not found.",
  UPDATE_USER_FAILED_AGENT_SUPERVISOR_NOT_FOUND: "The agent or supervisor was not found in ICM.",
  UPDATE_USER_FAILED_ID_PROGRAM_USER_NOT_FOUND: "The idProgramUser passed was not found.",
  UPDATE_USER_FAILED_PLATFORM_ID_NOT_PROVIDED:
    "Updating an agent or supervisor needs the platform id (aka peripheral id), and the request has none.",
  UPDATE_USER_FAILED_PLATFORM_CANNOT_BE_CHANGED: "The platform (aka peripheral) of an agent or supervisor cannot be changed.",
  UPDATE_USER_FAILED_PLATFORM_SHOULD_BE_NULL: "A non-contact-center user must be updated with platform id null.",
  UPDATE_USER_FAILED_INVALID_AGENT_ID: "The agent id (aka peripheral number) passed is invalid.",
  UPDATE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS: "This first and last name combination already exists.",
  UPDATE_USER_FAILED_USER_CANNOT_BE_DEMOTE_FROM_PROGRAM_OWNER_TO_ADMIN_USER:
    "An owner account cannot be changed into a portal administrator.",
  UPDATE_USER_FAILED_PHONE_LENGTH_ERROR: "The phone number must be 5 to 15 characters long.",
  UPDATE_USER_FAILED_PHONE_ONLY_NUMBERS_ALLOWED: "The phone number must contain digits only.",
  UPDATE_USER_FAILED_INVALID_FIRST_NM: "The first name is not valid (it contains a space).",
  UPDATE_USER_FAILED_INVALID_LAST_NM: "The last name is not valid (it contains a space).",
  UPDATE_USER_FAILED_INVALID_LOGIN_NM:
    "loginNm is missing, not found in the portal, has a wrong tenant suffix or is not in the expected format.",
  UPDATE_USER_FAILED_FIRST_NM_REQUIRED: "The first name is required but was not passed.",
  UPDATE_USER_FAILED_LAST_NM_REQUIRED: "The last name is required but was not passed.",
  UPDATE_USER_FAILED_INVALID_ENTERPRISE_NM:
    "The enterprise name is not valid: no spaces, only letters, digits, '.' and '_', not starting with '.' or '_'.",
  // The document's description ("the FirstNm and LastNm combination already exists") is
  // copied from another row; the meaning follows the constant's name.
  UPDATE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS: "The login name already exists.",

  // ResetPassword API
  RESET_PASSWORD_SUCCESS: "Success.",
  RESET_PASSWORD_FAILED: "Unexpected error while resetting the password.",
  RESET_PASSWORD_FAILED_USER_NOT_FOUND: "No user with this user name was found in the portal.",
  SYSTEM_ERROR_AD_RESET_PASSWORD_FAILED: "Resetting the password in AD failed.",
  RESET_PASSWORD_ICM_FAILED_PERSON_NOT_FOUND: "The agent or supervisor was not found in ICM.",
  RESET_ICM_PASSWORD_NOT_ALLOWED_FOR_NON_CONTACT_USERS: "Only agents and supervisors have an ICM password.",
  SYSTEM_ERROR_RESET_PASSWORD_ICM_FAILED: "Resetting the password in ICM failed.",

  // SetUserStatus API
  SET_USER_STATUS_SUCCESS: "Success.",
  SET_USER_STATUS_FAILED: "Unexpected error while setting the user's status.",
  SET_USER_STATUS_FAILED_INVALID_LOGIN_NM: "No user with this user name was found in the portal.",

  // EnableDisableUserInICM API (the document's spelling IMC kept)
  ENABLE_DISABLE_USER_IN_IMC_SUCCESS: "Success.",
  ENABLE_DISABLE_USER_IN_IMC_FAILED: "Unexpected error while enabling or disabling the user in ICM.",

  // EnableDisableUserInPortal API
  ENABLE_DISABLE_USER_IN_PORTAL_SUCCESS: "Success.",
  ENABLE_DISABLE_USER_IN_PORTAL_FAILED: "Unexpected error while enabling or disabling the user in the portal.",

  // DeleteUser API
  DELETE_USER_SUCCESS: "Success.",
  DELETE_USER_FAILED: "Unexpected error while deleting the user.",

  // GetUsers and GetUserByIdProgram APIs (GetUserByIdProgram also lists BAD_REQUEST: searchId missing)
  GET_USERS_SUCCESS: "Success.",
  GET_USERS_FAILED: "Unexpected error while reading users.",

  // GetAccessSummaryByUser API
  GET_ACCESS_SUMMARY_BY_USER_SUCCESS: "Success.",
  GET_ACCESS_SUMMARY_BY_USER_FAILED: "Unexpected error while reading the user's access summary.",
  GET_ACCESS_SUMMARY_BY_USER_FAILED_PROGRAM_USER_NOT_FOUND: "The idProgramUser passed was not found.",

  // Lookups: GetAllSites, GetAllRoles, GetAllDepartments, GetAllBillingUnits, GetAllPlatforms,
  // GetAllAgentDeskSettings, GetAllApmProfiles.
  GET_ALL_SITES_SUCCESS: "Success.",
  GET_ALL_SITES_FAILED: "Unexpected error while reading sites.",
  GET_ALL_ROLES_SUCCESS: "Success.",
  GET_ALL_ROLES_FAILED: "Unexpected error while reading role groups.",
  GET_ALL_DEPARTMENTS_SUCCESS: "Success.",
  GET_ALL_DEPARTMENTS_FAILED: "Unexpected error while reading departments.",
  GET_ALL_BILL_UNITS_SUCCESS: "Success.",
  GET_ALL_BILL_UNITS_FAILED: "Unexpected error while reading billing units.",
  GET_ALL_PLATFORMS_SUCCESS: "Success.",
  GET_ALL_PLATFORMS_FAILED: "Unexpected error while reading platforms.",
  GET_AGENT_DESK_SETTINGS_SUCCESS: "Success.",
  GET_AGENT_DESK_SETTINGS_FAILED: "Unexpected error while reading agent desk settings.",
  GET_ALL_APM_PROFILES_SUCCESS: "Success.",
  GET_ALL_APM_PROFILES_FAILED: "Unexpected error while reading agent property management profiles.",

  // Not in chapter 8: the document lists no constants for
  // GetManageableAccessCollectionsForCloneUserObjectsByCriteria; these two are ours.
  GET_MANAGEABLE_ACCESS_COLLECTIONS_SUCCESS: "Success.",
  GET_MANAGEABLE_ACCESS_COLLECTIONS_FAILED: "Unexpected error while reading the manageable access collections.",

  // Not in chapter 8. The document lists HTTP 401 ("not authorized") for every protected
  // call but no constant for it; USER_NOT_AUTHENTICATED is the emulator's own name.
  USER_NOT_AUTHENTICATED:
    "No valid session: the JSESSIONID cookie or authToken is missing or wrong, or the session ended (30 minutes idle, 12 hours after login).",
  // Not in chapter 8: the body of the document's "404 - bad request" answer.
  BAD_REQUEST: "The request body is not valid JSON for this call.",
  // Not in chapter 8: the body of the document's "415 - unsupported" answer.
  UNSUPPORTED_MEDIA_TYPE: "The request must be sent with Content-Type: application/json.",
} as const satisfies Record<string, string>;

export type CceResultCode = keyof typeof cceResultCodes;

/** The meaning of a `codeMessage`, or a note that the constant is not one this map knows. */
export function meaningOf(constant: string): string {
  return Object.hasOwn(cceResultCodes, constant)
    ? cceResultCodes[constant as CceResultCode]
    : "not a constant the CCE document lists";
}
