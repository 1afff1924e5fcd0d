// A data-driven program: the test decides the resource users through stack config, so each
// scenario's change is a config change, as it is for users.
//   users:    resource name -> ResourceUser args
//   chatUser: optional, an authUserName to read chat authentication for
const pulumi = require("@pulumi/pulumi");
const { ResourceUser, getChatAuthenticationOutput } = require("pulumi-contact-center");

const config = new pulumi.Config();
const users = config.getObject("users") ?? {};
const created = Object.fromEntries(Object.entries(users).map(([name, args]) => [name, new ResourceUser(name, args)]));

exports.users = Object.fromEntries(
  Object.entries(created).map(([name, user]) => [name, { partyNumber: user.resourcePartyNumber, partyName: user.partyName, status: user.effectiveUserStatus }]),
);

const chatUser = config.get("chatUser");
if (chatUser) {
  const chat = getChatAuthenticationOutput({ authUserName: chatUser });
  exports.chat = { jwt: chat.jwt, domain: chat.domain, poolId: chat.poolId, chatSiteName: chat.chatSiteName };
}
