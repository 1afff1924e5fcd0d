/**
 * A throwaway PostgreSQL server for tests of Pulumi's `postgres://` state backend: `initdb`
 * into a temporary folder, `pg_ctl start` on a free local port, stopped and removed after.
 * PostgreSQL refuses to run as root, so as root the server runs as `nobody`. Nothing here
 * assumes a server is already running.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export interface PostgresServer {
  /**
   * A new, empty database and its URL for `PULUMI_BACKEND_URL`, e.g.
   * postgres://pulumi@127.0.0.1:54321/state_1?sslmode=disable: one per test, so stacks of one
   * name in different tests stay apart.
   */
  newBackend(): { url: string; database: string };
  /** Runs one SQL statement with psql in `database` and returns its rows as unaligned text. */
  query(database: string, sql: string): string;
  stop(): void;
}

const USER = "pulumi";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-postgres-"));
  const asRoot = process.getuid?.() === 0;
  // As root: the folder belongs to nobody, and every server command runs as nobody.
  if (asRoot) execFileSync("chown", ["nobody", dir]);
  const run = (command: string, args: string[]) =>
    execFileSync(asRoot ? "runuser" : command, asRoot ? ["-u", "nobody", "--", command, ...args] : args, { cwd: dir, stdio: "pipe", encoding: "utf8" });
  const data = path.join(dir, "data");
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", "--no-instructions"]);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = path.join(dir, "server.log");
    const detail = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL in ${dir}: ${(error as Error).message}\n${detail}`);
  }
  const query = (database: string, sql: string) =>
    execFileSync("psql", ["-h", "127.0.0.1", "-p", String(port), "-U", USER, "-d", database, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
  let databases = 0;
  return {
    newBackend: () => {
      const database = `state_${++databases}`;
      query("postgres", `CREATE DATABASE ${database}`);
      return { url: `postgres://${USER}@127.0.0.1:${port}/${database}?sslmode=disable`, database };
    },
    query,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
