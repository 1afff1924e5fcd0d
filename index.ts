/**
 * pulumi-contact-center: contact-center configuration as code.
 * Resources are exported by name; each file under provider/ documents its lifecycle.
 */
export { SkillGroup } from "./provider/cce/skill-group";
export type { SkillGroupArgs } from "./provider/cce/skill-group";
export { CceUser } from "./provider/cce/user";
export type { CceUserArgs, UserType } from "./provider/cce/user";
export { AgentAttribute } from "./provider/cce/agent-attribute";
export type { AgentAttributeArgs } from "./provider/cce/agent-attribute";
export * from "./provider/cce/lookups";
export { PrecisionQueue } from "./provider/cce/precision-queue";
export type { PrecisionQueueArgs, PrecisionQueueStepArgs, PrecisionQueueTermArgs } from "./provider/cce/precision-queue";
