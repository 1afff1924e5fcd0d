/**
 * The contract between the HTTP server and a vendor emulator: the server owns sockets,
 * counting, faults and latency; a vendor only turns a request into a reply.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

export interface VendorRequest {
  method: string;
  /** The path below the vendor's prefix, without query string, e.g. `login/login`. */
  path: string;
  /** The query string's parameters (Oracle's `q`, `fields`, `onlyData`, ...). */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface VendorReply {
  status: number;
  headers?: OutgoingHttpHeaders;
  /** Serialised as JSON when present, unless it is a string and a content-type header is set (XML, text). */
  body?: unknown;
}

export interface VendorService {
  /** Path prefix the server routes to this vendor, e.g. `/portal/services/`. */
  readonly prefix: string;
  /** Handles one request synchronously, so a change is committed before any reply is written. */
  handle(request: VendorRequest): VendorReply;
  /** Restores the seeded data and drops every session. */
  reset(): void;
  /** Ends every live session now (the `expire-sessions` fault). */
  expireSessions(): void;
}
