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
export { TempAllow } from "./provider/riskcc/temp-allow";
export type { TempAllowArgs } from "./provider/riskcc/temp-allow";
export { ResourceUser } from "./provider/oracle/resource-user";
export type { ResourceUserArgs, ResourceRoleArgs } from "./provider/oracle/resource-user";
export { getChatAuthentication, getChatAuthenticationOutput } from "./provider/oracle/chat-authentication";
export type { ChatAuthenticationArgs, ChatAuthenticationResult } from "./provider/oracle/chat-authentication";
export { CustomerUser } from "./provider/ucportal/customer-user";
export { DeclarationGuard } from "./provider/guard/declaration-guard";
export type { DeclarationGuardArgs } from "./provider/guard/declaration-guard";
export type { CustomerUserArgs } from "./provider/ucportal/customer-user";
export { declareContactCenter, declareContactCenterFromFile } from "./config/program";
export type { ContactCenterOutputs } from "./config/program";
export { loadContactCenter, formatProblem } from "./config/load";
export type { ConfigProblem, LoadResult } from "./config/load";
export type { ContactCenterFile } from "./config/format";
