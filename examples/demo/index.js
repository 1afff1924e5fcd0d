// The demo contact center: skill groups on the demo tenant's voice and chat peripherals.
// `npm run demo` runs `pulumi up` of this program against the bundled emulator.
const { SkillGroup } = require("pulumi-contact-center");

const VOICE_PG = 5000; // CUCM_PG_1 in the emulator's demo tenant
const CHAT_PG = 5001; // MR_PG_1

// "Sales" exists already in the tenant: adopt it rather than fail or duplicate it.
const sales = new SkillGroup("sales", {
  peripheralId: VOICE_PG,
  name: "Sales",
  description: "Inbound sales, managed as code",
  serviceLevelThreshold: 20,
  adopt: true,
});

const billing = new SkillGroup("billing", {
  peripheralId: VOICE_PG,
  name: "Billing",
  description: "Invoices and payments",
  serviceLevelThreshold: 30,
});

const chatEscalations = new SkillGroup("chat-escalations", {
  peripheralId: CHAT_PG,
  name: "Chat_Escalations",
  description: "Chats handed over by the first line",
});

exports.skillGroups = {
  sales: sales.enterpriseName,
  billing: billing.enterpriseName,
  chatEscalations: chatEscalations.enterpriseName,
};
exports.skillTargetIds = [sales.skillTargetId, billing.skillTargetId, chatEscalations.skillTargetId];
