// A data-driven program: the test decides the skill groups through stack config, so one
// program serves every scenario and each change is a config change, as it is for users.
const pulumi = require("@pulumi/pulumi");
const { SkillGroup } = require("pulumi-contact-center");

const config = new pulumi.Config();
const groups = config.requireObject("groups");

// How earlier releases declared a group: pulumi.dynamic.Resource with this provider object,
// which Pulumi's closure serializer writes into the state (~2 KB per copy). The test writes a
// state this way, then moves on to the current class.
function legacySkillGroup(name, args) {
  const provider = {
    m: "pulumi-contact-center/dist/provider/cce/skill-group.lifecycle",
    c: undefined,
    async configure(r) { this.c = r.config; },
    async check(o, n) { return require(this.m).check(this.c, o, n); },
    async diff(i, o, n) { return require(this.m).diff(i, o, n); },
    async create(n) { return require(this.m).create(this.c, n); },
    async read(i, p) { return require(this.m).read(this.c, i, p || {}); },
    async update(i, o, n) { return require(this.m).update(this.c, i, o, n); },
    async delete(i, p) { return require(this.m).remove(this.c, i, p); },
  };
  const outputs = { skillTargetId: undefined, enterpriseName: undefined, mediaRoutingDomainName: undefined, adopted: undefined };
  return new pulumi.dynamic.Resource(provider, name, { ...outputs, ...args }, undefined, "cce", "SkillGroup");
}
const declare = config.getBoolean("legacyProvider") ? legacySkillGroup : (name, args) => new SkillGroup(name, args);

const created = {};
for (const [name, args] of Object.entries(groups)) {
  created[name] = declare(name, args);
}
exports.skillTargetIds = Object.fromEntries(Object.entries(created).map(([name, group]) => [name, group.skillTargetId]));
