/**
 * DeclarationGuard's rules (provider/guard): an empty declaration is refused, and so is one
 * that removes more than a quarter of the stack's objects and more than 10, unless mass
 * deletion is allowed for the run. Through the real check(); the end-to-end behaviour (the
 * preview and the up refused before any write) is in test/e2e/deletion-guard.e2e.test.ts.
 */
import { check, refusal } from "../../provider/guard/declaration-guard.lifecycle";

const inputs = (objects: number, extra: object = {}) => ({ objects, allowMassDeletion: false, maxRemovedShare: 0.25, maxRemovedFloor: 10, ...extra });

test("an empty declaration is refused, whatever the stack held and even with mass deletion allowed", () => {
  expect(refusal(undefined, inputs(0))).toMatch(/^objects: the declaration holds no object, so this run would delete every object of the stack\. Refused: .*run `pulumi destroy`/);
  expect(refusal(40, inputs(0, { allowMassDeletion: true }))).toMatch(/holds no object/);
});

test("a run may remove up to a quarter of the objects, or 10, whichever is more", () => {
  expect(refusal(undefined, inputs(3))).toBeUndefined(); // the first run: nothing to compare with
  expect(refusal(100, inputs(75))).toBeUndefined();
  expect(refusal(100, inputs(74))).toBe(
    "objects: the declaration holds 74 objects, 26 fewer than the 100 the stack held after its last run (26%), and a run may remove at most 25 without an explicit opt-in. " +
      "Check that no file went missing from the declaration; if the removal is meant, set stack config contact-center:allowMassDeletion to true for this run (or CONTACT_CENTER_ALLOW_MASS_DELETION=1)",
  );
  expect(refusal(20, inputs(10))).toBeUndefined(); // 10 removed: the floor
  expect(refusal(20, inputs(9))).toMatch(/at most 10 without/);
  expect(refusal(100, inputs(10, { allowMassDeletion: true }))).toBeUndefined();
  expect(refusal(100, inputs(150))).toBeUndefined();
  expect(refusal(8, inputs(2, { maxRemovedFloor: 0, maxRemovedShare: 0.5 }))).toMatch(/6 fewer than the 8 .* at most 4/);
});

test("check() compares with the state's inputs and reports on the objects field", async () => {
  expect(await check(undefined, { objects: 50 }, { objects: 20 })).toEqual({
    inputs: inputs(20),
    failures: [{ property: "objects", reason: expect.stringContaining("30 fewer than the 50") }],
  });
  expect(await check(undefined, undefined, { objects: 20 })).toEqual({ inputs: inputs(20), failures: [] });
  expect((await check(undefined, {}, { objects: -1 })).failures).toEqual([{ property: "objects", reason: "objects must be 0 or more, got -1" }]);
});
