// A data-driven program: the test decides the temporary allows through stack config, so one
// program serves every scenario and each change is a config change, as it is for users.
const pulumi = require("@pulumi/pulumi");
const { TempAllow } = require("pulumi-contact-center");

const allows = new pulumi.Config().requireObject("allows");
const created = {};
for (const [name, args] of Object.entries(allows)) {
  created[name] = new TempAllow(name, args);
}
exports.customerIds = Object.fromEntries(Object.entries(created).map(([name, allow]) => [name, allow.customerId]));
exports.provisionedAt = Object.fromEntries(Object.entries(created).map(([name, allow]) => [name, allow.provisionedAt]));
