/**
 * Raw portal calls for the emulator's own tests: starts the emulator for a test file, resets
 * its tenant before every test, and posts JSON exactly as a client on the wire would.
 */
import { EmulatorControl, Portal, PortalSession, useEmulatorLifecycle } from "./portal";

export interface Reply {
  status: number;
  // The emulator's JSON, read field by field in assertions.
  body: any;
}

export function usePortalEmulator() {
  const emulator = useEmulatorLifecycle();
  const portalUrl = () => `${emulator.url()}/portal/services`;
  /** POSTs `body` to a portal endpoint (relative to /portal/services) with an optional session cookie. */
  const post = async (endpoint: string, body: unknown, cookie?: string): Promise<Reply> => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (cookie) headers.cookie = `JSESSIONID=${cookie}`;
    const response = await fetch(`${portalUrl()}/${endpoint}`, { method: "POST", headers, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get url() {
      return emulator.url();
    },
    get portalUrl() {
      return portalUrl();
    },
    get control() {
      return new EmulatorControl(emulator.url());
    },
    post,
    /** A protected call in a session: the cookie and the authToken, as the document asks. */
    call: (session: PortalSession, endpoint: string, body: object = {}) =>
      post(`protected/${endpoint}`, { ...body, authToken: session.token }, session.cookie),
    loginAs: (credentials: { username: string; password: string }) => new Portal(portalUrl()).login(credentials.username, credentials.password),
  };
}
