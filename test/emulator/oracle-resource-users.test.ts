/**
 * The Oracle CX emulator's resourceUsers over real HTTP (seed 004), against the contract in
 * docs/oracle-wire-decisions.md.
 */
import { oracleDemoCredentials, oracleDemoUsers, oracleRoleCatalog } from "../../emulator";
import { OracleApi, keyOfHref, selfHref, useOracleEmulator } from "../support/oracle";

const oracle = useOracleEmulator();
const { johnSmith, kattySmith, dianeCho, abcde, raviPatel, meiTanaka } = oracleDemoUsers;
const roleIdOf = (code: string) => oracleRoleCatalog.find((role) => role.RoleCode === code)!.RoleId;
const today = () => new Date().toISOString().slice(0, 10);
const ITEM_TYPE = "application/vnd.oracle.adf.resourceitem+json";
const COLLECTION_TYPE = "application/vnd.oracle.adf.resourcecollection+json";

/** A fresh resource user with only what a POST requires. */
const newUser = (extra: Record<string, unknown> = {}) => ({ LastName: "Okafor", FirstName: "Ada", ResourceEmail: "ada.okafor@vision.example", ...extra });

/** The o:errorDetails of a framework-4 error answer, as [code, detail] pairs. */
function errorCodes(body: { "o:errorDetails": Array<{ "o:errorCode": string; detail: string }> }): string[] {
  return body["o:errorDetails"].map((d) => d["o:errorCode"]);
}

