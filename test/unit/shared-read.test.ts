import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProcessCache } from "../../provider/core/process-cache";
import { createReadSnapshot, READ_SNAPSHOT_DIR_ENV, READ_SNAPSHOT_KEY_ENV, snapshotRead } from "../../provider/core/read-snapshot";
import {
  clearSharedReads,
  IDENTITY_CHECKS_PER_CALL,
  identityRead,
  IDENTITY_READ_FRESH_MS,
  IDENTITY_READ_MAX_AGE_MS,
  sharedRead,
  SHARED_READ_MAX_AGE_MS,
  SHARED_READ_WINDOW_MS,
} from "../../provider/core/shared-read";

describe("sharedRead: refresh reads of one kind share one list call", () => {
  test("reads that keep coming within the window share the list; after a pause, it is asked for again", async () => {
    clearSharedReads();
    let calls = 0;
    const load = async () => ++calls;
    const start = 1_000_000;
    const together = await Promise.all([0, 10, 4_000].map((after) => sharedRead("groups", load, start + after)));
    expect(together).toEqual([1, 1, 1]);
    // Counted from the last read served (4 s), not from when the list began: a long refresh is one burst.
    expect(await sharedRead("groups", load, start + 4_000 + SHARED_READ_WINDOW_MS - 1)).toBe(1);
    const last = start + 4_000 + SHARED_READ_WINDOW_MS - 1;
    expect(await sharedRead("groups", load, last + SHARED_READ_WINDOW_MS)).toBe(2);
    expect(await sharedRead("other kind", load, last + SHARED_READ_WINDOW_MS)).toBe(3);
  });

  test("a list kept alive by reads is asked for again once it is 10 minutes old", async () => {
    clearSharedReads();
    let calls = 0;
    const load = async () => ++calls;
    const start = 5_000_000;
    const step = SHARED_READ_WINDOW_MS - 1;
    let now = start;
    for (; now < start + SHARED_READ_MAX_AGE_MS; now += step) expect(await sharedRead("users", load, now)).toBe(1);
    expect(await sharedRead("users", load, now)).toBe(2);
  });

  test("a failed list is not kept: the next read asks again", async () => {
    clearSharedReads();
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error("503");
      return "list";
    };
    await expect(sharedRead("flaky", flaky, 0)).rejects.toThrow("503");
    await Promise.resolve();
    expect(await sharedRead("flaky", flaky, 1)).toBe("list");
    expect(calls).toBe(2);
  });
});

describe("identityRead: the checks before deletes share a list while it is young or paying for itself", () => {
  const one = () => 1;

  test("every check in the first 2 s shares the list, apart from refresh's lists, and says whether this call began it", async () => {
    clearSharedReads();
    let calls = 0;
    const load = async () => ++calls;
    const start = 2_000_000;
    expect(await identityRead("users", load, one, start)).toEqual({ list: 1, begunAfterCall: true });
    // Far more checks than the list must pay for: still young, still served.
    for (let i = 0; i < 3 * IDENTITY_CHECKS_PER_CALL; i++) {
      expect(await identityRead("users", load, one, start + IDENTITY_READ_FRESH_MS - 1)).toEqual({ list: 1, begunAfterCall: false });
    }
    // Past 2 s, a list that has paid for itself is begun again.
    expect(await identityRead("users", load, one, start + IDENTITY_READ_FRESH_MS)).toEqual({ list: 2, begunAfterCall: true });
    // Refresh's list of the same kind is another list.
    expect(await sharedRead("users", load, start + IDENTITY_READ_FRESH_MS)).toBe(3);
  });

  test("spaced checks: past 2 s a list serves ten checks per call it cost, and never past 30 s", async () => {
    clearSharedReads();
    let calls = 0;
    const load = async () => ++calls;
    const start = 3_000_000;
    // A slow destroy: one check every 2.5 s. Each list serves ten, then the eleventh begins one.
    const lists: number[] = [];
    for (let i = 0; i < 3 * IDENTITY_CHECKS_PER_CALL; i++) lists.push((await identityRead("agents", load, one, start + i * 2_500)).list);
    expect(lists).toEqual([...Array(10).fill(1), ...Array(10).fill(2), ...Array(10).fill(3)]);

    // A slower one still (a check every 4 s): the list that has not paid for itself ends at 30 s.
    const later = start + 1_000_000;
    const aged: number[] = [];
    for (let i = 0; i * 4_000 < IDENTITY_READ_MAX_AGE_MS + 4_000; i++) aged.push((await identityRead("agents", load, one, later + i * 4_000)).list);
    // 0 to 28 s: one list, having served 8 checks; at 32 s, another.
    expect(aged).toEqual([...Array(8).fill(4), 5]);

    // A paged list of 3 pages pays for itself with 30 checks.
    const paged = start + 2_000_000;
    const served: number[] = [];
    for (let i = 0; i < 31; i++) served.push((await identityRead("pages", load, () => 3, paged + i * 800)).list);
    expect(served).toEqual([...Array(30).fill(6), 7]);
  });
});

