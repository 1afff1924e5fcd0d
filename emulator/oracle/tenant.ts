/**
 * The Oracle CX emulator's seeded data: the API users, the catalogues resource users point
 * at (resource roles, resource organizations, phone country codes) and six resource users
 * of varied status built from the seed's own examples (John Smith, Katty Smith, Diane Cho,
 * ABCDE 20200717_1706). Exported so tests and the demo use one source.
 */

/** Basic-auth logins of the emulated pod. `salesCloudUser` is the seed's cURL user. */
export const oracleDemoCredentials = {
  /** Reads and writes resource users. */
  salesCloudUser: { username: "sales_cloud_user", password: "Sales-Cloud-2026!" },
  /** Reads only: writes answer 403, items show UpdateFlag "false". */
  viewer: { username: "sales_viewer", password: "Sales-Viewer-2026!" },
} as const;

export interface ApiUser {
  username: string;
  password: string;
  canWrite: boolean;
}

export const oracleApiUsers: ApiUser[] = [
  { ...oracleDemoCredentials.salesCloudUser, canWrite: true },
  { ...oracleDemoCredentials.viewer, canWrite: false },
];

export interface ResourceRole {
  RoleId: number;
  RoleCode: string;
  RoleName: string;
}

/** Resource roles: what `ResourceRoleAssign.RoleId`, `ResourceOrgRoleCode` and `IndividualRoleCode` name. */
export const oracleRoleCatalog: ResourceRole[] = [
  { RoleId: 300100010000101, RoleCode: "SALES_REPRESENTATIVE", RoleName: "Sales Representative" },
  { RoleId: 300100010000102, RoleCode: "SALES_MANAGER", RoleName: "Sales Manager" },
  { RoleId: 300100010000103, RoleCode: "SALES_VP", RoleName: "Sales Vice President" },
  { RoleId: 300100010000104, RoleCode: "CUSTOMER_SERVICE_REPRESENTATIVE", RoleName: "Customer Service Representative" },
  { RoleId: 300100010000105, RoleCode: "CUSTOMER_SERVICE_MANAGER", RoleName: "Customer Service Manager" },
  { RoleId: 300100010000106, RoleCode: "IMPLEMENTOR", RoleName: "Implementor" },
  { RoleId: 300100010000107, RoleCode: "RESELLER", RoleName: "Reseller" },
];

/** Resource organizations by name, with their usage (`ResourceOrganizationUsage`). */
export const oracleOrganizations: Record<string, string> = {
  GLOBAL_SALES: "SALES_RESOURCE_ORG",
  "NA Sales": "SALES_RESOURCE_ORG",
  JSmithOrg: "SALES_RESOURCE_ORG",
  KSmithOrg: "SALES_RESOURCE_ORG",
  "EMEA Service": "SERVICE_RESOURCE_ORG",
};

/** The phone country code LOV behind FaxCountryCodeVA, MobilePhoneCountryCodeVA and WorkPhoneCountryCodeVA. */
export const oraclePhoneCountryCodes = [
  { PhoneCountryCode: "1", TerritoryShortName: "United States" },
  { PhoneCountryCode: "33", TerritoryShortName: "France" },
  { PhoneCountryCode: "44", TerritoryShortName: "United Kingdom" },
  { PhoneCountryCode: "49", TerritoryShortName: "Germany" },
  { PhoneCountryCode: "81", TerritoryShortName: "Japan" },
  { PhoneCountryCode: "91", TerritoryShortName: "India" },
];

/** What chatAuthenticate reports about the channel server. */
export const oracleChatSettings = {
  domain: "vision.widget.custhelp.example",
  poolId: "365:1",
  chatSiteName: "vision",
  clientType: "CONSUMER",
} as const;

/** Open-ended "to" date, as Oracle stores it. */
export const END_OF_TIME = "4712-12-31";

export interface RoleAssignment {
  RoleRelateId: number;
  RoleId: number;
  StartDateActive: string;
  EndDateActive: string | null;
  /** Bumped on every change; the item's change indicator is derived from it. */
  revision: number;
}

/**
 * One resource user as stored: `attrs` holds every stored attribute under its wire name
 * (writable ones and the server-set ones such as ResourcePartyId, Username, CreationDate);
 * computed ones (PartyName, FormattedAddress, UserStatus, flags) are derived when read.
 */
export interface ResourceUserRecord {
  uniqId: string;
  revision: number;
  attrs: Record<string, unknown>;
  /** The account's own status; null without a user account. Reported as "I" once end-dated. */
  accountStatus: "A" | "S" | null;
  roles: RoleAssignment[];
}

export interface OracleData {
  users: ResourceUserRecord[];
  nextPartyId: number;
  nextRoleRelateId: number;
  nextPartyNumber: number;
}

