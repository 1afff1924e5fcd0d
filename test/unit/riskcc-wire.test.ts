/**
 * risk-cc's wire format as pure logic: the small XML codec, the RFC 3339 reader, the
 * request and StatusResponse documents in both formats, and the connection settings.
 */
import { decodeStatusResponse, encodeTempAllowRequest } from "../../provider/riskcc/client";
import { resolveRiskCcConnection } from "../../provider/riskcc/connection";
import { parseDateTime } from "../../provider/riskcc/wire";
import { XmlFormatError, escapeXml, parseFlatXml, renderFlatXml } from "../../provider/riskcc/xml";

const fields = (map: Map<string, string>) => Object.fromEntries(map);

describe("the flat XML codec", () => {
  test("reads the seed's XML request exactly as printed", () => {
    const seed =
      '<?xml version="1.0" encoding="UTF-8" ?> <TempAllowRequest> <tempAllowType>1</tempAllowType> <expirationDate>2025-10-15T01:29:29.768Z</expirationDate> </TempAllowRequest> ';
    expect(fields(parseFlatXml(seed, "TempAllowRequest"))).toEqual({ tempAllowType: "1", expirationDate: "2025-10-15T01:29:29.768Z" });
  });

  test("reads the seed's XML answer, with an empty element", () => {
    const seed =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?> <StatusResponse> <responseCode>0</responseCode> <responseMessage></responseMessage> <status>true</status> </StatusResponse>';
    expect(fields(parseFlatXml(seed, "StatusResponse"))).toEqual({ responseCode: "0", responseMessage: "", status: "true" });
  });

  test("writes without whitespace between elements, the declaration as asked", () => {
    expect(renderFlatXml("StatusResponse", [["responseCode", "0"], ["responseMessage", ""], ["status", "true"]], { standalone: true })).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><StatusResponse><responseCode>0</responseCode><responseMessage></responseMessage><status>true</status></StatusResponse>',
    );
    expect(renderFlatXml("R", [["a", "1"]])).toBe('<?xml version="1.0" encoding="UTF-8"?><R><a>1</a></R>');
  });

  test("escapes the five special characters and reads them back", () => {
    const text = `a<b & c>d "e" 'f'`;
    expect(escapeXml(text)).toBe("a&lt;b &amp; c&gt;d &quot;e&quot; &apos;f&apos;");
    const xml = renderFlatXml("R", [["m", text]]);
    expect(parseFlatXml(xml, "R").get("m")).toBe(text);
  });

  test("reads character references, CDATA, comments, attributes, self-closing elements and a BOM", () => {
    const xml = '\uFEFF<!-- c --><R xmlns="urn:x"><a>&#65;&#x42;&#x1F600;</a><!-- between --><b><![CDATA[<raw> & ]]>tail</b><c/><d a=\'1\'>x</d></R>\n';
    expect(fields(parseFlatXml(xml, "R"))).toEqual({ a: "AB\u{1F600}", b: "<raw> & tail", c: "", d: "x" });
    expect(fields(parseFlatXml("<R/>", "R"))).toEqual({});
  });

  test.each([
    ["<Other><a>1</a></Other>", "the root element is <Other>, expected <R>"],
    ["<R><a>1</a>", "</R> is missing"],
    ["<R><a>1</R>", "<a> must hold text only, then </a>"],
    ["<R><a><b>1</b></a></R>", "<a> must hold text only"],
    ["<R>text<a>1</a></R>", "text directly inside <R>"],
    ["<R><a>1</a><a>2</a></R>", "<a> appears more than once"],
    ["<R><a>1 & 2</a></R>", "'&' must start an entity reference"],
    ["<R><a>&nbsp;</a></R>", "unknown entity &nbsp;"],
    ["<R><a>&#0;</a></R>", "&#0; is not an XML character"],
    ["<R><a>1</a></R><R/>", "content after </R>"],
    ['<!DOCTYPE R [<!ENTITY x "y">]><R><a>&x;</a></R>', "DOCTYPE is not accepted"],
    ['<?xml version="1.0" encoding="ISO-8859-1"?><R/>', 'encoding "ISO-8859-1" is not supported'],
    ["<?xml?><R/>", "malformed XML declaration"],
    ["", "expected the root element <R>"],
    ["{\"a\":1}", "expected the root element <R>"],
    ["<R><!-- open </R>", "unterminated comment"],
    ["<R><a><![CDATA[x</a></R>", "unterminated CDATA section"],
  ])("refuses %j: %s", (xml, reason) => {
    expect(() => parseFlatXml(xml, "R")).toThrow(XmlFormatError);
    expect(() => parseFlatXml(xml, "R")).toThrow(reason);
  });

  test("refuses to write names it could not read back", () => {
    expect(() => renderFlatXml("R", [["a b", "x"]])).toThrow("'a b' is not an element name");
  });
});

