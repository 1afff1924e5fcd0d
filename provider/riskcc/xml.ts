/**
 * A tiny, strict XML codec for the flat documents risk-cc speaks: one root element whose
 * children hold text only (`<TempAllowRequest><tempAllowType>1</tempAllowType>...`).
 * Written here rather than taken from npm because the format is this small, and a general
 * parser would accept (and expand) far more than these documents need: no DOCTYPE, no
 * entity definitions, no namespaces, no nesting below the root's children.
 *
 * What it reads: an optional XML declaration (UTF-8 only), comments and whitespace around
 * and between elements, attributes (ignored), `<x/>` as the empty string, text with the five
 * predefined entities and character references, CDATA sections. Anything else is refused
 * with an `XmlFormatError` that says what and where.
 */

export class XmlFormatError extends Error {
  constructor(message: string, offset?: number) {
    super(offset === undefined ? `not valid XML: ${message}` : `not valid XML at offset ${offset}: ${message}`);
    this.name = "XmlFormatError";
  }
}

const NAME = "[A-Za-z_][A-Za-z0-9_.-]*";
const ATTRIBUTES = `(?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*`;
const DECLARATION = /^<\?xml\s+version\s*=\s*(["'])1\.\d\1(?:\s+encoding\s*=\s*(["'])([A-Za-z0-9._-]+)\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\4)?\s*\?>/;
const START_TAG = new RegExp(`^<(${NAME})${ATTRIBUTES}\\s*(/?)>`);
const endTag = (name: string) => new RegExp(`^</${name.replace(/\./g, "\\.")}\\s*>`);
const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Escapes text for element content or attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/**
 * Renders `<root><name>value</name>...</root>` after an XML declaration, values escaped,
 * without whitespace between elements (what JAXB writes by default).
 * `standalone` adds `standalone="yes"` to the declaration, as the vendor's answers carry.
 */
export function renderFlatXml(root: string, fields: ReadonlyArray<readonly [string, string]>, options: { standalone?: boolean } = {}): string {
  for (const name of [root, ...fields.map(([n]) => n)]) {
    if (!new RegExp(`^${NAME}$`).test(name)) throw new XmlFormatError(`'${name}' is not an element name this codec writes`);
  }
  const declaration = `<?xml version="1.0" encoding="UTF-8"${options.standalone ? ' standalone="yes"' : ""}?>`;
  const children = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join("");
  return `${declaration}<${root}>${children}</${root}>`;
}

/** Replaces entity and character references; an `&` that starts neither is an error. */
function decodeText(raw: string, offset: number): string {
  return raw.replace(/&([^;&<\s]*);?/g, (match, ref: string, at: number) => {
    if (!match.endsWith(";")) throw new XmlFormatError(`'&' must start an entity reference like &amp;`, offset + at);
    if (ref in PREDEFINED) return PREDEFINED[ref];
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|(\d{1,7}))$/.exec(ref);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
      const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff);
      if (allowed && !(code >= 0xfffe && code <= 0xffff)) return String.fromCodePoint(code);
      throw new XmlFormatError(`character reference &${ref}; is not an XML character`, offset + at);
    }
    throw new XmlFormatError(`unknown entity &${ref}; (only &lt; &gt; &amp; &quot; &apos; and character references)`, offset + at);
  });
}

/**
 * Parses a flat document whose root element is `root`. Returns each child element's text
 * by name, in document order. A repeated child, a child with element content, text directly
 * inside the root, or any other root name is refused.
 */
export function parseFlatXml(text: string, root: string): Map<string, string> {
  let pos = text.startsWith("\uFEFF") ? 1 : 0;

  const skipMisc = () => {
    for (;;) {
      const ws = /^\s+/.exec(text.slice(pos));
      if (ws) pos += ws[0].length;
      if (text.startsWith("<!--", pos)) {
        const end = text.indexOf("-->", pos + 4);
        if (end < 0) throw new XmlFormatError("unterminated comment", pos);
        if (text.slice(pos + 4, end).includes("--")) throw new XmlFormatError("'--' inside a comment", pos);
        pos = end + 3;
        continue;
      }
      return;
    }
  };

  const declaration = DECLARATION.exec(text.slice(pos));
  if (declaration) {
    const encoding = declaration[3];
    if (encoding && !/^utf-?8$/i.test(encoding)) throw new XmlFormatError(`encoding "${encoding}" is not supported, only UTF-8`, pos);
    pos += declaration[0].length;
  } else if (text.startsWith("<?xml", pos)) {
    throw new XmlFormatError('malformed XML declaration (expected <?xml version="1.0" ...?>)', pos);
  }
  skipMisc();
  if (text.startsWith("<!DOCTYPE", pos)) throw new XmlFormatError("DOCTYPE is not accepted", pos);
  if (text.startsWith("<?", pos)) throw new XmlFormatError("processing instructions are not accepted", pos);

  const rootTag = START_TAG.exec(text.slice(pos));
  if (!rootTag) throw new XmlFormatError(`expected the root element <${root}>`, pos);
  if (rootTag[1] !== root) throw new XmlFormatError(`the root element is <${rootTag[1]}>, expected <${root}>`, pos);
  pos += rootTag[0].length;

  const fields = new Map<string, string>();
  if (rootTag[2] !== "/") {
    for (;;) {
      skipMisc();
      const close = endTag(root).exec(text.slice(pos));
      if (close) {
        pos += close[0].length;
        break;
      }
      if (pos >= text.length) throw new XmlFormatError(`</${root}> is missing`, pos);
      if (text[pos] !== "<") throw new XmlFormatError(`text directly inside <${root}>; only child elements are expected`, pos);
      const child = START_TAG.exec(text.slice(pos));
      if (!child) throw new XmlFormatError("expected a child element start tag", pos);
      const name = child[1];
      if (fields.has(name)) throw new XmlFormatError(`<${name}> appears more than once`, pos);
      pos += child[0].length;
      fields.set(name, child[2] === "/" ? "" : readText(name));
    }
  }
  skipMisc();
  if (pos < text.length) throw new XmlFormatError(`content after </${root}>`, pos);
  return fields;

  /** Reads an element's text content up to and including its end tag. */
  function readText(name: string): string {
    let value = "";
    for (;;) {
      const lt = text.indexOf("<", pos);
      if (lt < 0) throw new XmlFormatError(`</${name}> is missing`, pos);
      value += decodeText(text.slice(pos, lt), pos);
      pos = lt;
      if (text.startsWith("<![CDATA[", pos)) {
        const end = text.indexOf("]]>", pos + 9);
        if (end < 0) throw new XmlFormatError("unterminated CDATA section", pos);
        value += text.slice(pos + 9, end);
        pos = end + 3;
        continue;
      }
      const close = endTag(name).exec(text.slice(pos));
      if (!close) throw new XmlFormatError(`<${name}> must hold text only, then </${name}>`, pos);
      pos += close[0].length;
      return value;
    }
  }
}