describe("transport", () => {
  test("every call needs HTTP Basic: none or a wrong password is 401 with a Basic challenge and no body", async () => {
    const none = await oracle.api.with({ credentials: null }).get("resourceUsers");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Basic realm="crmRestApi"');
    expect(none.text).toBe("");
    const wrong = await oracle.api.with({ credentials: { username: "sales_cloud_user", password: "nope" } }).get("resourceUsers");
    expect(wrong.status).toBe(401);
    const unknown = await oracle.api.with({ credentials: { username: "someone", password: "Sales-Cloud-2026!" } }).get("resourceUsers");
    expect(unknown.status).toBe(401);
  });

  test("serves API versions 11.13.18.05, 11.13.19.01 and latest; links keep the version used; others are 404", async () => {
    for (const version of ["11.13.18.05", "11.13.19.01", "latest"]) {
      const reply = await oracle.api.with({ version }).get("resourceUsers", { limit: "1" });
      expect(reply.status).toBe(200);
      expect(selfHref(reply.body.items[0])).toContain(`/crmRestApi/resources/${version}/resourceUsers/`);
    }
    expect((await oracle.api.with({ version: "11.13.17.11" }).get("resourceUsers")).status).toBe(404);
  });

  test("REST-Framework-Version defaults to 1, is echoed, and must be 1 to 9; Metadata-Context is echoed", async () => {
    const plain = await oracle.api.get("resourceUsers", { limit: "1" });
    expect(plain.headers.get("rest-framework-version")).toBe("1");
    expect(plain.headers.get("metadata-context")).toBe("");
    const sandbox = 'sandbox="TrackEmployeeFeature"';
    const v4 = await oracle.api.get("resourceUsers", { limit: "1" }, { "REST-Framework-Version": "4", "Metadata-Context": sandbox });
    expect(v4.headers.get("rest-framework-version")).toBe("4");
    expect(v4.headers.get("metadata-context")).toBe(sandbox);
    for (const bad of ["0", "10", "two"]) {
      const reply = await oracle.api.get("resourceUsers", {}, { "REST-Framework-Version": bad });
      expect(reply.status).toBe(400);
      expect(reply.text).toContain("REST-Framework-Version");
    }
  });

  test("answers with ADF media types and takes application/json or the resource item type", async () => {
    const list = await oracle.api.get("resourceUsers");
    expect(list.headers.get("content-type")).toContain(COLLECTION_TYPE);
    const item = await oracle.api.get(selfHref(list.body.items[0]));
    expect(item.headers.get("content-type")).toContain(ITEM_TYPE);

    const adf = await oracle.api.post("resourceUsers", newUser(), { "content-type": `${ITEM_TYPE};charset=UTF-8` });
    expect(adf.status).toBe(201);
    const text = await oracle.api.request("POST", "resourceUsers", { rawBody: JSON.stringify(newUser()), headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    const notObject = await oracle.api.request("POST", "resourceUsers", { rawBody: "[1]" });
    expect(notObject.status).toBe(400);
    const xml = await oracle.api.get("resourceUsers", {}, { accept: "application/xml" });
    expect(xml.status).toBe(406);
    expect((await oracle.api.get("resourceUsers", {}, { accept: "application/json, */*;q=0.1" })).status).toBe(200);
  });

  test("errors are text before framework version 4 and ADF error JSON from 4 on", async () => {
    const body = { ResourceEndDate: "2019-06-31" };
    const href = await oracle.api.userHref(dianeCho.partyNumber);
    const v1 = await oracle.api.patch(href, body);
    expect(v1.status).toBe(400);
    expect(v1.headers.get("content-type")).toContain("text/plain");
    expect(v1.text).toContain("ResourceEndDate");

    const v4 = await oracle.api.patch(href, body, { "REST-Framework-Version": "4" });
    expect(v4.status).toBe(400);
    expect(v4.headers.get("content-type")).toContain("application/vnd.oracle.adf.error+json");
    expect(v4.body).toEqual({
      type: "http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1",
      title: "Bad Request",
      status: "400",
      "o:errorDetails": [{ detail: expect.stringContaining("ResourceEndDate"), "o:errorCode": "25009" }],
    });
  });

  test("unknown paths are 404; there is no DELETE of a resource user (405 with Allow)", async () => {
    expect((await oracle.api.get("resourceUsersX")).status).toBe(404);
    expect((await oracle.api.get("resourceUsers/x/child/Other")).status).toBe(404);
    const href = await oracle.api.userHref(johnSmith.partyNumber);
    const del = await oracle.api.delete(href);
    expect(del.status).toBe(405);
    expect(del.headers.get("allow")).toBe("GET, PATCH");
    expect((await oracle.api.get(href)).status).toBe(200);
  });

  test("the viewer reads (UpdateFlag \"false\") but may not write (403)", async () => {
    const viewer = oracle.api.with({ credentials: oracleDemoCredentials.viewer });
    const item = await viewer.getUser(johnSmith.partyNumber);
    expect(item.body).toMatchObject({ UpdateFlag: "false", DeleteFlag: "false" });
    expect((await viewer.patch(selfHref(item.body), { FirstName: "Jon" })).status).toBe(403);
    expect((await viewer.post("resourceUsers", newUser())).status).toBe(403);
    expect((await oracle.api.getUser(johnSmith.partyNumber)).body).toMatchObject({ FirstName: "John", UpdateFlag: "true" });
  });
});

describe("keys and links", () => {
  test("resourceUsersUniqID is an opaque hash found in the self link, not the party number", async () => {
    const list = await oracle.api.get("resourceUsers", { q: `ResourcePartyNumber=${johnSmith.partyNumber}` });
    const item = list.body.items[0];
    const key = keyOfHref(selfHref(item));
    expect(key).toMatch(/^00020000000EACED[0-9A-F]{48}$/);
    expect(key).not.toContain(johnSmith.partyNumber);
    expect(item).not.toHaveProperty("resourceUsersUniqID");
    expect(item.links.map((l: { rel: string; name: string }) => `${l.rel}:${l.name}`)).toEqual([
      "self:resourceUsers", "canonical:resourceUsers", "child:ResourceRoleAssign",
      "lov:FaxCountryCodeVA", "lov:MobilePhoneCountryCodeVA", "lov:WorkPhoneCountryCodeVA",
    ]);
    expect((await oracle.api.get(`resourceUsers/${johnSmith.partyNumber}`)).status).toBe(404);
    expect((await oracle.api.get(`resourceUsers/${key}`)).body.ResourcePartyNumber).toBe(johnSmith.partyNumber);
  });

  test("keys stay the same across a reset of the emulator", async () => {
    const before = await oracle.api.userHref(kattySmith.partyNumber);
    await oracle.control.reset();
    expect(await oracle.api.userHref(kattySmith.partyNumber)).toBe(before);
  });

  test("the LOV links answer the phone country codes", async () => {
    const item = (await oracle.api.getUser(johnSmith.partyNumber)).body;
    const lov = item.links.find((l: { name: string }) => l.name === "WorkPhoneCountryCodeVA");
    const reply = await oracle.api.get(lov.href, { onlyData: "true" });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toContainEqual({ PhoneCountryCode: "1", TerritoryShortName: "United States" });
  });
});

describe("GET resourceUsers (collection)", () => {
  test("lists the seeded users in party id order in ADF's collection envelope", async () => {
    const reply = await oracle.api.get("resourceUsers", { totalResults: "true" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ count: 6, hasMore: false, limit: 25, offset: 0, totalResults: 6 });
    expect(reply.body.items.map((i: { ResourcePartyNumber: string }) => i.ResourcePartyNumber)).toEqual(
      [johnSmith, kattySmith, dianeCho, abcde, raviPatel, meiTanaka].map((u) => u.partyNumber),
    );
    expect(reply.body.links).toEqual([{ rel: "self", href: `${oracle.api.resourcesUrl}/resourceUsers`, name: "resourceUsers", kind: "collection" }]);
  });

  test("q finds by party number, e-mail (ignoring case), Username and UserStatus, joined by ';'", async () => {
    const partyNumbers = async (q: string, headers?: Record<string, string>) => {
      const reply = await oracle.api.get("resourceUsers", { q }, headers);
      expect(reply.status).toBe(200);
      return reply.body.items.map((i: { ResourcePartyNumber: string }) => i.ResourcePartyNumber);
    };
    expect(await partyNumbers(`ResourcePartyNumber=${dianeCho.partyNumber}`)).toEqual([dianeCho.partyNumber]);
    expect(await partyNumbers(`ResourceEmail=${dianeCho.email.toUpperCase()}`)).toEqual([dianeCho.partyNumber]);
    expect(await partyNumbers("Username=DCHO")).toEqual([dianeCho.partyNumber]);
    expect(await partyNumbers("UserStatus=I")).toEqual([raviPatel.partyNumber]);
    expect(await partyNumbers("LastName=Smith;FirstName=Katty")).toEqual([kattySmith.partyNumber]);
    expect(await partyNumbers("PartyName=Diane Cho")).toEqual([dianeCho.partyNumber]);
    expect(await partyNumbers("LastName='Smith';ResourceOrganizationName='NA Sales'")).toEqual([]);
    expect(await partyNumbers("ResourceParentOrganizationName='NA Sales';UserStatus=A")).toEqual([johnSmith.partyNumber, kattySmith.partyNumber]);
    expect(await partyNumbers("ResourcePartyNumber=nobody")).toEqual([]);
    // From framework version 2 on, `and` joins conditions too; in version 1 it is part of the value.
    expect(await partyNumbers("LastName = 'Smith' and FirstName = 'John'", { "REST-Framework-Version": "2" })).toEqual([johnSmith.partyNumber]);
    expect(await partyNumbers("LastName=Smith and FirstName=John")).toEqual([]);
  });

  test("q with an unknown attribute, another operator or bad syntax is 400", async () => {
    for (const q of ["PartyNumber=Conta504976", "ResourcePartyId>1", "LastName='Smith", "=x", "LastName=Smith or FirstName=John"]) {
      const reply = await oracle.api.get("resourceUsers", { q }, { "REST-Framework-Version": "4" });
      expect([q, reply.status]).toEqual([q, 400]);
    }
    const unknown = await oracle.api.get("resourceUsers", { q: "EmailAddress=x@y" }, { "REST-Framework-Version": "4" });
    expect(errorCodes(unknown.body)).toEqual(["25058"]);
  });

  test("limit and offset page through; hasMore tells whether more follow; limit is at most 500", async () => {
    const page = await oracle.api.get("resourceUsers", { limit: "2", offset: "2", onlyData: "true" });
    expect(page.body).toMatchObject({ count: 2, hasMore: true, limit: 2, offset: 2 });
    expect(page.body.items.map((i: { ResourcePartyNumber: string }) => i.ResourcePartyNumber)).toEqual([dianeCho.partyNumber, abcde.partyNumber]);
    const last = await oracle.api.get("resourceUsers", { limit: "2", offset: "4" });
    expect(last.body).toMatchObject({ count: 2, hasMore: false });
    expect((await oracle.api.get("resourceUsers", { limit: "1000" })).body.limit).toBe(500);
    const refused: Record<string, string>[] = [{ limit: "0" }, { limit: "x" }, { offset: "-1" }, { totalResults: "yes" }, { orderBy: "LastName" }];
    for (const query of refused) {
      expect((await oracle.api.get("resourceUsers", query)).status).toBe(400);
    }
  });

  test("fields, onlyData and links shape the items", async () => {
    const q = `ResourcePartyNumber=${johnSmith.partyNumber}`;
    const fields = await oracle.api.get("resourceUsers", { q, fields: "PartyName,ResourcePartyNumber" });
    const item = fields.body.items[0];
    expect(Object.keys(item)).toEqual(["PartyName", "ResourcePartyNumber", "links"]);
    const data = await oracle.api.get("resourceUsers", { q, fields: "PartyName", onlyData: "true" });
    expect(data.body.items[0]).toEqual({ PartyName: "John Smith" });
    expect(data.body).not.toHaveProperty("links");
    const linksOnly = await oracle.api.get("resourceUsers", { q, fields: "", links: "self" });
    expect(linksOnly.body.items[0]).toEqual({ links: [expect.objectContaining({ rel: "self", kind: "item" })] });
    expect((await oracle.api.get("resourceUsers", { fields: "NoSuchField" })).status).toBe(400);
    expect((await oracle.api.get("resourceUsers", { links: "sideways" })).status).toBe(400);
    expect((await oracle.api.get("resourceUsers", { onlyData: "1" })).status).toBe(400);
  });

  test("expand=ResourceRoleAssign includes the roles: an array before framework 3, a collection from 3 on", async () => {
    const q = `ResourcePartyNumber=${kattySmith.partyNumber}`;
    const v1 = await oracle.api.get("resourceUsers", { q, expand: "ResourceRoleAssign", onlyData: "true" });
    expect(v1.body.items[0].ResourceRoleAssign).toEqual([
      expect.objectContaining({ RoleCode: "SALES_REPRESENTATIVE", StartDateActive: "2018-08-20", EndDateActive: null, PartyName: "Katty Smith" }),
      expect.objectContaining({ RoleCode: "RESELLER", EndDateActive: "2024-12-31" }),
    ]);
    const v3 = await oracle.api.get("resourceUsers", { q, expand: "all" }, { "REST-Framework-Version": "3" });
    const roles = v3.body.items[0].ResourceRoleAssign;
    expect(roles).toMatchObject({ count: 2, hasMore: false, offset: 0 });
    expect(roles.items[0].links.map((l: { rel: string }) => l.rel)).toEqual(["self", "canonical", "parent"]);
    expect((await oracle.api.get("resourceUsers", { expand: "Managers" })).status).toBe(400);
    const unexpanded = await oracle.api.get("resourceUsers", { q });
    expect(unexpanded.body.items[0]).not.toHaveProperty("ResourceRoleAssign");
  });

  test("fields can name child attributes, which expands the child (fields wins over expand)", async () => {
    const reply = await oracle.api.get("resourceUsers", {
      q: `ResourcePartyNumber=${johnSmith.partyNumber}`, fields: "PartyName;ResourceRoleAssign:RoleCode,EndDateActive", onlyData: "true", expand: "none-of-this",
    });
    expect(reply.status).toBe(200);
    expect(reply.body.items[0]).toEqual({ PartyName: "John Smith", ResourceRoleAssign: [{ RoleCode: "SALES_VP", EndDateActive: null }] });
  });
});

describe("GET resourceUsers/{id}", () => {
  test("returns every attribute, with the computed ones and the flags as strings", async () => {
    const reply = await oracle.api.getUser(johnSmith.partyNumber);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      PartyName: "John Smith", FormattedAddress: "500 Oracle Parkway,REDWOOD CITY, CA 944065", Username: johnSmith.username,
      City: "Redwood City", Country: "US", PostalCode: "944065", UpdateFlag: "true", DeleteFlag: "false", UserStatus: "A",
      ResourceOrgRoleCode: "SALES_VP", ResourceOrgRoleName: "Sales Vice President", ResourceOrganizationUsage: "SALES_RESOURCE_ORG",
      ResourceEndDate: "4712-12-31", CreateUserAccountFlag: null, ResourceType: "INDIVIDUAL", PersonType: "EMP",
      __ORACO__Segment_c: null, ResourceManagerPartyId: 100010034246635,
    });
    expect(reply.body.ResourceProfileId).toBe(reply.body.ResourcePartyId - 1);
  });

  test("the ETag header is the self link's change indicator; If-None-Match with it answers 304", async () => {
    const reply = await oracle.api.getUser(abcde.partyNumber);
    const etag = reply.headers.get("etag");
    expect(etag).toMatch(/^ACED0005737200[0-9A-F]{40}$/);
    expect(reply.body.links[0].properties).toEqual({ changeIndicator: etag });
    const again = await oracle.api.get(selfHref(reply.body), {}, { "if-none-match": `"${etag}"` });
    expect(again.status).toBe(304);
    expect((await oracle.api.get(selfHref(reply.body), {}, { "if-none-match": "ACED00057372000000" })).status).toBe(200);
  });
});

