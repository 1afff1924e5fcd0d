/**
 * The emulator's call journal (emulator/journal.ts): which calls count as writes, and what of a
 * body it keeps. The journal's order and reset are tested through the server (test/emulator/cce.test.ts).
 */
import { CallJournal, isWrite, journalBody, MASKED } from "../../emulator/journal";

test.each([
  ["POST", "/portal/services/protected/skills/saveSkillGroup", true],
  ["POST", "/portal/services/protected/users/cloneUser", true],
  ["POST", "/portal/services/protected/users/resetPassword", true],
  ["POST", "/portal/services/protected/skills/getSkillGroups", false],
  ["POST", "/portal/services/login/login", false],
  ["GET", "/portal/services/login/logout", false],
  ["PATCH", "/crmRestApi/resources/11.13.18.05/resourceUsers/ABC", true],
  ["GET", "/crmRestApi/resources/11.13.18.05/resourceUsers", false],
  ["PUT", "/risk-cc/customercare/v1/u-100001/provision", true],
  ["DELETE", "/ucportal/v1/customers/cust-acme/users/u1", true],
])("%s %s is a write: %s", (method, path, write) => expect(isWrite(method, path)).toBe(write));

test("bodies keep their fields, with every secret-named one masked at any depth; text bodies mask secret elements", () => {
  const body = journalBody(Buffer.from(JSON.stringify({ loginNm: "dana@DEM", newPassword: "P4ss!", nested: [{ token: "t0k", keep: 1 }], authToken: null })));
  expect(body).toEqual({ loginNm: "dana@DEM", newPassword: MASKED, nested: [{ token: MASKED, keep: 1 }], authToken: null });
  expect(journalBody(Buffer.from("<TempAllowRequest><tempAllowType>1</tempAllowType><password>x</password></TempAllowRequest>"))).toBe(
    `<TempAllowRequest><tempAllowType>1</tempAllowType><password>${MASKED}</password></TempAllowRequest>`,
  );
  expect(journalBody(Buffer.alloc(0))).toBeUndefined();
});

test("the journal keeps the newest entries only, numbered in order", () => {
  const journal = new CallJournal(3);
  for (let i = 0; i < 5; i++) journal.record({ method: "GET", path: `/p${i}`, status: 200, write: false });
  expect(journal.snapshot().entries.map((e) => [e.seq, e.path])).toEqual([[3, "/p2"], [4, "/p3"], [5, "/p4"]]);
});
