// One stack of a tenant split over several (docs/large-tenants.md), driven by stack config:
//   groups: resource name -> SkillGroup args
//   users:  resource name -> CceUser args (no password); `skillGroups` are plain names, which the
//           provider resolves, so the groups may live in another stack.
// Nothing refers to another stack's outputs: each stack stands alone, given the order (groups first).
const pulumi = require("@pulumi/pulumi");
const { CceUser, SkillGroup } = require("pulumi-contact-center");

const config = new pulumi.Config();
for (const [name, args] of Object.entries(config.getObject("groups") ?? {})) new SkillGroup(name, args);
for (const [name, args] of Object.entries(config.getObject("users") ?? {})) {
  new CceUser(name, { ...args, password: config.requireSecret("agentPassword") });
}
