/**
 * ADF REST's standard query parameters: `q` (finder conditions), `fields`, `expand`,
 * `onlyData`, `links`, and the paging parameters `limit`, `offset`, `totalResults`.
 */
import { ERR, OracleError, badRequest } from "./wire";

/** One `Attr=value` condition of `q`. */
export interface Condition {
  attribute: string;
  value: string;
}

/**
 * Parses `q`: `Attr=value` conditions joined by `;` (version 1's query-by-example syntax,
 * accepted in every framework version); from version 2 on, `and` joins them too. A value
 * in single quotes may hold anything (`''` is a quote); unquoted, it runs to the next `;`
 * (version 1) or the next space (2+, where a bare word could be the `and`).
 */
export function parseQ(text: string, framework: number, attributes: readonly string[]): Condition[] {
  const conditions: Condition[] = [];
  const invalid = (why: string) => badRequest(`The q parameter '${text}' is not valid: ${why}.`);
  let pos = 0;
  const skipSpaces = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos += 1;
  };
  while (true) {
    skipSpaces();
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos));
    if (!name) throw invalid(`expected an attribute name at position ${pos}`);
    pos += name[0].length;
    skipSpaces();
    if (text[pos] !== "=") {
      throw invalid(`only '=' conditions are supported, found '${text.slice(pos, pos + 6) || "end of text"}' after ${name[0]}`);
    }
    pos += 1;
    skipSpaces();
    let value: string;
    if (text[pos] === "'") {
      value = "";
      pos += 1;
      while (true) {
        if (pos >= text.length) throw invalid("a quoted value is not closed");
        if (text[pos] === "'" && text[pos + 1] === "'") {
          value += "'";
          pos += 2;
        } else if (text[pos] === "'") {
          pos += 1;
          break;
        } else {
          value += text[pos++];
        }
      }
    } else {
      const stop = framework >= 2 ? /[;\s]/ : /;/;
      const start = pos;
      while (pos < text.length && !stop.test(text[pos])) pos += 1;
      value = text.slice(start, pos).trim();
    }
    if (!attributes.includes(name[0])) {
      throw new OracleError(400, [{ detail: `The q parameter names the attribute ${name[0]}, which the resource does not have.`, code: ERR.unknownAttribute }]);
    }
    conditions.push({ attribute: name[0], value });
    skipSpaces();
    if (pos >= text.length) return conditions;
    if (text[pos] === ";") {
      pos += 1;
      continue;
    }
    const and = /^and\s/i.exec(text.slice(pos));
    if (framework >= 2 && and) {
      pos += and[0].length;
      continue;
    }
    throw invalid(`expected ';'${framework >= 2 ? " or 'and'" : ""} at position ${pos}`);
  }
}

/** Whether a rendered row satisfies every condition; `caseless` attributes compare ignoring case. */
export function satisfies(row: Record<string, unknown>, conditions: Condition[], caseless: readonly string[] = []): boolean {
  return conditions.every(({ attribute, value }) => {
    const actual = row[attribute];
    if (actual === null || actual === undefined) return false;
    const text = String(actual);
    return caseless.includes(attribute) ? text.toLowerCase() === value.toLowerCase() : text === value;
  });
}

/** How an item is to be rendered: which attributes, which children, which links. */
export interface Shape {
  /** Attributes to include; undefined = all. */
  fields?: Set<string>;
  /** Children to include, each with its own attribute filter (undefined = all). */
  children: Map<string, Set<string> | undefined>;
  onlyData: boolean;
  /** Link relations to include; undefined = all. */
  linkRels?: Set<string>;
}

const LINK_RELATIONS = ["self", "lov", "parent", "canonical", "child", "enclosure", "action", "custom"];

/**
 * Reads `fields`, `expand`, `onlyData` and `links` for a resource with `attributes` and
 * children `childAttributes`. `fields` wins over `expand`, as the seed says.
 */