/** The seeded users' identities, for tests and the demo. */
export const oracleDemoUsers = {
  johnSmith: { partyNumber: "Conta504976", email: "john.smith@dnd.vision.com", username: "jsmith439906587" },
  kattySmith: { partyNumber: "Conta855676", email: "katty.smith@dnd.vision.com", username: "ksmith855676" },
  dianeCho: { partyNumber: "Conta765982", email: "diane.cho@dnd.vision.com", username: "dcho" },
  abcde: { partyNumber: "CDRM_885912", email: "ABC_20200717_1706@oracle.com", username: "ABC_20200717_1706@oracle.com" },
  raviPatel: { partyNumber: "Conta310044", email: "ravi.patel@dnd.vision.com", username: "rpatel" },
  meiTanaka: { partyNumber: "CDRM_900002", email: "mei.tanaka@partner.vision.com", username: null },
} as const;

const roleId = (code: string) => oracleRoleCatalog.find((role) => role.RoleCode === code)!.RoleId;

/** Attributes every seeded user starts from; each seed overrides what differs. */
function baseAttrs(): Record<string, unknown> {
  return {
    ResourceType: "INDIVIDUAL",
    PersonType: "EMP",
    TopResourceFlag: false,
    ResourceEndDate: END_OF_TIME,
    BusinessUnit: "Vision Corporation Enterprise",
    LegalEntity: "Vision Corporation",
    CreatedBy: "SALES_ADMIN",
    LastUpdatedBy: "SALES_ADMIN",
  };
}

interface SeedUser {
  attrs: Record<string, unknown>;
  accountStatus: "A" | "S" | null;
  roles: Array<{ code: string; StartDateActive: string; EndDateActive?: string }>;
}

const visionManager = {
  ResourceManagerFirstName: "Phil",
  ResourceManagerLastName: "Gioco",
  ResourceManagerPartyNumber: "100010034246635",
  ResourceManagerPartyId: 100010034246635,
  HRManagerEmailAddress: "hrMan247134917@vision.com",
};

const oracleParkway = {
  AddressLine1: "500 Oracle Parkway",
  City: "Redwood City",
  State: "CA",
  PostalCode: "944065",
  Country: "US",
  RawWorkPhoneNumber: "6505061212",
  WorkPhoneCountryCode: "1",
};