describe("RFC 3339 date-times", () => {
  test.each([
    ["2021-08-13T01:29:29.768Z", Date.UTC(2021, 7, 13, 1, 29, 29, 768)],
    ["2021-08-13T10:29:29.768+09:00", Date.UTC(2021, 7, 13, 1, 29, 29, 768)],
    ["2021-08-12T20:29:29.7689-05:00", Date.UTC(2021, 7, 13, 1, 29, 29, 768)],
    ["2024-02-29T00:00:00z", Date.UTC(2024, 1, 29)],
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    // Years below 100 are not shifted to the 1900s.
    ["0050-01-01T00:00:00Z", new Date("0050-01-01T00:00:00Z").getTime()],
  ])("reads %s", (text, epochMs) => {
    expect(parseDateTime(text)).toEqual({ ok: true, epochMs });
  });

  test.each([
    ["2021-13-01T00:00:00Z", "month 13 does not exist"],
    ["2021-00-01T00:00:00Z", "month 00 does not exist"],
    ["2019-06-31T00:00:00Z", "June 2019 has no day 31 (it has 30 days)"],
    ["1900-02-29T00:00:00Z", "February 1900 has no day 29 (it has 28 days)"],
    ["2021-01-00T00:00:00Z", "January 2021 has no day 00"],
    ["2021-01-01T00:00:00+05:60", "offset +05:60 does not exist"],
    ["2021-01-01T00:00:00", "not in the form"],
    ["2021-01-01T00:00:00+0500", "not in the form"],
    [" 2021-01-01T00:00:00Z", "not in the form"],
  ])("refuses %s: %s", (text, problem) => {
    expect(parseDateTime(text)).toEqual({ ok: false, problem: expect.stringContaining(problem) });
  });
});

describe("the request and StatusResponse documents", () => {
  const grant = { tempAllowType: 2, expirationDate: "2026-10-15T01:29:29.768Z" };

  test("a request in JSON and in the seed's XML form", () => {
    expect(JSON.parse(encodeTempAllowRequest(grant, "json"))).toEqual(grant);
    expect(encodeTempAllowRequest(grant, "xml")).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><TempAllowRequest><tempAllowType>2</tempAllowType><expirationDate>2026-10-15T01:29:29.768Z</expirationDate></TempAllowRequest>',
    );
  });

  test("the seed's sample answers read the same in both formats", () => {
    const expected = { responseCode: "0", responseMessage: "", status: true };
    expect(decodeStatusResponse('{ "responseCode": "0", "responseMessage": "", "status": true }', "application/json")).toEqual(expected);
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?> <StatusResponse> <responseCode>0</responseCode> <responseMessage></responseMessage> <status>true</status> </StatusResponse>';
    expect(decodeStatusResponse(xml, "application/xml;charset=UTF-8")).toEqual(expected);
    // Without a content type the first character decides.
    expect(decodeStatusResponse(xml, undefined)).toEqual(expected);
  });

  test("sessionId is kept when present", () => {
    expect(decodeStatusResponse('{"responseCode":"0","responseMessage":"","sessionId":"s-1","status":true}', "application/json").sessionId).toBe("s-1");
    const xml = "<StatusResponse><responseCode>0</responseCode><responseMessage/><sessionId>s-2</sessionId><status>true</status></StatusResponse>";
    expect(decodeStatusResponse(xml, "text/xml").sessionId).toBe("s-2");
  });

  test.each([
    ['{"responseCode":"0"}', "application/json", "status must be true or false"],
    ["[1]", "application/json", "not a JSON object"],
    ["<StatusResponse><status>maybe</status></StatusResponse>", "application/xml", '<status> must be true or false, got "maybe"'],
    ["<Other/>", "application/xml", "expected <StatusResponse>"],
  ])("refuses %j", (body, contentType, reason) => {
    expect(() => decodeStatusResponse(body, contentType)).toThrow(reason);
  });
});

describe("the risk-cc connection", () => {
  const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

  test("stack config wins over the environment; a trailing slash is dropped", () => {
    const env = { RISKCC_URL: "http://env", RISKCC_USERNAME: "env-user", RISKCC_PASSWORD: "env-pass" };
    expect(resolveRiskCcConnection(config({ "riskcc:url": "https://riskcc.example.com/", "riskcc:username": "u" }), env)).toEqual({
      url: "https://riskcc.example.com",
      username: "u",
      password: "env-pass",
    });
  });

  test("what is missing is named with its variable and how to set the password", () => {
    expect(() => resolveRiskCcConnection(undefined, {})).toThrow(
      "The risk-cc connection is not configured: missing riskcc:url (or RISKCC_URL), riskcc:username (or RISKCC_USERNAME), " +
        "riskcc:password (or RISKCC_PASSWORD; set it with `pulumi config set --secret riskcc:password ...`).",
    );
  });
});
