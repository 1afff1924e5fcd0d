/**
 * Changes made by hand in the vendor systems, through their own APIs, as an administrator (or
 * another tool) would: what drift is made of. Independent of the provider's clients.
 */
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { OracleApi } from "./oracle";
import { EmulatorControl, Portal, PortalSession } from "./portal";
import { UcPortalApi } from "./ucportal";

type Record_ = Record<string, unknown>;

export class HandEdits {
  private session?: PortalSession;
  readonly control: EmulatorControl;
  readonly portal: Portal;
  readonly oracle: OracleApi;
  readonly ucportal: UcPortalApi;

  /** `url` is the emulator's base URL. */
  constructor(url: string) {
    this.control = new EmulatorControl(url);
    this.portal = new Portal(`${url}/portal/services`);
    this.oracle = new OracleApi(url, { frameworkVersion: "4" });
    this.ucportal = new UcPortalApi(url);
  }

  /** The demo administrator's portal session, opened on first use. */
  async portalSession(): Promise<PortalSession> {
    return (this.session ??= await this.portal.login(cceDemoCredentials.admin.username, cceDemoCredentials.admin.password));
  }

  async close(): Promise<void> {
    if (this.session) await this.portal.logout(this.session);
    this.session = undefined;
  }

  /** A CCE portal call that must succeed (code 0). */
  async cce(endpoint: string, body: object): Promise<Record_> {
    const answer = await this.portal.call(await this.portalSession(), endpoint, body);
    if (answer.code !== 0) throw new Error(`hand edit ${endpoint} refused: ${answer.codeMessage} ${answer.errorMessage ?? ""}`);
    return answer;
  }

  async skillGroup(name: string) {
    const [found] = await this.portal.skillGroupsNamed(await this.portalSession(), name);
    if (!found) throw new Error(`hand edit: no skill group ${name} in the portal`);
    return found as { skillTargetId: number; peripheralId: number; name: string; description: string; serviceLevelThreshold: number };
  }

  /** Saves a skill group's description and threshold (the portal saves a group whole). */
  async editSkillGroup(name: string, change: { description?: string; serviceLevelThreshold?: number }): Promise<void> {
    const group = await this.skillGroup(name);
    await this.cce("protected/skills/saveSkillGroup", {
      peripheralID: group.peripheralId,
      skillGroupPeripheralName: group.name,
      skillGroupDescription: change.description ?? group.description,
      skillGroupSkillTargetId: group.skillTargetId,
      serviceLevelThreshold: change.serviceLevelThreshold ?? group.serviceLevelThreshold,
    });
  }

  /** The user as getUsers answers it (UserAgentInfo). */
  async user(loginName: string): Promise<Record_> {
    const answer = await this.cce("protected/users/getUsers", { searchColumn: "loginNm", searchTerm: loginName, searching: true, pageSize: 0 });
    const found = (answer.userAgentInfoList as Record_[]).find((u) => String(u.loginNm).toLowerCase() === loginName.toLowerCase());
    if (!found) throw new Error(`hand edit: no user ${loginName} in the portal`);
    return found;
  }

  /** updateUser with some BasicUserInfo fields (by their wire names) changed. */
  async editUser(loginName: string, change: Record_): Promise<void> {
    const record = await this.user(loginName);
    // UserAgentInfo's agentId is the skill target id; BasicUserInfo's is the peripheral number.
    await this.cce("protected/users/updateUser", { basicUserInfo: { ...record, agentId: record.peripheralNumber ?? record.uiAgentID, ...change }, reuseAgentId: false });
  }

  /** The agent's ICM skill target id, the attribute calls' agent id. */
  async agentId(loginName: string): Promise<string> {
    const answer = await this.cce("protected/attributes/getAllAgents", { platformId: null, filterByUserType: ["A", "S"] });
    const agent = (answer.agents as Record_[]).find((a) => String(a.loginNm).toLowerCase() === loginName.toLowerCase());
    if (!agent) throw new Error(`hand edit: no agent ${loginName}`);
    return String(agent.skillTargetId);
  }

