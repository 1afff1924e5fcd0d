/**
 * The CCE portal's result constants (seed 001, chapter 8) with their meanings in English.
 * The provider quotes these in every API error; the emulator answers with them.
 * Constants the document gives only in translation carry a comment saying so.
 */
export const cceResultCodes = {
  // Login API
  USER_AUTHENTICATED_SUCCESSFULLY: "The user was authenticated and authorized.",
  TENANT_SELECTION_REQUIRED:
    "Authentication succeeded and the partner user can access several tenants: call authorizeUserToTenant with one of them.",
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
  USER_MUST_CHANGE_PASSWORD: "The user was authenticated but must change the password before using the API.",
  // Logout API
  LOGOUT_SUCCESSFUL: "Logged out.",
  /** The document gives this one only in translation ("the user is already logged out"). */
  USER_ALREADY_LOGGED_OUT: "Logout failed: there is no active session.",
  // authorizeUserToTenant API
  AUTHORIZE_USER_TO_TENANT_FAILED: "Unexpected error while authorizing the user to the tenant.",
  AUTHORIZE_USER_TO_TENANT_FAILED_REQD_LOGIN_NM_MISSING: "The username field is missing from the request.",
  AUTHORIZE_USER_TO_TENANT_FAILED_REQD_ID_PROGRAM_MISSING: "The idProgram field is missing from the request.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION:
    "The tenant's maximum number of concurrent sessions for this user is reached.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_NOT_AUTHORIZED: "The user is not allowed to access the portal.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_DATA_PROBLEM_FOUND_DUPLICATE:
    "A data problem was found; contact support if it persists.",
  AUTHORIZE_USER_TO_TENANT_FAILED_TENANT_NOT_FOUND: "The idProgram passed does not match any tenant of this user.",
  AUTHORIZE_USER_TO_TENANT_FAILED_USER_TOKEN_DOES_NOT_MATCH: "The JSESSIONID cookie passed does not match.",
  /** HTTP 401: the document lists the status but no constant; this is the emulator's and the client's name for it. */
  USER_NOT_AUTHENTICATED: "The session is missing, expired (30 minutes idle or 12 hours after login) or invalid.",
  BAD_REQUEST: "The request was malformed.",
  // GetSkillGroups API
  GET_SKILL_GROUPS_SUCCESS: "Success.",
  GET_SKILL_GROUPS_FAILED: "Unexpected error while reading skill groups.",
  // SaveSkillGroup API
  SAVE_SKILL_GROUP_SUCCESS: "Success.",
  SAVE_SKILL_GROUP_FAILED: "Unexpected error while saving the skill group.",
  BAD_REQUEST_SKILL_GROUP_ID_REQUIRED: "A required field is missing: the skill group id.",
  BAD_REQUEST_SKILL_GROUP_NAME_REQUIRED: "A required field is missing: the skill group name.",
  BAD_REQUEST_PERIPHERAL_ID_REQUIRED: "A required field is missing: peripheralId.",
  BAD_REQUEST_SERVICE_THRESHOLD_LEVEL_REQUIRED: "A required field is missing: serviceLevelThreshold.",
  SKILL_GROUP_NOT_FOUND_ERROR: "The skill group was not found.",
  SKILL_GROUPS_ALREADY_EXISTS_ERROR: "A skill group with this name already exists on the peripheral.",
  CONAPI_ERROR_UNABLE_TO_UPDATE_ICM: "Creating or updating the skill group in ICM failed.",
} as const;

export type CceResultCode = keyof typeof cceResultCodes;

export function meaningOf(constant: string): string {
  return (cceResultCodes as Record<string, string>)[constant] ?? "not a constant the CCE document lists";
}
