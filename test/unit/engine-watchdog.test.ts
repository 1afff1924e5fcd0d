/**
 * The provider's engine watchdog: it probes the engine's address from the plugin command line
 * and gives up on the engine only when connections are refused, twice in a row.
 */
import * as net from "node:net";
import { engineAddressOf, PROBE_INTERVAL_MS, REFUSALS_TO_STOP, watchEngine } from "../../provider/core/engine-watchdog";

test("the engine address is the first host:port argument, after any flags", () => {
  expect(engineAddressOf(["--logtostderr", "-v=9", "127.0.0.1:40123"])).toEqual({ host: "127.0.0.1", port: 40123 });
  expect(engineAddressOf(["localhost:5"])).toEqual({ host: "localhost", port: 5 });
  expect(engineAddressOf(["--tracing", "http://x:1/trace"])).toBeUndefined();
  expect(engineAddressOf([])).toBeUndefined();
});

test("the watchdog stays quiet while the engine listens, and calls onLost within seconds of it going away", async () => {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  let lostAt: number | undefined;
  const lost = new Promise<void>((resolve) => {
    expect(watchEngine(["127.0.0.1:" + port], () => {
      lostAt = Date.now();
      resolve();
    })).toBe(true);
  });
  // A second watch in the same process is not started.
  expect(watchEngine(["127.0.0.1:" + port], () => undefined)).toBe(false);

  // GIVEN the engine listens for several probes THEN nothing is lost
  await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS * (REFUSALS_TO_STOP + 1.5)));
  expect(lostAt).toBeUndefined();

  // WHEN it stops listening THEN the watchdog says so after REFUSALS_TO_STOP probes
  const closedAt = Date.now();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await lost;
  // A liveness bound, not a speed target: ten probe intervals leave room for a loaded machine.
  expect(lostAt! - closedAt).toBeLessThan(PROBE_INTERVAL_MS * 10);
});

test("outside a plugin host (no engine address on the command line) nothing is watched", () => {
  expect(watchEngine(["--port", "8080"], () => undefined)).toBe(false);
});

test("once calls are halted, only a logout is sent; every other call fails before it leaves, naming why", async () => {
  // A separate module registry: the halt is process-wide, and must not leak into other tests.
  await jest.isolateModulesAsync(async () => {
    const http = await import("../../provider/core/http");
    const http2 = await import("node:http");
    const seen: string[] = [];
    const server = http2.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    try {
      http.haltCalls("the Pulumi engine is gone (the run was killed)");
      const write = await http.send({ method: "POST", url: `${base}/users`, json: {}, idempotent: false }).catch((error: Error) => error);
      expect(write).toBeInstanceOf(Error);
      expect((write as Error).message).toBe(`POST ${base}/users: not sent: the Pulumi engine is gone (the run was killed)`);
      await http.send({ method: "GET", url: `${base}/login/logout`, idempotent: true, endsSession: true });
      expect(seen).toEqual(["GET /login/logout"]);
    } finally {
      server.close();
    }
  });
});
