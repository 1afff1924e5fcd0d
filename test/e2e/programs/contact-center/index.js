// A data-driven program: the test decides users, agent attributes and lookups through
// stack config, so each scenario's change is a config change, as it is for users.
//   users:      resource name -> CceUser args (without password)
//   passwords:  secret, resource name -> password
//   attributes: resource name -> AgentAttribute args
//   lookups:    output name -> { kind: "site" | "roleGroup" | ..., name }
const pulumi = require("@pulumi/pulumi");
const cc = require("pulumi-contact-center");

const config = new pulumi.Config();
const users = config.getObject("users") ?? {};
const attributes = config.getObject("attributes") ?? {};
const lookups = config.getObject("lookups") ?? {};
const passwords = config.getSecretObject("passwords");

const created = {};
for (const [name, args] of Object.entries(users)) {
  const password = passwords ? passwords.apply((all) => all[name]) : undefined;
  created[name] = new cc.CceUser(name, { ...args, ...(password ? { password } : {}) });
}
for (const [name, args] of Object.entries(attributes)) {
  new cc.AgentAttribute(name, args, { dependsOn: Object.values(created) });
}

const finders = {
  site: (a) => cc.getSite(a),
  roleGroup: (a) => cc.getRoleGroup(a),
  department: (a) => cc.getDepartment(a),
  billingUnit: (a) => cc.getBillingUnit(a),
  platform: (a) => cc.getPlatform(a),
  agentDeskSettings: (a) => cc.getAgentDeskSettings(a),
  apmProfile: (a) => cc.getApmProfile(a),
  team: (a) => cc.getTeam(a),
  attribute: (a) => cc.getAttribute(a),
  templateUser: (a) => cc.getTemplateUser(a),
};
exports.lookups = Object.fromEntries(Object.entries(lookups).map(([out, { kind, ...args }]) => [out, finders[kind](args)]));
exports.users = Object.fromEntries(
  Object.entries(created).map(([name, user]) => [name, { idProgramUser: user.idProgramUser, agentSkillTargetId: user.agentSkillTargetId }]),
);
