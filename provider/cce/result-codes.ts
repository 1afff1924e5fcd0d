/**
 * The CCE portal's result constants (`codeMessage`, seed 001 chapter 8) with their meanings
 * in English: login, logout, authorizeUserToTenant, getSkillGroups, saveSkillGroup, getAllAttributes,
 * getAllPrecisionQueues, getPQByID and updatePrecisionQueue. The
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
