import { retryAfterMs } from "../../provider/core/http";
import { redact, registerSecret, redactError } from "../../provider/core/secrets";
import { resolveCceConnection } from "../../provider/cce/connection";
import { apiError, isApiError, isTransportError, transportError } from "../../provider/core/errors";

describe("Retry-After", () => {
  test("reads seconds", () => expect(retryAfterMs("3")).toBe(3000));
  test("reads an HTTP date", () => expect(retryAfterMs("Thu, 01 Jan 2026 00:00:10 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(10000));
  test("ignores what it cannot read", () => expect(retryAfterMs("soon")).toBeUndefined());
  test("absent", () => expect(retryAfterMs(undefined)).toBeUndefined());
});

describe("secrets in messages", () => {
  test("a registered secret is replaced everywhere in a message and stack", () => {
    registerSecret("Sup3r-Secret!");
    const error = redactError(new Error("login with Sup3r-Secret! failed (Sup3r-Secret!)"));
    expect(error.message).toBe("login with [secret] failed ([secret])");
    expect(error.stack).not.toContain("Sup3r-Secret!");
    expect(redact("nothing here")).toBe("nothing here");
  });
});

describe("CCE connection", () => {
  const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

  test("stack config wins over the environment", () => {
    const c = resolveCceConnection(config({ "cce:url": "http://a/portal/services/", "cce:username": "u@DEM", "cce:password": "pw-1234" }), {
      CCE_URL: "http://b",
      CCE_USERNAME: "x@LAB",
      CCE_PASSWORD: "other",
    });
    expect(c).toEqual({ url: "http://a/portal/services", username: "u@DEM", password: "pw-1234", tenantId: undefined });
  });

  test("falls back to CCE_* variables", () => {
    const c = resolveCceConnection(config({}), { CCE_URL: "http://b", CCE_USERNAME: "x@LAB", CCE_PASSWORD: "other-pw", CCE_TENANT_ID: "LAB" });
    expect(c).toEqual({ url: "http://b", username: "x@LAB", password: "other-pw", tenantId: "LAB" });
  });

  test("names every missing setting", () => {
    expect(() => resolveCceConnection(config({ "cce:url": "http://a" }), {})).toThrow(
      "The CCE connection is not configured: missing cce:username (or CCE_USERNAME), cce:password (or CCE_PASSWORD; set it with `pulumi config set --secret cce:password ...`).",
    );
  });
});

describe("error family", () => {
  test("an API error leads with the vendor constant and its meaning", () => {
    const e = apiError({ system: "CCE", endpoint: "protected/skills/saveSkillGroup", constant: "SKILL_GROUPS_ALREADY_EXISTS_ERROR", meaning: "exists", detail: "Sales" });
    expect(e.message).toBe("CCE protected/skills/saveSkillGroup failed: SKILL_GROUPS_ALREADY_EXISTS_ERROR: exists (Sales)");
    expect(isApiError(e)).toBe(true);
    expect(isTransportError(e)).toBe(false);
  });

  test("guards work on plain copies (no instanceof across processes)", () => {
    const copy = { ...transportError("lost", true) };
    expect(isTransportError(copy)).toBe(true);
    expect(copy.ambiguous).toBe(true);
  });
});
