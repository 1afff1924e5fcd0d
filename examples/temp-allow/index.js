// Temporary allows for two customers in Oracle risk-cc customer care, declared as code.
// Connection: stack config riskcc:url, riskcc:username and the secret riskcc:password
// (or RISKCC_URL, RISKCC_USERNAME, RISKCC_PASSWORD). Against the bundled emulator
// (`npm run emulator`), use its URL with riskcc-admin / RiskCC-Demo-2026!.
// Run it from this folder: `pulumi up` (its Pulumi.yaml names this file).
const pulumi = require("@pulumi/pulumi");
const { TempAllow } = require("pulumi-contact-center");

const config = new pulumi.Config();
// Until when the allows run; an RFC 3339 date-time in the future when set or changed.
const until = config.get("allowUntil") ?? "2099-12-31T23:59:59Z";

// Level 1 for Alice, in JSON (the default format).
const alice = new TempAllow("alice", {
  customerId: "u-100001", // the customer's uniqueUserId
  tempAllowType: 1,       // one of 1, 2, 3 (customercare.case.tempallow.level.enum)
  expirationDate: until,
});

// Level 2 for Bob, sent as the seed's <TempAllowRequest> XML document.
const bob = new TempAllow("bob", {
  customerId: "u-100002",
  tempAllowType: 2,
  expirationDate: until,
  format: "xml",
});

// risk-cc has no read call: `pulumi refresh` cannot see changes made outside Pulumi.
// `pulumi destroy` revokes both allows by provisioning an expiration of now.
exports.provisionedAt = { alice: alice.provisionedAt, bob: bob.provisionedAt };
