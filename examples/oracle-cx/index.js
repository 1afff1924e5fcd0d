// Oracle CX resource users, declared as code: a new sales representative with a resource role,
// and an existing manager adopted (taken over, never duplicated) to keep their phone number
// current. Connection: oracle:url, oracle:username, secret oracle:password (or ORACLE_* variables).
//   pulumi config set oracle:url https://servername.fa.us2.oraclecloud.com
//   pulumi config set oracle:username sales_cloud_user
//   pulumi config set --secret oracle:password
const { ResourceUser, getChatAuthenticationOutput } = require("pulumi-contact-center");

const SALES_REPRESENTATIVE = 300100010000101; // RoleId in the pod's resource role catalogue

const dana = new ResourceUser("dana", {
  firstName: "Dana",
  lastName: "Reyes",
  email: "dana.reyes@example.com",
  workPhoneCountryCode: "1",
  workPhoneNumber: "6505550101",
  organizationName: "NA Sales",
  orgRoleCode: "SALES_REPRESENTATIVE",
  roles: [{ roleId: SALES_REPRESENTATIVE }],
  // Removing this resource later suspends the account (Oracle has no delete).
  deletionPolicy: "suspend",
});

// Katty exists already: adopt her by e-mail and manage only her work phone. She is not ours to
// end, so destroy leaves her as she is.
const katty = new ResourceUser("katty", {
  lastName: "Smith",
  email: "katty.smith@dnd.vision.com",
  workPhoneNumber: "6505061299",
  adopt: true,
  deletionPolicy: "retain",
});

// Chat authentication for John (Oracle marks the endpoint "not supported"): the JWT is a secret.
const chat = getChatAuthenticationOutput({ authUserName: "jsmith439906587" });

exports.dana = { partyNumber: dana.resourcePartyNumber, username: dana.username, status: dana.effectiveUserStatus };
exports.katty = { partyNumber: katty.resourcePartyNumber, partyName: katty.partyName };
exports.chat = { domain: chat.domain, poolId: chat.poolId, jwt: chat.jwt };