  /** The value an agent holds for an attribute, as the portal stores it ("7", "true"), or undefined. */
  async attributeValue(loginName: string, attribute: string): Promise<string | undefined> {
    const answer = await this.cce("protected/attributes/getAllAgents", { platformId: null, filterByUserType: ["A", "S"] });
    const agent = (answer.agents as Record_[]).find((a) => String(a.loginNm).toLowerCase() === loginName.toLowerCase());
    const held = ((agent?.attributes as Record_[] | undefined) ?? []).find((a) => (a.attribute as Record_ | undefined)?.name === attribute);
    return held === undefined ? undefined : String(held.attributeValue);
  }

  async setAttribute(loginName: string, attribute: string, value: number | boolean): Promise<void> {
    const definitions = (await this.cce("protected/attributes/getAllAttributes", { pageSize: 0 })).attributes as Record_[];
    const definition = definitions.find((d) => d.name === attribute);
    if (!definition) throw new Error(`hand edit: no attribute ${attribute}`);
    await this.cce("protected/attributes/saveAttributesToAgent", { agentsIds: [await this.agentId(loginName)], attributesInfo: [{ ...definition, defaultValue: String(value) }] });
  }

  async removeAttribute(loginName: string, attributeId: number): Promise<void> {
    await this.cce("protected/attributes/updateAgentAttributes", { agentId: await this.agentId(loginName), attributeId: String(attributeId) });
  }

  /** A precision queue as getPQByID answers it. */
  async queue(name: string): Promise<Record_> {
    const list = await this.cce("protected/precisionQueues/getAllPrecisionQueues", { pageSize: 0 });
    const id = (list.precisionQueues as Record_[]).find((q) => q.name === name)?.id;
    if (id === undefined) throw new Error(`hand edit: no precision queue ${name}`);
    return (await this.cce("protected/precisionQueues/getPQByID", { id })).precisionQueueInfo as Record_;
  }

  /** updatePrecisionQueue with the queue as read, changed by `change` (its changeStamp is the current one). */
  async editQueue(name: string, change: (queue: Record_) => void): Promise<void> {
    const queue = await this.queue(name);
    change(queue);
    await this.cce("protected/precisionQueues/updatePrecisionQueue", { precisionQueue: queue });
  }

  /** PATCH of an Oracle resource user's attributes, by Oracle name. */
  async editResourceUser(partyNumber: string, change: Record_): Promise<void> {
    const reply = await this.oracle.patchUser(partyNumber, change);
    if (reply.status !== 200) throw new Error(`hand edit: Oracle PATCH ${partyNumber} answered ${reply.status}: ${reply.text}`);
  }

  /** Gives a resource role (POST of an assignment) or takes it away (DELETE of its live assignments). */
  async toggleResourceRole(partyNumber: string, roleId: number, give: boolean): Promise<void> {
    const roles = `${await this.oracle.userHref(partyNumber)}/child/ResourceRoleAssign`;
    if (give) {
      const reply = await this.oracle.post(roles, { RoleId: roleId });
      if (reply.status !== 201) throw new Error(`hand edit: Oracle role POST ${partyNumber} answered ${reply.status}: ${reply.text}`);
      return;
    }
    const list = await this.oracle.get(roles);
    for (const assignment of (list.body.items as Record_[]).filter((a) => a.RoleId === roleId)) {
      const self = (assignment.links as { rel: string; href: string }[]).find((link) => link.rel === "self")!.href;
      const reply = await this.oracle.delete(self);
      if (reply.status !== 204) throw new Error(`hand edit: Oracle role DELETE ${partyNumber} answered ${reply.status}: ${reply.text}`);
    }
  }

  /** PATCH of a UC portal customer user, found by e-mail. */
  async editCustomerUser(email: string, change: (user: Record_) => Record_): Promise<void> {
    const found = await this.ucportal.findByEmail(email);
    if (!found) throw new Error(`hand edit: no customer user ${email}`);
    const reply = await this.ucportal.request("PATCH", `/users/${found.id}`, { body: change(found) });
    if (reply.status !== 200) throw new Error(`hand edit: UC portal PATCH ${email} answered ${reply.status}: ${reply.text}`);
  }
}
