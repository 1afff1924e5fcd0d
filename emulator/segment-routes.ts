/**
 * Routing by path segments, for the REST emulators (Oracle CX, UC portal): a route is a list of
 * segments where `*` matches any one segment (passed to the handler), and a handler per method.
 */

export interface SegmentRoute<Handler, Method extends string = string> {
  pattern: string[];
  methods: Partial<Record<Method, Handler>>;
}

export interface FoundRoute<Handler> {
  /** The segments the route's `*`s matched, in order. */
  params: string[];
  /** The route's handler for the request's method; absent means 405 with `allowed`. */
  handler?: Handler;
  /** The route's methods, for the Allow header of a 405. */
  allowed: string;
}

/** The first route matching `segments`, or undefined (a 404). */
export function findRoute<Handler, Method extends string>(
  routes: SegmentRoute<Handler, Method>[],
  segments: string[],
  method: string,
): FoundRoute<Handler> | undefined {
  for (const route of routes) {
    const params = match(route.pattern, segments);
    if (params) return { params, handler: route.methods[method as Method], allowed: Object.keys(route.methods).join(", ") };
  }
  return undefined;
}

function match(pattern: string[], segments: string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    if (pattern[i] === "*") params.push(segments[i]);
    else if (pattern[i] !== segments[i]) return undefined;
  }
  return params;
}