function seedUsers(): SeedUser[] {
  return [
    {
      accountStatus: "A",
      attrs: {
        ...oracleParkway, ...visionManager,
        FirstName: "John", LastName: "Smith", ResourcePartyNumber: oracleDemoUsers.johnSmith.partyNumber,
        ResourceEmail: oracleDemoUsers.johnSmith.email, Username: oracleDemoUsers.johnSmith.username,
        HireDate: "2018-08-20", ResourceStartDate: "2018-08-20",
        ResourceOrganizationName: "JSmithOrg", ResourceOrgRoleCode: "SALES_VP", ResourceParentOrganizationName: "NA Sales",
        ResourceOrgMemRoleStartDate: "2018-08-20", ResourceOrgMemRoleEndDate: END_OF_TIME,
        CreationDate: "2018-08-20T18:30:02.114+00:00", LastUpdateDate: "2018-08-21T09:12:40.317+00:00",
      },
      roles: [{ code: "SALES_VP", StartDateActive: "2018-08-20" }],
    },
    {
      accountStatus: "A",
      attrs: {
        ...oracleParkway, ...visionManager,
        FirstName: "Katty", LastName: "Smith", ResourcePartyNumber: oracleDemoUsers.kattySmith.partyNumber,
        ResourceEmail: oracleDemoUsers.kattySmith.email, Username: oracleDemoUsers.kattySmith.username,
        HireDate: "2018-08-20", ResourceStartDate: "2018-08-20",
        ResourceOrganizationName: "KSmithOrg", ResourceOrgRoleCode: "SALES_REPRESENTATIVE", ResourceParentOrganizationName: "NA Sales",
        ResourceOrgMemRoleStartDate: "2018-08-20", ResourceOrgMemRoleEndDate: END_OF_TIME,
        CreationDate: "2018-08-20T18:31:45.502+00:00", LastUpdateDate: "2018-08-20T18:31:45.502+00:00",
      },
      roles: [
        { code: "SALES_REPRESENTATIVE", StartDateActive: "2018-08-20" },
        { code: "RESELLER", StartDateActive: "2020-01-01", EndDateActive: "2024-12-31" },
      ],
    },
    {
      accountStatus: "S",
      attrs: {
        ...visionManager,
        FirstName: "Diane", LastName: "Cho", ResourcePartyNumber: oracleDemoUsers.dianeCho.partyNumber,
        ResourceEmail: oracleDemoUsers.dianeCho.email, Username: oracleDemoUsers.dianeCho.username,
        AddressLine1: "100 Market Street", City: "San Francisco", State: "CA", PostalCode: "94105", Country: "US",
        RawWorkPhoneNumber: "4155551212", HireDate: "2018-08-20", ResourceStartDate: "2018-08-20",
        ResourceOrganizationName: "NA Sales", ResourceOrgRoleCode: "SALES_REPRESENTATIVE", ResourceParentOrganizationName: "NA Sales",
        ResourceOrgManagerEmail: "CEO.CRM+TM40@ap6023fems.us.vision.com",
        ResourceOrgMemRoleStartDate: "2018-08-20", ResourceOrgMemRoleEndDate: END_OF_TIME,
        CreationDate: "2018-08-20T18:34:29.001+00:00", LastUpdateDate: "2018-08-20T18:34:56.289+00:00",
      },
      roles: [{ code: "SALES_REPRESENTATIVE", StartDateActive: "2018-08-20" }],
    },
    {
      accountStatus: "A",
      attrs: {
        FirstName: "ABCDE", LastName: "20200717_1706", Title: "MR.", ResourcePartyNumber: oracleDemoUsers.abcde.partyNumber,
        ResourceEmail: oracleDemoUsers.abcde.email, Username: oracleDemoUsers.abcde.username,
        HireDate: "2007-05-01", ResourceStartDate: "2007-05-01",
        IndividualRoleCode: "SALES_MANAGER", IndividualRoleStartDate: "2007-05-01", IndividualRoleEndDate: END_OF_TIME,
        CreatedBy: "sales_admin", LastUpdatedBy: "sales_admin",
        CreationDate: "2020-07-20T07:31:27.001+00:00", LastUpdateDate: "2020-07-20T07:31:27.001+00:00",
      },
      roles: [],
    },
    {
      // Stored status A, reported I: the end date is past.
      accountStatus: "A",
      attrs: {
        FirstName: "Ravi", LastName: "Patel", ResourcePartyNumber: oracleDemoUsers.raviPatel.partyNumber,
        ResourceEmail: oracleDemoUsers.raviPatel.email, Username: oracleDemoUsers.raviPatel.username,
        HireDate: "2016-03-14", ResourceStartDate: "2016-03-14", ResourceEndDate: "2019-06-30",
        ResourceOrganizationName: "EMEA Service", ResourceOrgRoleCode: "CUSTOMER_SERVICE_REPRESENTATIVE",
        ResourceOrgMemRoleStartDate: "2016-03-14", ResourceOrgMemRoleEndDate: "2019-06-30", TimezoneCode: "Europe/London",
        RawMobilePhoneNumber: "7700900123", MobilePhoneCountryCode: "44",
        CreationDate: "2016-03-14T08:02:11.730+00:00", LastUpdateDate: "2019-06-30T17:45:03.118+00:00",
      },
      roles: [{ code: "CUSTOMER_SERVICE_REPRESENTATIVE", StartDateActive: "2016-03-14", EndDateActive: "2019-06-30" }],
    },
    {
      // A contractor recorded as a resource without a user account.
      accountStatus: null,
      attrs: {
        FirstName: "Mei", LastName: "Tanaka", ResourcePartyNumber: oracleDemoUsers.meiTanaka.partyNumber,
        ResourceEmail: oracleDemoUsers.meiTanaka.email, Username: null, PersonType: "CWK",
        HireDate: "2023-04-03", ResourceStartDate: "2023-04-03", __ORACO__Segment_c: "SMB",
        CreationDate: "2023-04-03T01:15:40.022+00:00", LastUpdateDate: "2023-04-03T01:15:40.022+00:00",
      },
      roles: [{ code: "IMPLEMENTOR", StartDateActive: "2023-04-03" }],
    },
  ];
}

/** The first ResourcePartyId handed out; ResourceProfileId = party id - 1, PersonNumber = party id + 5 (the seed's pattern). */
const FIRST_PARTY_ID = 300100159661457;
const FIRST_ROLE_RELATE_ID = 300100160000001;
/** Generated party numbers are CDRM_<n> from here. */
export const FIRST_GENERATED_PARTY_NUMBER = 900101;

/** Derived numbers of a new resource, from its party id. */
export function partyNumbers(partyId: number) {
  return { ResourcePartyId: partyId, ResourceProfileId: partyId - 1, PersonNumber: String(partyId + 5) };
}

/**
 * Fresh seeded data. `keyOf` turns a party id into the opaque resourceUsersUniqID, so the
 * keys stay the same across resets of one emulator process.
 */
export function seedOracleData(keyOf: (partyId: number) => string): OracleData {
  let partyId = FIRST_PARTY_ID;
  let roleRelateId = FIRST_ROLE_RELATE_ID;
  const users = seedUsers().map((seed): ResourceUserRecord => {
    const id = partyId;
    partyId += 10;
    return {
      uniqId: keyOf(id),
      revision: 1,
      accountStatus: seed.accountStatus,
      attrs: { ...baseAttrs(), ...partyNumbers(id), ...seed.attrs },
      roles: seed.roles.map((role) => ({
        RoleRelateId: roleRelateId++,
        RoleId: roleId(role.code),
        StartDateActive: role.StartDateActive,
        EndDateActive: role.EndDateActive ?? null,
        revision: 1,
      })),
    };
  });
  return { users, nextPartyId: partyId, nextRoleRelateId: roleRelateId, nextPartyNumber: FIRST_GENERATED_PARTY_NUMBER };
}
