/**
 * pulumi-contact-center: contact-center configuration as code.
 * Resources are exported by name; each file under provider/ documents its lifecycle.
 */
export { SkillGroup } from "./provider/cce/skill-group";
export type { SkillGroupArgs } from "./provider/cce/skill-group";
