/**
 * `contact-center recover` removes a stack's lock only when it can show the run that took it
 * is gone: every holder a process of this machine that no longer runs.
 */
import { lockHolders, whyLockStays } from "../../cli/recover";
import { LIFECYCLE_MODULES, LifecycleName, lifecycleOfSource, providerSource } from "../../provider/core/lifecycle-provider";

const locked = (...holders: string[]) =>
  "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n" +
  holders.map((h) => `  file:///tmp/b/.pulumi/locks/organization/p/test/1f.json: created by ${h} at 2026-11-30 10:00:00 +0000 UTC`).join("\n");

test("the holders are read from the DIY backend's lock error", () => {
  expect(lockHolders(locked("root@ci-7 (pid 4242)", "ana@laptop (pid 17)"))).toEqual([
    { host: "ci-7", pid: 4242 },
    { host: "laptop", pid: 17 },
  ]);
  expect(lockHolders("error: [409] Conflict: Another update is currently in progress.")).toBeUndefined();
});

test("a lock stays while its process may run: alive here, or taken on another machine, or not described", () => {
  const aliveOnly = (pid: number) => pid === 4242;
  expect(whyLockStays(locked("root@ci-7 (pid 4242)"), "ci-7", aliveOnly)).toBe("process 4242 on this machine is still running");
  expect(whyLockStays(locked("root@other (pid 99)"), "ci-7", aliveOnly)).toBe("it was taken on other (pid 99), which cannot be checked from here");
  expect(whyLockStays("error: [409] Conflict: Another update is currently in progress.", "ci-7", aliveOnly)).toMatch(/does not say which process/);
  expect(whyLockStays(locked(), "ci-7", aliveOnly)).toMatch(/does not say which process/);
});

test("a lock whose every holder is a process gone from this machine is stale", () => {
  expect(whyLockStays(locked("root@ci-7 (pid 99)", "root@ci-7 (pid 100)"), "ci-7", () => false)).toBeUndefined();
  // One live holder among them keeps it.
  expect(whyLockStays(locked("root@ci-7 (pid 99)", "root@ci-7 (pid 4242)"), "ci-7", (pid) => pid === 4242)).toBe("process 4242 on this machine is still running");
});

test("the lifecycle a pending create needs is read back from the provider source its state holds, and only from one this package wrote", () => {
  for (const lifecycle of Object.keys(LIFECYCLE_MODULES) as LifecycleName[]) {
    expect(lifecycleOfSource(providerSource(lifecycle))).toBe(lifecycle);
  }
  // What release 0.1.0 stored: paths into dist/.
  const release01 = 'exports.handler=()=>require("pulumi-contact-center/dist/provider/core/lifecycle-provider").lifecycleProvider("pulumi-contact-center/dist/provider/ucportal/customer-user.lifecycle");';
  expect(lifecycleOfSource(release01)).toBe("ucportal/customer-user");
  expect(lifecycleOfSource(release01.replace("customer-user.lifecycle", "customer-user"))).toBeUndefined();
  expect(lifecycleOfSource(providerSource("cce/user").replace("pulumi-contact-center", "another-package"))).toBeUndefined();
  expect(lifecycleOfSource("exports.handler = function () { /* a closure-serialized provider */ }")).toBeUndefined();
  expect(lifecycleOfSource(undefined)).toBeUndefined();
});
