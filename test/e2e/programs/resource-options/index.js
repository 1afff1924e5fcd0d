// One resource of each kind, driven by stack config so each scenario is a config change:
//   declare: the resource names to declare (default: all); the others are removed from the program
//   args:    resource name -> argument overrides
//   options: resource name -> Pulumi resource options (protect, retainOnDelete, ignoreChanges)
const pulumi = require("@pulumi/pulumi");
const cc = require("pulumi-contact-center");

const config = new pulumi.Config();
const args = config.getObject("args") ?? {};
const options = config.getObject("options") ?? {};
const all = ["group", "agent", "attribute", "queue", "oracle", "allow", "customer"];
const declared = new Set(config.getObject("declare") ?? all);
const argsOf = (name, base) => ({ ...base, ...(args[name] ?? {}) });

const resources = {};
const make = {
  group: () => new cc.SkillGroup("group", argsOf("group", { peripheral: "CUCM_PG_1", name: "Opt_Group", description: "Options", serviceLevelThreshold: 20 }), options.group),
  agent: () =>
    new cc.CceUser(
      "agent",
      argsOf("agent", {
        loginName: "opt.agent@DEM", template: "tmpl.agent@DEM", userType: "agent", firstName: "Opt", lastName: "Agent",
        phone: "5554400", agentId: "4400", password: config.requireSecret("agentPassword"),
      }),
      options.agent,
    ),
  attribute: () =>
    new cc.AgentAttribute("attribute", argsOf("attribute", { agent: resources.agent ? resources.agent.idProgramUser : "opt.agent@DEM", attribute: "Billing_Skill", value: 6 }), options.attribute),
  queue: () => new cc.PrecisionQueue("queue", argsOf("queue", { queueName: "PQ_Billing", description: "Billing as code", serviceLevelThreshold: 25 }), options.queue),
  oracle: () =>
    new cc.ResourceUser(
      "oracle",
      argsOf("oracle", {
        partyNumber: "CC_OPT", firstName: "Opt", lastName: "Oracle", email: "opt.oracle@example.com",
        organizationName: "NA Sales", orgRoleCode: "SALES_REPRESENTATIVE",
      }),
      options.oracle,
    ),
  allow: () => new cc.TempAllow("allow", argsOf("allow", { customerId: "u-100002", tempAllowType: 2, expirationDate: "2099-03-31T00:00:00Z" }), options.allow),
  customer: () =>
    new cc.CustomerUser("customer", argsOf("customer", { email: "opt.customer@acme.example", displayName: "Opt Customer", roles: ["customer.user"] }), options.customer),
};
for (const name of all) if (declared.has(name)) resources[name] = make[name]();
