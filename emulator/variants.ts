/**
 * Variants: the emulator playing a server that differs from our reading of the documents in
 * a way a real one plausibly could (issue 16). Each is a switch, off by default; `--variant`
 * on the command line, or `POST /_emulator/config {"variants": [...]}`. Every provider test
 * against a variant must show correct behaviour or a clear refusal, with no wrong write.
 */
/** The page size the `cce-page-size-zero-pages` variant answers for `pageSize: 0`. */
export const CCE_VARIANT_DEFAULT_PAGE = 3;

export const VARIANTS = {
  "ucportal-ignores-email-filter": "the UC portal's user list ignores ?email= and answers every user",
  "ucportal-ignores-offset": "the UC portal's user list ignores ?offset= (every page is the first) and gives no total",
  "ucportal-bare-arrays": "the UC portal answers lists as a bare JSON array, without the {items, total} envelope",
  "ucportal-extra-fields": "the UC portal adds fields the documents do not name to every user it answers",
  "ucportal-no-roles": "the UC portal leaves `roles` out of every user it answers",
  "cce-expiry-as-200": "the CCE portal answers a call on an ended session with HTTP 200, code -1, USER_NOT_AUTHENTICATED",
  "cce-expiry-as-redirect": "the CCE portal answers a call on an ended session with a 302 to its login page",
  "cce-load-balancer-cookie": "a load balancer in front of the CCE portal sets a cookie at login and routes a call without it to a node that knows no session",
  "cce-tenant-selection-code": "the CCE portal answers a partner's login with TENANT_SELECTION_REQUIRED and code -1",
  "cce-agents-without-ids": "CCE getAllAgents answers the document's AgentInfo: attributes only, no skillTargetId, idProgramUser or loginNm",
  "cce-skill-group-details-by-id": "CCE getSkillGroups gives each SkillGroupInfo the group's skill target id as originalId, in reverse order",
  "cce-skill-group-details-short": "CCE getSkillGroups answers one SkillGroupInfo fewer than BasicSkillGroupInfo",
  "cce-relation-codes-from-zero": "the CCE portal numbers attribute relations from 0 (0 ==, 1 !=, ... 5 >=) on the wire, and spells each in attributeRelationString",
  "cce-user-agent-id-is-peripheral-number": "CCE getUsers and getUserByIdProgram answer UserAgentInfo.agentId as the agent's peripheral number (the id typed at the phone), not its skill target id",
  "cce-page-size-zero-pages": `the CCE portal reads pageSize 0 as its default page size (${CCE_VARIANT_DEFAULT_PAGE} rows, so that the seeded tenant shows it) instead of "every row", and says in pagingInfo how many pages there are`,
  "oracle-ignores-q": "Oracle CX's resourceUsers list ignores the q finder and answers every user",
  "oracle-no-self-link": "Oracle CX answers resource users without their self link",
} as const;

export type Variant = keyof typeof VARIANTS;
export const VARIANT_NAMES = Object.keys(VARIANTS) as Variant[];

/** The variants in play: shared by the server (which sets them) and each vendor service (which reads them). */
export class Variants {
  private readonly on = new Set<Variant>();

  has(variant: Variant): boolean {
    return this.on.has(variant);
  }

  set(variants: readonly Variant[]): void {
    this.on.clear();
    for (const variant of variants) this.on.add(variant);
  }

  list(): Variant[] {
    return VARIANT_NAMES.filter((variant) => this.on.has(variant));
  }
}
