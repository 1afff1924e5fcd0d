// UC/PBX analytics portal customer users, declared as code: a new live-analytics supervisor, an
// agent with a softphone, and the existing user administrator adopted (taken over by e-mail,
// never duplicated). Connection: ucportal:url, ucportal:customerId, secret ucportal:token
// (or UCPORTAL_URL, UCPORTAL_CUSTOMER_ID, UCPORTAL_TOKEN). Against the bundled emulator
// (`npm run emulator`): url `<its URL>/ucportal`, customerId cust-acme, token ucp-acme-7f3c2a91d4e84b0c.
//   pulumi config set ucportal:url https://api.portal.example
//   pulumi config set ucportal:customerId cust-acme
//   pulumi config set --secret ucportal:token
// Run it from this folder: `pulumi preview --diff` shows `licenceChanges` whenever licences change.
const { CustomerUser } = require("pulumi-contact-center");

// Licence roles (customer.user.pbx..., customer.user.supervisorl1..l5) may cost money: the plan names them.
const dave = new CustomerUser("dave", {
  displayName: "Dave Evans",
  email: "dave.evans@acme.example",
  roles: ["customer.user", "customer.user.supervisorl3", "customer.settings"],
  sendActivationEmail: true, // at creation only
});

const erin = new CustomerUser("erin", {
  displayName: "Erin Fox",
  email: "erin.fox@acme.example",
  roles: ["customer.user", "customer.user.pbx", "customer.user.acd", "customer.user.uc", "customer.user.uc.softphone"],
  devices: ["acme-sp-202"],
  sendWelcomeEmail: true, // the UC welcome e-mail needs customer.user.uc
});

// Alice exists already and is the tenant's user administrator. Destroying this stack would
// DELETE her (irreversible), and the provider refuses to delete the last administrator anyway;
// retainOnDelete keeps her when this resource goes.
const alice = new CustomerUser(
  "alice",
  { displayName: "Alice Martin", email: "alice.martin@acme.example", roles: ["customer.user", "user.admin", "customer.settings"], adopt: true },
  { retainOnDelete: true },
);

exports.dave = { userId: dave.userId, licenceChanges: dave.licenceChanges, serverAssignedRoles: dave.serverAssignedRoles };
exports.erin = { userId: erin.userId, serverAssignedRoles: erin.serverAssignedRoles, devices: erin.assignedDevices };
exports.alice = { userId: alice.userId, roles: alice.liveRoles };
