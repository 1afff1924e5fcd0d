// A data-driven program: the test decides the skill groups through stack config, so one
// program serves every scenario and each change is a config change, as it is for users.
const pulumi = require("@pulumi/pulumi");
const { SkillGroup } = require("pulumi-contact-center");

const groups = new pulumi.Config().requireObject("groups");
const created = {};
for (const [name, args] of Object.entries(groups)) {
  created[name] = new SkillGroup(name, args);
}
exports.skillTargetIds = Object.fromEntries(Object.entries(created).map(([name, group]) => [name, group.skillTargetId]));
