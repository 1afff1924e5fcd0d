/** Unit, emulator and provider tests run TypeScript directly; end-to-end tests drive the compiled package through the real Pulumi CLI. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
  testTimeout: 300000,
  setupFilesAfterEnv: ["<rootDir>/test/support/each-test.ts"],
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