describe("the read snapshot a sharded run shares between its provider processes", () => {
  let parent: string;
  beforeEach(async () => {
    parent = await fs.mkdtemp(path.join(os.tmpdir(), "snapshot-test-"));
  });
  afterEach(async () => {
    delete process.env[READ_SNAPSHOT_DIR_ENV];
    delete process.env[READ_SNAPSHOT_KEY_ENV];
    await fs.rm(parent, { recursive: true, force: true });
  });

  test("the first reader's list serves every later reader, Maps included, and sits on disk encrypted", async () => {
    const { snapshot } = await createReadSnapshot(parent);
    expect((await fs.stat(snapshot.dir)).mode & 0o777).toBe(0o700);
    let calls = 0;
    const load = async () => {
      calls++;
      return new Map([[7, ["Ada Lovelace", "ada@example.com"]]]);
    };
    const first = await snapshotRead(snapshot, "cce-users|portal", load);
    const second = await snapshotRead(snapshot, "cce-users|portal", load);
    expect(calls).toBe(1);
    // (jest's sandbox has Maps of its own: compared by their entries)
    expect([...second.entries()]).toEqual([...first.entries()]);
    expect(second.get(7)).toEqual(["Ada Lovelace", "ada@example.com"]);
    const files = await fs.readdir(snapshot.dir);
    expect(files).toHaveLength(1);
    const bytes = await fs.readFile(path.join(snapshot.dir, files[0]));
    expect(bytes.includes("Lovelace")).toBe(false);
    expect(bytes.includes("ada@example.com")).toBe(false);
    // Another run's key does not open it, and says so.
    const other = await createReadSnapshot(parent);
    await expect(snapshotRead({ dir: snapshot.dir, key: other.snapshot.key }, "cce-users|portal", load)).rejects.toThrow(/cce-users.*does not open with this run's key/);
  });

  test("readers that ask at once wait for one load; a failed load leaves nothing, and the next reader loads", async () => {
    const { snapshot } = await createReadSnapshot(parent);
    let calls = 0;
    const slow = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 200));
      return `list ${calls}`;
    };
    expect(await Promise.all([1, 2, 3].map(() => snapshotRead(snapshot, "groups", slow)))).toEqual(["list 1", "list 1", "list 1"]);
    expect(calls).toBe(1);
    await expect(snapshotRead(snapshot, "agents", async () => Promise.reject(new Error("503 from the portal")))).rejects.toThrow("503");
    expect(await snapshotRead(snapshot, "agents", async () => "agents")).toBe("agents");
  });

  test("a lock left by a killed process is taken over", async () => {
    const { snapshot } = await createReadSnapshot(parent);
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    // The lock of the key "groups", as a holder killed while loading left it.
    const base = path.join(snapshot.dir, require("node:crypto").createHash("sha256").update("groups").digest("hex").slice(0, 32));
    await fs.writeFile(`${base}.lock`, gone.stdout);
    expect(await snapshotRead(snapshot, "groups", async () => "read again")).toBe("read again");
  });

  test("sharedRead goes through the snapshot the environment names, and keeps it for the run", async () => {
    clearSharedReads();
    const { env } = await createReadSnapshot(parent);
    Object.assign(process.env, env);
    let calls = 0;
    const load = async () => ++calls;
    expect(await sharedRead("kind", load, 0)).toBe(1);
    // Another process of the run: nothing kept in memory, the snapshot on disk serves it.
    clearSharedReads();
    expect(await sharedRead("kind", load, 60 * 60_000)).toBe(1);
    expect(calls).toBe(1);
  });

  test("a process cache named for the run keeps its first read there; an unnamed one and a fresh read ask the vendor", async () => {
    const { env } = await createReadSnapshot(parent);
    Object.assign(process.env, env);
    let calls = 0;
    const load = async () => ++calls;
    expect(await new ProcessCache<number>("sites").get("portal", load)).toBe(1);
    // Another shard's provider process: its own (empty) cache, the run's snapshot.
    expect(await new ProcessCache<number>("sites").get("portal", load)).toBe(1);
    expect(calls).toBe(1);
    // The name is part of the key: another cache's same key is another list.
    expect(await new ProcessCache<number>("peripherals").get("portal", load)).toBe(2);
    // A cache kept per process, and a read that asks again, never take the run's copy.
    expect(await new ProcessCache<number>().get("portal", load)).toBe(3);
    expect(await new ProcessCache<number>("sites").get("portal", load, true)).toBe(4);
    // Without a snapshot (a single stack) a named cache reads for itself.
    delete process.env[READ_SNAPSHOT_DIR_ENV];
    expect(await new ProcessCache<number>("sites").get("portal", load)).toBe(5);
  });
});