export function parseShape(query: URLSearchParams, attributes: readonly string[], childAttributes: Record<string, readonly string[]>): Shape {
  const shape: Shape = { children: new Map(), onlyData: readBooleanParam(query, "onlyData") ?? false };
  const unknown = (what: string, name: string) =>
    new OracleError(400, [{ detail: `The ${what} ${name} is not part of this resource.`, code: ERR.unknownAttribute }]);
  const names = (list: string, known: readonly string[], what: string) => {
    const set = new Set(list.split(",").map((n) => n.trim()).filter((n) => n !== ""));
    for (const name of set) if (!known.includes(name)) throw unknown(what, name);
    return set;
  };

  const fields = query.get("fields");
  if (fields !== null) {
    const [own, ...childSegments] = fields.split(";");
    if (own.includes(":")) childSegments.unshift(own);
    shape.fields = own.includes(":") ? new Set() : names(own, attributes, "attribute");
    for (const segment of childSegments) {
      const colon = segment.indexOf(":");
      if (colon < 0) throw badRequest(`The fields parameter '${fields}' is not valid: '${segment}' should be Child:Attribute,...`);
      const child = segment.slice(0, colon).trim();
      if (!(child in childAttributes)) throw unknown("child", child);
      shape.children.set(child, names(segment.slice(colon + 1), childAttributes[child], `attribute of ${child}`));
    }
  } else {
    const expand = query.get("expand");
    if (expand !== null && expand.trim() !== "") {
      const wanted = expand.trim() === "all" ? Object.keys(childAttributes) : [...names(expand, Object.keys(childAttributes), "child")];
      for (const child of wanted) shape.children.set(child, undefined);
    }
  }

  const links = query.get("links");
  if (links !== null) shape.linkRels = names(links, LINK_RELATIONS, "link relation");
  return shape;
}

export function readBooleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw !== "true" && raw !== "false") throw badRequest(`The ${name} parameter must be true or false, got '${raw}'.`);
  return raw === "true";
}

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 500;

export interface Paging {
  limit: number;
  offset: number;
  totalResults: boolean;
}

export function parsePaging(query: URLSearchParams): Paging {
  const integer = (name: string, min: number, fallback: number) => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw badRequest(`The ${name} parameter must be a whole number of at least ${min}, got '${raw}'.`);
    return Number(raw);
  };
  if (query.has("orderBy")) throw badRequest("The orderBy parameter is not supported by the emulator.");
  return {
    limit: Math.min(integer("limit", 1, DEFAULT_LIMIT), MAX_LIMIT),
    offset: integer("offset", 0, 0),
    totalResults: readBooleanParam(query, "totalResults") ?? false,
  };
}

/** ADF's collection envelope around one page of already rendered items. */
export function collectionOf(rendered: unknown[], paging: Paging, selfHref: string, name: string, shape: Shape) {
  const page = rendered.slice(paging.offset, paging.offset + paging.limit);
  const body: Record<string, unknown> = {
    items: page,
    ...(paging.totalResults ? { totalResults: rendered.length } : {}),
    count: page.length,
    hasMore: paging.offset + page.length < rendered.length,
    limit: paging.limit,
    offset: paging.offset,
  };
  if (!shape.onlyData) body.links = filterLinks([{ rel: "self", href: selfHref, name, kind: "collection" }], shape);
  return body;
}

export interface Link {
  rel: string;
  href: string;
  name: string;
  kind: "collection" | "item" | "describe" | "other";
  properties?: Record<string, unknown>;
}

export function filterLinks(links: Link[], shape: Shape): Link[] {
  return shape.linkRels ? links.filter((link) => shape.linkRels!.has(link.rel)) : links;
}

/** Keeps only the `fields` asked for (all when none were), in the row's own order. */
export function project(row: Record<string, unknown>, fields: Set<string> | undefined): Record<string, unknown> {
  if (!fields) return { ...row };
  return Object.fromEntries(Object.entries(row).filter(([name]) => fields.has(name)));
}
