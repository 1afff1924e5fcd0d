/**
 * The connection of every vendor API to a running emulator, as the environment variables the
 * providers read (`CCE_*`, `ORACLE_*`, `RISKCC_*`, `UCPORTAL_*`), logged in as the seeded demo
 * users. The demo, the benchmark and the examples test all point their runs at an emulator so.
 */
import { cceDemoCredentials } from "./cce/tenant";
import { oracleDemoCredentials } from "./oracle/tenant";
import { riskccDemoCredentials } from "./riskcc/customers";
import { ucportalDemoTenants, ucportalDemoTokens } from "./ucportal/tenant";

export function demoConnectionEnv(emulatorUrl: string): Record<string, string> {
  return {
    CCE_URL: `${emulatorUrl}/portal/services`,
    CCE_USERNAME: cceDemoCredentials.admin.username,
    CCE_PASSWORD: cceDemoCredentials.admin.password,
    ORACLE_URL: emulatorUrl,
    ORACLE_USERNAME: oracleDemoCredentials.salesCloudUser.username,
    ORACLE_PASSWORD: oracleDemoCredentials.salesCloudUser.password,
    RISKCC_URL: emulatorUrl,
    RISKCC_USERNAME: riskccDemoCredentials.admin.username,
    RISKCC_PASSWORD: riskccDemoCredentials.admin.password,
    UCPORTAL_URL: `${emulatorUrl}/ucportal`,
    UCPORTAL_CUSTOMER_ID: ucportalDemoTenants.acme,
    UCPORTAL_TOKEN: ucportalDemoTokens.acme,
  };
}
