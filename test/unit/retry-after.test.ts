/**
 * A server that says "not now" (429 or 503 with Retry-After) is obeyed however long it asks,
 * up to the run's maximum (CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS); asking for more fails the
 * call at once, saying so, instead of asking again early. A wait of seconds is announced on
 * standard error, which the Pulumi CLI shows while the run goes on. Against a local server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { maxRetryAfterMs, RetryPolicy, send } from "../../provider/core/http";

let server: http.Server;
let url: string;
/** What the server answers next: each request takes the first. */
const answers: { status: number; retryAfter?: string }[] = [];
const arrivals: number[] = [];

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    arrivals.push(Date.now());
    const answer = answers.shift() ?? { status: 200 };
    res.writeHead(answer.status, answer.retryAfter ? { "retry-after": answer.retryAfter } : {});
    res.end(answer.status === 200 ? "ok" : "busy");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal/services/protected/skills/saveSkillGroup`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  answers.length = 0;
  arrivals.length = 0;
});

const policy = (maxRetryAfterMs: number): RetryPolicy => ({ attempts: 3, baseDelayMs: 10, maxDelayMs: 1_000, maxRetryAfterMs, timeoutMs: 5_000 });

test("a Retry-After longer than the backoff's own bound is honoured in full, and a wait of seconds is announced", async () => {
  answers.push({ status: 429, retryAfter: "6" });
  const announced: string[] = [];
  const write = jest.spyOn(process.stderr, "write").mockImplementation((line) => (announced.push(String(line)), true));
  try {
    const response = await send({ method: "POST", url, json: {}, idempotent: false }, policy(10_000));
    expect(response.status).toBe(200);
  } finally {
    write.mockRestore();
  }
  // The second request came no sooner than asked, although the policy's own backoff stops at 1 s.
  expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(5_900);
  expect(announced).toEqual(["POST /portal/services/protected/skills/saveSkillGroup: HTTP 429; waiting 6 s as the server asks (Retry-After), attempt 2 of 3\n"]);
});

test("a Retry-After longer than the run's maximum fails the call at once, not ambiguous (nothing was processed)", async () => {
  answers.push({ status: 503, retryAfter: "600" });
  const error = await send({ method: "POST", url, json: {}, idempotent: false }, policy(300_000)).catch((e) => e);
  expect(error.message).toBe(
    `POST ${url}: HTTP 503, and the server asks to wait 600 s (Retry-After), more than the 300 s this run waits (CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS). Nothing was done; run again later, or allow a longer wait`,
  );
  expect(error.ambiguous).toBe(false);
  expect(arrivals).toHaveLength(1);
});

test("the maximum comes from CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS, else 5 minutes", () => {
  expect(maxRetryAfterMs({})).toBe(300_000);
  expect(maxRetryAfterMs({ CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS: "900" })).toBe(900_000);
  expect(maxRetryAfterMs({ CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS: "soon" })).toBe(300_000);
});
