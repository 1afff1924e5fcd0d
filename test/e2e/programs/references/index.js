// References as a program writes them, driven by stack config so each scenario is a config change:
//   groups: resource name -> SkillGroup args
//   agents: resource name -> { args: CceUser args (no password), groups: [group resource names],
//           byId: true to pass skillGroupIds (skillTargetId outputs) instead of skillGroups (name outputs),
//           attributes: { <attribute>: value } }
// Users name their groups through the groups' outputs (so they wait for them) and attributes
// name their agent through its idProgramUser output, as the README shows.
const pulumi = require("@pulumi/pulumi");
const { AgentAttribute, CceUser, SkillGroup } = require("pulumi-contact-center");

const config = new pulumi.Config();
const groups = {};
for (const [name, args] of Object.entries(config.requireObject("groups"))) groups[name] = new SkillGroup(name, args);

for (const [name, spec] of Object.entries(config.requireObject("agents"))) {
  const joined = (spec.groups ?? []).map((group) => groups[group]);
  const membership = spec.byId ? { skillGroupIds: joined.map((g) => g.skillTargetId) } : { skillGroups: joined.map((g) => g.name) };
  const user = new CceUser(name, { ...spec.args, ...membership, password: config.requireSecret("agentPassword") });
  for (const [attribute, value] of Object.entries(spec.attributes ?? {})) {
    new AgentAttribute(`${name}/${attribute}`, { agent: user.idProgramUser, attribute, value });
  }
}