describe("POST resourceUsers", () => {
  test("creates with defaults: generated party number, hire date today, account with Username = e-mail", async () => {
    const reply = await oracle.api.post("resourceUsers", newUser());
    expect(reply.status).toBe(201);
    const self = selfHref(reply.body);
    expect(reply.headers.get("location")).toBe(self);
    expect(reply.headers.get("etag")).toBe(reply.body.links[0].properties.changeIndicator);
    expect(reply.body).toMatchObject({
      ResourcePartyNumber: "CDRM_900101", PartyName: "Ada Okafor", HireDate: today(), ResourceStartDate: today(),
      ResourceEndDate: "4712-12-31", UserStatus: "A", Username: "ada.okafor@vision.example", CreatedBy: "sales_cloud_user",
      LastUpdatedBy: "sales_cloud_user", CreateUserAccountFlag: null, ResourceType: "INDIVIDUAL", PersonType: "EMP",
      TopResourceFlag: false, FormattedAddress: null, City: null, UpdateFlag: "true", DeleteFlag: "false",
    });
    expect(reply.body.CreationDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
    expect(reply.body.PersonNumber).toMatch(/^\d+$/);
    expect(await oracle.api.userHref("CDRM_900101")).toBe(self);
    expect((await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "second@vision.example" }))).body.ResourcePartyNumber).toBe("CDRM_900102");
  });

  test("takes the given party number, dates, address, phones and flex fields", async () => {
    const reply = await oracle.api.post("resourceUsers", newUser({
      ResourcePartyNumber: "AGT_0001", HireDate: "2025-02-03", ResourceStartDate: "2025-03-01", ResourceEndDate: "2026-12-31",
      AddressLine1: "1 Main St", State: "NY", RawWorkPhoneNumber: "2125550100", WorkPhoneCountryCode: "1", Title: "DR.",
      BusinessUnit: "Vision Services", LegalEntity: "Vision Operations", JobCode: "AGENT1", TimezoneCode: "America/New_York",
      TopResourceFlag: true, PersonType: "CWK", __ORACO__Segment_c: "ENTERPRISE", __ORACO__DistributionCentre_Id_c: 42,
    }));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      ResourcePartyNumber: "AGT_0001", HireDate: "2025-02-03", ResourceStartDate: "2025-03-01", ResourceEndDate: "2026-12-31",
      FormattedAddress: "1 Main St,NY", BusinessUnit: "Vision Services", TopResourceFlag: true, PersonType: "CWK",
      __ORACO__Segment_c: "ENTERPRISE", __ORACO__DistributionCentre_Id_c: 42, __ORACO__DistributionCentre_c: null,
    });
    // Without a hire date, the start date is the hire date.
    const started = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "b@vision.example", ResourceStartDate: "2024-01-15" }));
    expect(started.body).toMatchObject({ HireDate: "2024-01-15", ResourceStartDate: "2024-01-15" });
  });

  test("reports every problem at once: required, length, type, date, read-only, unknown", async () => {
    const reply = await oracle.api.post(
      "resourceUsers",
      {
        FirstName: "x".repeat(151), TopResourceFlag: "Y", ResourceEndDate: "2019-06-31", PartyName: "Ada", Whatever: 1,
        __ORACO__DistributionCentre_Id_c: "7", RawWorkPhoneNumber: "1".repeat(61), CreateUserAccountFlag: "true",
      },
      { "REST-Framework-Version": "4" },
    );
    expect(reply.status).toBe(400);
    expect(errorCodes(reply.body).sort()).toEqual(["25009", "25009", "25009", "25009", "25058", "27008", "27010", "27010", "27014", "27014"].sort());
    const details = reply.body["o:errorDetails"].map((d: { detail: string }) => d.detail).join("\n");
    for (const name of ["FirstName", "TopResourceFlag", "ResourceEndDate", "PartyName", "Whatever", "LastName", "ResourceEmail"]) expect(details).toContain(name);
    expect((await oracle.api.get("resourceUsers")).body.count).toBe(6);
  });

  test("refuses dates that are not real days, in every date attribute", async () => {
    for (const [name, value] of [["HireDate", "2019-02-29"], ["ResourceEndDate", "2019-06-31"], ["IndividualRoleStartDate", "2020-13-01"], ["ResourceStartDate", "2020-1-5"], ["ResourceEndDate", "2020-01-05T00:00:00"]]) {
      const reply = await oracle.api.post("resourceUsers", newUser({ [name]: value }), { "REST-Framework-Version": "4" });
      expect([name, value, reply.status, errorCodes(reply.body)]).toEqual([name, value, 400, ["25009"]]);
    }
    const leap = await oracle.api.post("resourceUsers", newUser({ HireDate: "2024-02-29" }));
    expect(leap.status).toBe(201);
  });

  test("ResourceEmail must be an address and unique ignoring case; ResourcePartyNumber unique; at most 30 characters", async () => {
    const v4 = { "REST-Framework-Version": "4" };
    const duplicateEmail = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: johnSmith.email.toUpperCase() }), v4);
    expect(errorCodes(duplicateEmail.body)).toEqual(["25013"]);
    const duplicateNumber = await oracle.api.post("resourceUsers", newUser({ ResourcePartyNumber: dianeCho.partyNumber }), v4);
    expect(errorCodes(duplicateNumber.body)).toEqual(["25013"]);
    const notAnAddress = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "ada.okafor" }), v4);
    expect(errorCodes(notAnAddress.body)).toEqual(["27024"]);
    const longNumber = await oracle.api.post("resourceUsers", newUser({ ResourcePartyNumber: "P".repeat(31) }), v4);
    expect(errorCodes(longNumber.body)).toEqual(["27010"]);
  });

  test("CreateUserAccountFlag false makes a resource without account: no Username, no UserStatus", async () => {
    const reply = await oracle.api.post("resourceUsers", newUser({ CreateUserAccountFlag: false }));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ Username: null, UserStatus: null, CreateUserAccountFlag: null });
    const withStatus = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "x@vision.example", CreateUserAccountFlag: false, UserStatus: "A" }));
    expect(withStatus.status).toBe(400);
    const suspended = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "s@vision.example", UserStatus: "S" }));
    expect(suspended.body.UserStatus).toBe("S");
  });

  test("organization, org role and individual role codes are checked; membership and individual role dates default", async () => {
    const reply = await oracle.api.post("resourceUsers", newUser({
      HireDate: "2025-05-05", ResourceOrganizationName: "EMEA Service", ResourceOrgRoleCode: "CUSTOMER_SERVICE_MANAGER", IndividualRoleCode: "IMPLEMENTOR",
    }));
    expect(reply.body).toMatchObject({
      ResourceOrganizationUsage: "SERVICE_RESOURCE_ORG", ResourceOrgRoleName: "Customer Service Manager",
      ResourceOrgMemRoleStartDate: "2025-05-05", ResourceOrgMemRoleEndDate: "4712-12-31",
      IndividualRoleStartDate: "2025-05-05", IndividualRoleEndDate: "4712-12-31",
    });
    const v4 = { "REST-Framework-Version": "4" };
    const badOrg = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "o@vision.example", ResourceOrganizationName: "Nowhere" }), v4);
    expect(errorCodes(badOrg.body)).toEqual(["27024"]);
    const badCode = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "o@vision.example", ResourceOrganizationName: "NA Sales", ResourceOrgRoleCode: "CEO" }), v4);
    expect(errorCodes(badCode.body)).toEqual(["27024"]);
    const noOrg = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "o@vision.example", ResourceOrgRoleCode: "SALES_VP" }), v4);
    expect(errorCodes(noOrg.body)).toEqual(["27024"]);
    const backwards = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "o@vision.example", ResourceStartDate: "2025-01-02", ResourceEndDate: "2025-01-01" }), v4);
    expect(errorCodes(backwards.body)).toEqual(["27024"]);
    const values = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "o@vision.example", UserStatus: "I", ResourceType: "GROUP", PersonType: "BOSS" }), v4);
    expect(errorCodes(values.body)).toEqual(["27024", "27024", "27024"]);
  });

  test("roles can be created with the user; a role without start date starts on the hire date", async () => {
    const reply = await oracle.api.post(
      "resourceUsers",
      newUser({
        HireDate: "2025-06-02",
        ResourceRoleAssign: [{ RoleId: roleIdOf("SALES_REPRESENTATIVE") }, { RoleId: roleIdOf("RESELLER"), StartDateActive: "2025-07-01", EndDateActive: "2025-12-31" }],
      }),
    );
    expect(reply.status).toBe(201);
    expect(reply.body).not.toHaveProperty("ResourceRoleAssign");
    const roles = await oracle.api.get(`${selfHref(reply.body)}/child/ResourceRoleAssign`, { onlyData: "true" });
    expect(roles.body.items).toEqual([
      expect.objectContaining({ RoleCode: "SALES_REPRESENTATIVE", StartDateActive: "2025-06-02", EndDateActive: null, RoleResourceId: reply.body.ResourcePartyId }),
      expect.objectContaining({ RoleCode: "RESELLER", StartDateActive: "2025-07-01", EndDateActive: "2025-12-31" }),
    ]);
    const v4 = { "REST-Framework-Version": "4" };
    const unknownRole = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "r@vision.example", ResourceRoleAssign: [{ RoleId: 1 }] }), v4);
    expect(errorCodes(unknownRole.body)).toEqual(["27024"]);
    const twice = await oracle.api.post("resourceUsers", newUser({ ResourceEmail: "r@vision.example", ResourceRoleAssign: [{ RoleId: roleIdOf("IMPLEMENTOR") }, { RoleId: roleIdOf("IMPLEMENTOR") }] }), v4);
    expect(errorCodes(twice.body)).toEqual(["25013"]);
  });
});

