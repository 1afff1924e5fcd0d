// A data-driven program: the test decides the precision queues through stack config, so one
// program serves every scenario and each change is a config change, as it is for users.
const pulumi = require("@pulumi/pulumi");
const { PrecisionQueue } = require("pulumi-contact-center");

const queues = new pulumi.Config().requireObject("queues");
const adopted = {};
for (const [name, args] of Object.entries(queues)) {
  adopted[name] = new PrecisionQueue(name, args);
}
exports.queueIds = Object.fromEntries(Object.entries(adopted).map(([name, queue]) => [name, queue.queueId]));
exports.changeStamps = Object.fromEntries(Object.entries(adopted).map(([name, queue]) => [name, queue.changeStamp]));
