/**
 * The local emulators of the vendor APIs: one HTTP server, one path prefix per vendor.
 * The demo runs against them and the tests drive them over real HTTP.
 */
import { EmulatorOptions, EmulatorServer } from "./server";

export type { EmulatorOptions } from "./server";
export { cceResultCodes, meaningOf, CODE_SUCCESS, CODE_FAILURE } from "./cce/constants";
export type { CceResultCode } from "./cce/constants";
export { cceDemoCredentials, cceDemoIds } from "./cce/tenant";
export { CCE_BASE_PATH } from "./cce/service";
export { encodeLoginValue } from "./cce/login";
export { oracleDemoCredentials, oracleDemoUsers, oracleRoleCatalog, oracleOrganizations, oracleChatSettings } from "./oracle/tenant";
export { ORACLE_BASE_PATH, ORACLE_API_VERSIONS } from "./oracle/wire";
export { oracleChatJwtSecret } from "./oracle/chat";
export { riskccDemoCredentials, riskccDemoCustomers } from "./riskcc/customers";
export { RISKCC_BASE_PATH } from "./riskcc/service";
export { ucportalDemoTenants, ucportalDemoTokens, ucportalDemoUsers, ucportalDemoDevices, ucportalPbxDirectory } from "./ucportal/tenant";
export { UCPORTAL_BASE_PATH, UCPORTAL_API_VERSIONS } from "./ucportal/wire";
export { UCPORTAL_ROLES as ucportalRoleCatalog } from "../provider/ucportal/roles";
export { demoConnectionEnv } from "./demo-connection";

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`; the CCE API is under `${url}/portal/services`, control under `${url}/_emulator`. */
  url: string;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts the emulator server with freshly seeded data.
 *
 * @example
 * const emulator = await startEmulator({ port: 0 });
 * await fetch(`${emulator.url}/_emulator/health`);
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const server = new EmulatorServer(options);
  const url = await server.listen();
  return { url, close: () => server.close() };
}
