// A small contact center, declared as code: skill groups, agents cloned from the tenant's
// agent template with their skills and precision-queue attributes, a supervisor, and a
// precision queue routing over those attributes.
// The same tenant as examples/yaml/contact-center.yaml (the demo), in JavaScript. Run it from
// this folder with `pulumi up`: the portal from cce:url, cce:username, secret cce:password (or
// CCE_* variables), the agents' password from the secret config agentPassword.
const pulumi = require("@pulumi/pulumi");
const cc = require("pulumi-contact-center");

const config = new pulumi.Config();
// Agents' initial password: a secret, never in the state in plain text.
const agentPassword = config.requireSecret("agentPassword");

// Peripherals, sites and teams by name, never by hard-coded id: the provider resolves each
// name when it is new or changed and keeps the id in the state, so later runs make no lookup.
// "Sales" exists already in the tenant: adopt it rather than fail or duplicate it.
const sales = new cc.SkillGroup("sales", {
  peripheral: "CUCM_PG_1",
  name: "Sales",
  description: "Inbound sales, managed as code",
  serviceLevelThreshold: 20,
  adopt: true,
});
const billing = new cc.SkillGroup("billing", {
  peripheral: "CUCM_PG_1",
  name: "Billing",
  description: "Invoices and payments",
  serviceLevelThreshold: 30,
});

// Each agent: who they are, which skill groups they are in, and their attributes.
const agents = {
  dana: { first: "Dana", last: "Reyes", agentId: "4101", phone: "5550101", skills: [sales, billing], salesSkill: 8, spanish: true },
  eli: { first: "Eli", last: "Novak", agentId: "4102", phone: "5550102", skills: [sales], salesSkill: 5, spanish: false },
};

const users = {};
for (const [key, a] of Object.entries(agents)) {
  const user = new cc.CceUser(key, {
    loginName: `${key}@DEM`,
    template: "tmpl.agent@DEM",
    userType: "agent",
    firstName: a.first,
    lastName: a.last,
    phone: a.phone,
    agentId: a.agentId,
    password: agentPassword,
    site: "HQ",
    team: "Team_Sales",
    // By name: the plan shows the groups' names, and the user waits for its groups.
    skillGroups: a.skills.map((group) => group.name),
  });
  new cc.AgentAttribute(`${key}-sales-skill`, { agent: user.idProgramUser, attribute: "Sales_Skill", value: a.salesSkill });
  new cc.AgentAttribute(`${key}-spanish`, { agent: user.idProgramUser, attribute: "Spanish", value: a.spanish });
  users[key] = user;
}

const lead = new cc.CceUser("lead", {
  loginName: "lead@DEM",
  template: "tmpl.supervisor@DEM",
  userType: "supervisor",
  firstName: "Lee",
  lastName: "Okafor",
  phone: "5550100",
  agentId: "4100",
  password: agentPassword,
  site: "HQ",
});

// The queue exists in the tenant (the API cannot create queues): adopt it and route Spanish
// speakers with a high sales skill first, then any good sales agent after 30 seconds.
const pqSales = new cc.PrecisionQueue("pq-sales", {
  queueName: "PQ_Sales",
  description: "Sales: Spanish speakers first",
  serviceLevelThreshold: 20,
  steps: [
    {
      terms: [
        { attribute: "Sales_Skill", relation: ">=", value: 7 },
        { connector: "and", attribute: "Spanish", relation: "==", value: true },
      ],
      waitTime: 30,
    },
    { terms: [{ attribute: "Sales_Skill", relation: ">=", value: 5 }] },
  ],
  restoreOnDelete: true,
}, { dependsOn: Object.values(users) });

exports.skillGroups = { sales: sales.enterpriseName, billing: billing.enterpriseName };
exports.agents = Object.fromEntries(Object.entries(users).map(([key, user]) => [key, user.idProgramUser]));
exports.supervisor = lead.idProgramUser;
exports.precisionQueue = { id: pqSales.queueId, changeStamp: pqSales.changeStamp };
