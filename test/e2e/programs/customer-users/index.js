// A data-driven program: the test decides the customer users through stack config, so each
// scenario's change is a config change, as it is for users.
//   users: resource name -> CustomerUser args
const pulumi = require("@pulumi/pulumi");
const { CustomerUser } = require("pulumi-contact-center");

const config = new pulumi.Config();
const users = config.getObject("users") ?? {};
const created = Object.fromEntries(Object.entries(users).map(([name, args]) => [name, new CustomerUser(name, args)]));

exports.users = Object.fromEntries(
  Object.entries(created).map(([name, user]) => [
    name,
    { userId: user.userId, roles: user.roles, serverAssignedRoles: user.serverAssignedRoles, licenceChanges: user.licenceChanges },
  ]),
);
