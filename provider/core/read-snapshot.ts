/**
 * One read snapshot shared by the provider processes of a sharded run. `contact-center
 * shards` runs a tenant as many stacks, each with its own provider process; every one of them
 * would otherwise list the whole tenant for its few hundred objects (a refresh at 10,000 objects
 * in 20 shards: every skill group's members 20 times over), and read the same reference lists.
 * The driver names a private folder and a key in the environment; the first process that needs
 * a list reads it and leaves it there, encrypted, and the others read that copy. The lists are
 * vendor data (names, addresses), so the folder holds only ciphertext, and a run killed before
 * it removes the folder leaves nothing readable: the key lived only in the processes'
 * environment.
 *
 * Refresh reads go through here (sharedRead), and the reference lists a provider process keeps
 * for its run anyway (process-cache.ts: sites, peripherals, skill groups by name, attribute
 * definitions, template users), read once per wave of a sharded run instead of once per shard.
 * Writes and the other look-ups that steer them ask the vendor afresh.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import * as v8 from "node:v8";

/** The folder of the run's snapshot; set by `contact-center shards` for each wave of stacks. */
export const READ_SNAPSHOT_DIR_ENV = "CONTACT_CENTER_READ_SNAPSHOT";
/** The snapshot's AES-256-GCM key, hex. */
export const READ_SNAPSHOT_KEY_ENV = "CONTACT_CENTER_READ_SNAPSHOT_KEY";

export interface ReadSnapshot {
  dir: string;
  key: Buffer;
}

/** The snapshot this process shares, if its run set one. */
export function readSnapshotFromEnv(env: NodeJS.ProcessEnv = process.env): ReadSnapshot | undefined {
  const dir = env[READ_SNAPSHOT_DIR_ENV];
  const key = env[READ_SNAPSHOT_KEY_ENV];
  if (!dir || !key) return undefined;
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`${READ_SNAPSHOT_KEY_ENV} must be 64 hex digits (a 256-bit key)`);
  return { dir, key: Buffer.from(key, "hex") };
}

/** A new snapshot: a private folder and a fresh key, and the environment that names them. */
export async function createReadSnapshot(parent: string): Promise<{ snapshot: ReadSnapshot; env: Record<string, string> }> {
  // mkdtemp makes the folder 0700: only this user's processes read even the ciphertext.
  const dir = await fs.mkdtemp(path.join(parent, "contact-center-reads-"));
  const key = randomBytes(32);
  return { snapshot: { dir, key }, env: { [READ_SNAPSHOT_DIR_ENV]: dir, [READ_SNAPSHOT_KEY_ENV]: key.toString("hex") } };
}

const POLL_MS = 50;
/** A lock file still without its holder's pid after this long was left by a killed process. */
const EMPTY_LOCK_MS = 10_000;

/**
 * The list kept under `key` in the snapshot, or, if no process has read it yet, `load()`'s,
 * kept for the others. One process loads at a time (a lock file holding its pid); a failed load
 * leaves nothing, so the next process to ask tries again, and a lock whose process has died is
 * taken over.
 */
export async function snapshotRead<T>(snapshot: ReadSnapshot, key: string, load: () => Promise<T>): Promise<T> {
  const base = path.join(snapshot.dir, createHash("sha256").update(key).digest("hex").slice(0, 32));
  const data = `${base}.bin`;
  const lock = `${base}.lock`;
  for (;;) {
    const kept = await readKept<T>(snapshot, data, key);
    if (kept.found) return kept.value;
    if (await takeLock(lock)) {
      try {
        // Written between taking the lock and here by a holder that just let it go.
        const late = await readKept<T>(snapshot, data, key);
        if (late.found) return late.value;
        const value = await load();
        await writeKept(snapshot, data, value);
        return value;
      } finally {
        await fs.rm(lock, { force: true });
      }
    }
    if (await holderDied(lock)) await fs.rm(lock, { force: true });
    else await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function readKept<T>(snapshot: ReadSnapshot, file: string, key: string): Promise<{ found: true; value: T } | { found: false }> {
  let sealed: Buffer;
  try {
    sealed = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { found: false };
    throw error;
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", snapshot.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return { found: true, value: v8.deserialize(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()])) as T };
  } catch {
    throw new Error(`the shared read snapshot of ${key.split("|")[0]} (${file}) does not open with this run's key: it was changed or written by another run`);
  }
}

/** Written whole under another name, then renamed: a reader sees all of it or none. */
async function writeKept(snapshot: ReadSnapshot, file: string, value: unknown): Promise<void> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", snapshot.key, iv);
  const body = Buffer.concat([cipher.update(v8.serialize(value)), cipher.final()]);
  const partial = `${file}.${process.pid}.partial`;
  await fs.writeFile(partial, Buffer.concat([iv, cipher.getAuthTag(), body]), { mode: 0o600 });
  await fs.rename(partial, file);
}

async function takeLock(lock: string): Promise<boolean> {
  try {
    await fs.writeFile(lock, String(process.pid), { flag: "wx", mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function holderDied(lock: string): Promise<boolean> {
  const pid = Number(await fs.readFile(lock, "utf8").catch(() => ""));
  if (!Number.isInteger(pid) || pid <= 0) {
    // Empty: the holder is between creating the file and writing its pid (or was killed there),
    // or has just let go.
    const since = await fs.stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
    return since > EMPTY_LOCK_MS;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