describe("PATCH resourceUsers/{id}", () => {
  test("changes only the attributes sent, recomputes derived ones, stamps the update and changes the ETag", async () => {
    const before = await oracle.api.getUser(abcde.partyNumber);
    // The seed's first example.
    const reply = await oracle.api.patch(selfHref(before.body), { FirstName: "ABCDE_updated" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ FirstName: "ABCDE_updated", PartyName: "ABCDE_updated 20200717_1706", LastUpdatedBy: "sales_cloud_user" });
    expect(reply.body.LastUpdateDate).not.toBe(before.body.LastUpdateDate);
    expect(reply.headers.get("etag")).not.toBe(before.headers.get("etag"));
    const unchanged = (item: Record<string, unknown>) => {
      const { FirstName: _f, PartyName: _p, LastUpdateDate: _d, LastUpdatedBy: _b, links: _l, ...rest } = item;
      return rest;
    };
    expect(unchanged(reply.body)).toEqual(unchanged(before.body));
  });

  test("a PATCH that changes nothing keeps the ETag and LastUpdateDate", async () => {
    const before = await oracle.api.getUser(johnSmith.partyNumber);
    const same = await oracle.api.patch(selfHref(before.body), { FirstName: "John", ResourceOrgRoleCode: "SALES_VP", links: before.body.links });
    expect(same.status).toBe(200);
    expect(same.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(same.body.LastUpdateDate).toBe(before.body.LastUpdateDate);
    expect((await oracle.api.patch(selfHref(before.body), {})).headers.get("etag")).toBe(before.headers.get("etag"));
  });

  test("read-only and create-only attributes are refused with 27008, even with their current value", async () => {
    const item = (await oracle.api.getUser(johnSmith.partyNumber)).body;
    const v4 = { "REST-Framework-Version": "4" };
    for (const [name, value] of [["UpdateFlag", "true"], ["PartyName", "John Smith"], ["Username", johnSmith.username], ["City", "Oakland"], ["ResourcePartyId", 1], ["HireDate", "2018-08-20"], ["BusinessUnit", "X"]] as const) {
      const reply = await oracle.api.patch(selfHref(item), { [name]: value }, v4);
      expect([name, reply.status, errorCodes(reply.body)]).toEqual([name, 400, ["27008"]]);
    }
    const message = await oracle.api.patch(selfHref(item), { HireDate: "2018-08-20" }, v4);
    expect(message.body["o:errorDetails"][0].detail).toBe("Attribute HireDate in resourceUsers is not updatable.");
  });

  test("If-Match: a stale change indicator is 412 and changes nothing; the current one or * passes", async () => {
    const first = await oracle.api.getUser(kattySmith.partyNumber);
    const href = selfHref(first.body);
    const etag = first.headers.get("etag")!;
    // Someone else changes the user in between.
    await oracle.api.patch(href, { ResourceParentOrganizationName: "GLOBAL_SALES" });
    const stale = await oracle.api.patch(href, { FirstName: "Kathy" }, { "if-match": etag, "REST-Framework-Version": "4" });
    expect(stale.status).toBe(412);
    expect(errorCodes(stale.body)).toEqual(["25014"]);
    const current = await oracle.api.get(href);
    expect(current.body.FirstName).toBe("Katty");
    const ok = await oracle.api.patch(href, { FirstName: "Kathy" }, { "if-match": `"${current.headers.get("etag")}"` });
    expect(ok.status).toBe(200);
    expect((await oracle.api.patch(href, { MiddleName: "J" }, { "if-match": "*" })).status).toBe(200);
  });

  test("null clears an optional attribute; required or defaulted ones cannot be null; ResourceEndDate null is open-ended", async () => {
    const href = await oracle.api.userHref(kattySmith.partyNumber);
    const cleared = await oracle.api.patch(href, { RawWorkPhoneNumber: null, AddressLine1: null });
    expect(cleared.body).toMatchObject({ RawWorkPhoneNumber: null, AddressLine1: null, FormattedAddress: "REDWOOD CITY, CA 944065" });
    const v4 = { "REST-Framework-Version": "4" };
    for (const name of ["LastName", "ResourceEmail", "ResourceStartDate", "UserStatus", "TopResourceFlag"]) {
      const reply = await oracle.api.patch(href, { [name]: null }, v4);
      expect([name, errorCodes(reply.body)]).toEqual([name, ["27014"]]);
    }
    const ended = await oracle.api.patch(href, { ResourceEndDate: "2099-01-31" });
    expect(ended.body.ResourceEndDate).toBe("2099-01-31");
    expect((await oracle.api.patch(href, { ResourceEndDate: null })).body.ResourceEndDate).toBe("4712-12-31");
  });

  test("the seed's promote and transfer examples; leaving the organization clears the membership", async () => {
    const href = await oracle.api.userHref(kattySmith.partyNumber);
    const promoted = await oracle.api.patch(href, { ResourceOrgRoleCode: "SALES_VP" });
    expect(promoted.body).toMatchObject({ ResourceOrgRoleCode: "SALES_VP", ResourceOrgRoleName: "Sales Vice President" });
    const moved = await oracle.api.patch(href, { ResourceParentOrganizationName: "GLOBAL_SALES" });
    expect(moved.body).toMatchObject({ ResourceParentOrganizationName: "GLOBAL_SALES", ResourceOrganizationName: "KSmithOrg" });
    expect((await oracle.api.patch(href, { ResourceParentOrganizationName: "Mars Sales" })).status).toBe(400);
    const left = await oracle.api.patch(href, { ResourceOrganizationName: null });
    expect(left.body).toMatchObject({
      ResourceOrganizationName: null, ResourceOrganizationUsage: null, ResourceOrgRoleCode: null, ResourceOrgRoleName: null,
      ResourceOrgMemRoleStartDate: null, ResourceOrgMemRoleEndDate: null,
    });
    const joined = await oracle.api.patch(href, { ResourceOrganizationName: "NA Sales" });
    expect(joined.body).toMatchObject({ ResourceOrganizationName: "NA Sales", ResourceOrgMemRoleStartDate: today(), ResourceOrgMemRoleEndDate: "4712-12-31" });
  });

  test("changing ResourceEmail keeps the Username; ResourcePartyNumber may change but stays unique", async () => {
    const href = await oracle.api.userHref(johnSmith.partyNumber);
    const moved = await oracle.api.patch(href, { ResourceEmail: "j.smith@dnd.vision.com", ResourcePartyNumber: "Conta504977" });
    expect(moved.body).toMatchObject({ ResourceEmail: "j.smith@dnd.vision.com", Username: johnSmith.username, ResourcePartyNumber: "Conta504977" });
    expect(await oracle.api.userHref("Conta504977")).toBe(href);
    expect((await oracle.api.patch(href, { ResourcePartyNumber: dianeCho.partyNumber })).status).toBe(400);
    expect((await oracle.api.patch(href, { ResourceEmail: kattySmith.email })).status).toBe(400);
  });

  test("PATCH of an unknown key is 404 with ADF's row-not-found code", async () => {
    const reply = await oracle.api.patch("resourceUsers/00020000000EACED0000", { FirstName: "x" }, { "REST-Framework-Version": "4" });
    expect(reply.status).toBe(404);
    expect(errorCodes(reply.body)).toEqual(["25020"]);
  });
});

describe("status: suspend, reactivate, end-date", () => {
  test("A → S → A with UserStatus (the seed's suspend and reactivate examples); I cannot be set", async () => {
    const href = await oracle.api.userHref(johnSmith.partyNumber);
    expect((await oracle.api.patch(href, { UserStatus: "S" })).body.UserStatus).toBe("S");
    expect((await oracle.api.patch(href, { UserStatus: "A" })).body.UserStatus).toBe("A");
    const inactive = await oracle.api.patch(href, { UserStatus: "I" }, { "REST-Framework-Version": "4" });
    expect(errorCodes(inactive.body)).toEqual(["27024"]);
    expect((await oracle.api.get(await oracle.api.userHref(dianeCho.partyNumber))).body.UserStatus).toBe("S");
  });

  test("end-dating to today or earlier reports I at once; the seed's 2019-06-31 is refused", async () => {
    const href = await oracle.api.userHref(dianeCho.partyNumber);
    expect((await oracle.api.patch(href, { ResourceEndDate: "2019-06-31" })).status).toBe(400);
    const ended = await oracle.api.patch(href, { ResourceEndDate: today() });
    expect(ended.body).toMatchObject({ ResourceEndDate: today(), UserStatus: "I" });
    const future = await oracle.api.post("resourceUsers", newUser({ ResourceEndDate: "2099-12-31" }));
    expect(future.body.UserStatus).toBe("A");
    const before = await oracle.api.patch(href, { ResourceEndDate: "2018-08-19" });
    expect(before.status).toBe(400);
  });

  test("an end-dated user is not reactivated by UserStatus alone; moving the end date (with or without it) does", async () => {
    const href = await oracle.api.userHref(raviPatel.partyNumber);
    expect((await oracle.api.get(href)).body).toMatchObject({ UserStatus: "I", ResourceEndDate: "2019-06-30" });
    const alone = await oracle.api.patch(href, { UserStatus: "A" }, { "REST-Framework-Version": "4" });
    expect(alone.status).toBe(400);
    expect(alone.body["o:errorDetails"][0].detail).toContain("end-dated");
    const back = await oracle.api.patch(href, { ResourceEndDate: null, UserStatus: "S" });
    expect(back.body).toMatchObject({ UserStatus: "S", ResourceEndDate: "4712-12-31" });
    // End-dating leaves roles as they were.
    const roles = await oracle.api.get(`${href}/child/ResourceRoleAssign`);
    expect(roles.body.items[0].EndDateActive).toBe("2019-06-30");
  });

  test("without a user account UserStatus is refused; CreateUserAccountFlag true creates the account", async () => {
    const href = await oracle.api.userHref(meiTanaka.partyNumber);
    expect((await oracle.api.get(href)).body).toMatchObject({ Username: null, UserStatus: null, __ORACO__Segment_c: "SMB", PersonType: "CWK" });
    expect((await oracle.api.patch(href, { UserStatus: "A" })).status).toBe(400);
    const created = await oracle.api.patch(href, { CreateUserAccountFlag: true });
    expect(created.body).toMatchObject({ Username: meiTanaka.email, UserStatus: "A", CreateUserAccountFlag: null });
    expect((await oracle.api.patch(href, { UserStatus: "S" })).body.UserStatus).toBe("S");
  });
});

describe("ResourceRoleAssign child", () => {
  const rolesOf = async (api: OracleApi, partyNumber: string) => `${await api.userHref(partyNumber)}/child/ResourceRoleAssign`;

  test("lists a user's role assignments with links, q and fields", async () => {
    const reply = await oracle.api.get(await rolesOf(oracle.api, kattySmith.partyNumber));
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain(COLLECTION_TYPE);
    expect(reply.body).toMatchObject({ count: 2, hasMore: false });
    expect(reply.body.items[0]).toMatchObject({ RoleId: roleIdOf("SALES_REPRESENTATIVE"), RoleCode: "SALES_REPRESENTATIVE", PartyName: "Katty Smith" });
    const resellers = await oracle.api.get(await rolesOf(oracle.api, kattySmith.partyNumber), { q: "RoleCode=RESELLER", fields: "RoleCode", onlyData: "true" });
    expect(resellers.body.items).toEqual([{ RoleCode: "RESELLER" }]);
  });

  test("POST adds a role (start date defaults to the hire date), and the user's ETag changes", async () => {
    const userHref = await oracle.api.userHref(abcde.partyNumber);
    const etagBefore = (await oracle.api.get(userHref)).headers.get("etag");
    const reply = await oracle.api.post(`${userHref}/child/ResourceRoleAssign`, { RoleId: roleIdOf("SALES_MANAGER") });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ RoleCode: "SALES_MANAGER", StartDateActive: "2007-05-01", EndDateActive: null, PartyName: "ABCDE 20200717_1706" });
    expect(reply.headers.get("location")).toBe(selfHref(reply.body));
    expect(reply.headers.get("etag")).toBe(reply.body.links[0].properties.changeIndicator);
    expect((await oracle.api.get(userHref)).headers.get("etag")).not.toBe(etagBefore);
    expect((await oracle.api.get(reply.headers.get("location")!)).body.RoleRelateId).toBe(reply.body.RoleRelateId);
  });

  test("POST refuses an overlapping duplicate, a missing or unknown RoleId, read-only attributes and backwards dates", async () => {
    const href = await rolesOf(oracle.api, kattySmith.partyNumber);
    const v4 = { "REST-Framework-Version": "4" };
    const post = async (body: Record<string, unknown>) => errorCodes((await oracle.api.post(href, body, v4)).body);
    expect(await post({ RoleId: roleIdOf("SALES_REPRESENTATIVE"), StartDateActive: "2030-01-01" })).toEqual(["25013"]);
    expect(await post({})).toEqual(["27014"]);
    expect(await post({ RoleId: 42 })).toEqual(["27024"]);
    expect(await post({ RoleId: String(roleIdOf("SALES_VP")) })).toEqual(["25009"]);
    expect(await post({ RoleId: roleIdOf("SALES_VP"), RoleCode: "SALES_VP" })).toEqual(["27008"]);
    expect(await post({ RoleId: roleIdOf("SALES_VP"), StartDateActive: "2025-02-01", EndDateActive: "2025-01-01" })).toEqual(["27024"]);
    // The RESELLER assignment ended 2024-12-31: a new one after it does not overlap.
    expect((await oracle.api.post(href, { RoleId: roleIdOf("RESELLER"), StartDateActive: "2025-01-01" })).status).toBe(201);
  });

  test("PATCH changes the dates only, honours If-Match; DELETE removes the assignment", async () => {
    const href = await rolesOf(oracle.api, johnSmith.partyNumber);
    const role = (await oracle.api.get(href)).body.items[0];
    const roleHref = selfHref(role);
    const ended = await oracle.api.patch(roleHref, { EndDateActive: "2026-06-30" });
    expect(ended.body).toMatchObject({ EndDateActive: "2026-06-30", StartDateActive: "2018-08-20" });
    expect(ended.headers.get("etag")).not.toBe(role.links[0].properties.changeIndicator);
    expect((await oracle.api.patch(roleHref, { RoleId: roleIdOf("SALES_MANAGER") })).status).toBe(400);
    const stale = await oracle.api.patch(roleHref, { EndDateActive: null }, { "if-match": role.links[0].properties.changeIndicator });
    expect(stale.status).toBe(412);
    expect((await oracle.api.delete(roleHref, { "if-match": role.links[0].properties.changeIndicator })).status).toBe(412);
    const deleted = await oracle.api.delete(roleHref, { "if-match": ended.headers.get("etag")! });
    expect(deleted.status).toBe(204);
    expect((await oracle.api.get(roleHref)).status).toBe(404);
    expect((await oracle.api.get(href)).body.count).toBe(0);
  });

  test("the user's PATCH can end-date existing assignments by RoleRelateId, and nothing else", async () => {
    const userHref = await oracle.api.userHref(kattySmith.partyNumber);
    const [rep] = (await oracle.api.get(`${userHref}/child/ResourceRoleAssign`)).body.items;
    const etagBefore = (await oracle.api.get(userHref)).headers.get("etag");
    const reply = await oracle.api.patch(userHref, { ResourceRoleAssign: [{ RoleRelateId: rep.RoleRelateId, EndDateActive: "2026-03-31" }] });
    expect(reply.status).toBe(200);
    const roles = await oracle.api.get(`${userHref}/child/ResourceRoleAssign`, { onlyData: "true" });
    expect(roles.body.items.map((r: { EndDateActive: string }) => r.EndDateActive)).toEqual(["2026-03-31", "2024-12-31"]);
    expect(reply.headers.get("etag")).not.toBe(etagBefore);
    const v4 = { "REST-Framework-Version": "4" };
    const add = await oracle.api.patch(userHref, { ResourceRoleAssign: [{ RoleId: roleIdOf("SALES_VP") }] }, v4);
    expect(errorCodes(add.body)).toEqual(["27014"]);
    const start = await oracle.api.patch(userHref, { ResourceRoleAssign: [{ RoleRelateId: rep.RoleRelateId, StartDateActive: "2019-01-01" }] }, v4);
    expect(errorCodes(start.body)).toEqual(["27008"]);
    const missing = await oracle.api.patch(userHref, { ResourceRoleAssign: [{ RoleRelateId: 1, EndDateActive: "2026-03-31" }] }, v4);
    expect(missing.status).toBe(400);
    const badDate = await oracle.api.patch(userHref, { ResourceRoleAssign: [{ RoleRelateId: rep.RoleRelateId, EndDateActive: "2026-02-30" }] }, v4);
    expect(errorCodes(badDate.body)).toEqual(["25009"]);
  });

  test("a role under an unknown user or an unknown RoleRelateId is 404", async () => {
    expect((await oracle.api.get("resourceUsers/nope/child/ResourceRoleAssign")).status).toBe(404);
    const href = await rolesOf(oracle.api, johnSmith.partyNumber);
    expect((await oracle.api.get(`${href}/123`)).status).toBe(404);
    expect((await oracle.api.get(`${href}/abc`)).status).toBe(404);
  });
});
