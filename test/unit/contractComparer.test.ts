import { describe, expect, it } from "vitest";
import {
  FIXTURE_METHODS,
  KNOWN_PLACEHOLDERS,
  bodyKeyPaths,
  checkExchange,
  fixtureVars,
  loadFixtures,
  matchUrlPattern,
  placeholdersIn,
  type ContractResponse,
  type FixtureExchange,
  type FixtureResponse,
  type JsonValue,
} from "../support/contract.js";

const OP_URL =
  "https://management.azure.com/subscriptions/sub1/providers/Microsoft.Compute/locations/westus/operations/op-1?p=abc&api-version=2023-09-01";
const OP_PATTERN =
  "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}?p=…&api-version=2023-09-01&t=…&c=…&s=…&h=…";
const RP_ID =
  "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Compute/restorePointCollections/rpc1/restorePoints/rp1";

/** A restore point create expectation in the shape the fixtures use. */
const expected: FixtureResponse = {
  status: 201,
  headersPresent: ["azure-asyncoperation", "azure-asyncnotification", "x-ms-ratelimit-remaining-resource"],
  headersAbsent: ["location", "retry-after"],
  headerPatterns: { "azure-asyncoperation": OP_PATTERN },
  rateLimitPolicies: [
    "Microsoft.Compute/PutRestorePointResource",
    "Microsoft.Compute/PutRestorePointSubscriptionMaximum",
  ],
  bodyKeys: [
    "id",
    "name",
    "properties.provisioningState",
    "properties.sourceMetadata.location",
    "properties.sourceMetadata.storageProfile.dataDisks[].lun",
    "properties.sourceMetadata.storageProfile.dataDisks[].managedDisk.id",
    "tags",
  ],
  bodyValues: {
    id: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Compute/restorePointCollections/{collection}/restorePoints/{restorePoint}",
    name: "{restorePoint}",
    "properties.provisioningState": "Creating",
    "properties.sourceMetadata.location": "EastUS2EUAP",
    "properties.sourceMetadata.storageProfile.dataDisks[0].lun": 0,
    "properties.sourceMetadata.storageProfile.dataDisks[].managedDisk.id": "{dataDiskId}",
  },
  bodyAbsent: ["properties.consistencyMode", "properties.instanceView"],
};

function goodBody(): Record<string, JsonValue> {
  return {
    id: RP_ID,
    name: "rp1",
    tags: {},
    properties: {
      provisioningState: "Creating",
      timeCreated: "2023-12-19T10:11:33Z",
      sourceMetadata: {
        location: "eastus2euap",
        storageProfile: {
          osDisk: { osType: "Linux" },
          dataDisks: [
            {
              lun: 0,
              managedDisk: {
                id: "/subscriptions/sub1/resourceGroups/rg1/providers/Microsoft.Compute/disks/d0",
              },
            },
          ],
        },
      },
    },
  };
}

function good(): ContractResponse {
  return {
    status: 201,
    headers: {
      "Azure-AsyncOperation": `${OP_URL}&t=1&c=2&s=3&h=4`,
      "Azure-AsyncNotification": "Enabled",
      "x-ms-ratelimit-remaining-resource":
        "Microsoft.Compute/PutRestorePointResource;5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;149",
      "content-type": "application/json; charset=utf-8",
    },
    body: goodBody(),
  };
}

function withBody(mutate: (b: Record<string, JsonValue>) => void): ContractResponse {
  const r = good();
  const b = goodBody();
  mutate(b);
  return { ...r, body: b };
}

function withHeaders(headers: Record<string, string>): ContractResponse {
  return { ...good(), headers };
}

function props(b: Record<string, JsonValue>): Record<string, JsonValue> {
  return b.properties as Record<string, JsonValue>;
}

describe("bodyKeyPaths", () => {
  it("lists leaf paths with [] for array elements, deduplicated, in first-seen order", () => {
    expect(
      bodyKeyPaths({
        a: 1,
        b: { c: "x", d: null },
        e: [{ f: 1 }, { f: 2, g: true }],
        h: [],
        i: {},
        j: ["x", "y"],
      }),
    ).toEqual(["a", "b.c", "b.d", "e[].f", "e[].g", "h[]", "i", "j[]"]);
  });

  it("handles a root array and non-object bodies", () => {
    expect(bodyKeyPaths([{ name: "a" }, { name: "b" }])).toEqual(["[].name"]);
    expect(bodyKeyPaths(undefined)).toEqual([]);
    expect(bodyKeyPaths(null)).toEqual([]);
    expect(bodyKeyPaths("text")).toEqual([]);
    expect(bodyKeyPaths({})).toEqual([]);
  });
});

describe("checkExchange", () => {
  it("accepts a matching response (extra keys and header case do not matter)", () => {
    expect(checkExchange(expected, good())).toEqual([]);
  });

  it("accepts a JSON body given as a string", () => {
    expect(checkExchange(expected, { ...good(), body: JSON.stringify(goodBody()) })).toEqual([]);
  });

  it("reports a status mismatch", () => {
    expect(checkExchange(expected, { ...good(), status: 200 })).toEqual(["status: expected 201, got 200"]);
  });

  it("reports a missing required header, case-insensitively", () => {
    const h = { ...good().headers };
    delete h["Azure-AsyncNotification"];
    expect(checkExchange(expected, withHeaders(h))).toEqual(['header "azure-asyncnotification" missing']);
    expect(checkExchange(expected, withHeaders({ ...h, "AZURE-ASYNCNOTIFICATION": "Enabled" }))).toEqual([]);
  });

  it("reports a header that must be absent", () => {
    const problems = checkExchange(expected, withHeaders({ ...good().headers, "Retry-After": "10" }));
    expect(problems).toEqual(['header "retry-after" must be absent, got "10"']);
  });

  it("reports a missing body key but allows extra keys", () => {
    const problems = checkExchange(
      expected,
      withBody((b) => {
        delete props(b).provisioningState;
        b.extra = { deep: [1] };
      }),
    );
    expect(problems).toContain('body key "properties.provisioningState" missing');
    expect(problems).toContain('body value "properties.provisioningState" missing (expected "Creating")');
    expect(problems).toHaveLength(2);
  });

  it("treats an expected empty array/object leaf as present when the actual one has content", () => {
    const exp: FixtureResponse = { status: 200, bodyKeys: ["a[]", "b"] };
    expect(checkExchange(exp, { status: 200, headers: {}, body: { a: [{ x: 1 }], b: { y: 2 } } })).toEqual(
      [],
    );
    expect(checkExchange(exp, { status: 200, headers: {}, body: { b: 1 } })).toEqual([
      'body key "a[]" missing',
    ]);
  });

  it("reports a wrong body value", () => {
    const problems = checkExchange(
      expected,
      withBody((b) => {
        props(b).provisioningState = "Succeeded";
      }),
    );
    expect(problems).toEqual([
      'body value "properties.provisioningState": expected "Creating", got "Succeeded"',
    ]);
  });

  it("compares numbers and other non-strings exactly", () => {
    const problems = checkExchange(
      expected,
      withBody((b) => {
        const sm = props(b).sourceMetadata as Record<string, JsonValue>;
        const sp = sm.storageProfile as Record<string, JsonValue>;
        (sp.dataDisks as Record<string, JsonValue>[])[0]!.lun = "0";
      }),
    );
    expect(problems).toEqual([
      'body value "properties.sourceMetadata.storageProfile.dataDisks[0].lun": expected 0, got "0"',
    ]);
  });

  it("compares location values case-insensitively but other strings case-sensitively", () => {
    expect(
      checkExchange(
        { status: 200, bodyValues: { location: "EastUS2EUAP" } },
        okBody({ location: "eastus2euap" }),
      ),
    ).toEqual([]);
    expect(
      checkExchange(
        { status: 200, bodyValues: { "properties.source.location": "WestUS" } },
        okBody({ properties: { source: { location: "westus" } } }),
      ),
    ).toEqual([]);
    expect(
      checkExchange(
        { status: 200, bodyValues: { "properties.provisioningState": "Succeeded" } },
        okBody({ properties: { provisioningState: "succeeded" } }),
      ),
    ).toEqual(['body value "properties.provisioningState": expected "Succeeded", got "succeeded"']);
    expect(
      checkExchange({ status: 200, bodyValues: { location: "westus" } }, okBody({ location: "eastus" })),
    ).toHaveLength(1);
  });

  it("matches placeholders as wildcards, segment-wise, unless vars pin them", () => {
    const exp: FixtureResponse = {
      status: 200,
      bodyValues: {
        id: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/x/{collection}",
        src: "{vmId}",
      },
    };
    const body = {
      id: "/subscriptions/s/resourceGroups/rg/x/c1",
      src: "/subscriptions/s/resourceGroups/rg/vm/v",
    };
    expect(checkExchange(exp, okBody(body))).toEqual([]);
    // a single-segment placeholder must not swallow a "/"
    expect(
      checkExchange(exp, okBody({ ...body, id: "/subscriptions/s/resourceGroups/rg/x/c1/extra" })),
    ).toHaveLength(1);
    // an empty segment does not match
    expect(checkExchange(exp, okBody({ ...body, id: "/subscriptions/s/resourceGroups//x/c1" }))).toHaveLength(
      1,
    );
    expect(checkExchange(exp, okBody(body), { vars: { collection: "c1" } })).toEqual([]);
    expect(checkExchange(exp, okBody(body), { vars: { collection: "other" } })).toEqual([
      'body value "id": expected "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/x/{collection}", got "/subscriptions/s/resourceGroups/rg/x/c1"',
    ]);
    // location placeholders substitute case-insensitively
    expect(
      checkExchange(
        { status: 200, bodyValues: { location: "{location}" } },
        okBody({ location: "EastUS2EUAP" }),
        {
          vars: { location: "eastus2euap" },
        },
      ),
    ).toEqual([]);
    expect(
      checkExchange({ status: 200, bodyValues: { location: "{location}" } }, okBody({ location: "westus" }), {
        vars: { location: "eastus2euap" },
      }),
    ).toHaveLength(1);
  });

  it("applies [] in bodyValues to every element and [n] to one element", () => {
    const exp: FixtureResponse = { status: 200, bodyValues: { "value[].type": "T" } };
    expect(checkExchange(exp, okBody({ value: [{ type: "T" }, { type: "T" }] }))).toEqual([]);
    expect(checkExchange(exp, okBody({ value: [{ type: "T" }, { type: "U" }] }))).toEqual([
      'body value "value[].type": expected "T", got "U"',
    ]);
    expect(checkExchange(exp, okBody({ value: [{ type: "T" }, {}] }))).toEqual([
      'body value "value[].type" missing (expected "T")',
    ]);
    expect(checkExchange(exp, okBody({ value: [] }))).toHaveLength(1);
    const one: FixtureResponse = { status: 200, bodyValues: { "value[1].type": "U" } };
    expect(checkExchange(one, okBody({ value: [{ type: "T" }, { type: "U" }] }))).toEqual([]);
    expect(checkExchange(one, okBody({ value: [{ type: "U" }] }))).toHaveLength(1);
  });

  it("reports a key that must be absent, including inside arrays", () => {
    expect(
      checkExchange(
        expected,
        withBody((b) => {
          props(b).consistencyMode = "CrashConsistent";
        }),
      ),
    ).toEqual(['body key "properties.consistencyMode" must be absent']);
    const exp: FixtureResponse = {
      status: 200,
      bodyAbsent: ["properties.restorePoints[].properties.internalData"],
    };
    expect(checkExchange(exp, okBody({ properties: { restorePoints: [{ properties: {} }] } }))).toEqual([]);
    expect(
      checkExchange(
        exp,
        okBody({ properties: { restorePoints: [{ properties: { internalData: { a: 1 } } }] } }),
      ),
    ).toEqual(['body key "properties.restorePoints[].properties.internalData" must be absent']);
  });

  it("reports an empty-body violation", () => {
    const exp: FixtureResponse = { status: 202, bodyEmpty: true };
    expect(checkExchange(exp, { status: 202, headers: {}, body: undefined })).toEqual([]);
    expect(checkExchange(exp, { status: 202, headers: {}, body: "" })).toEqual([]);
    expect(checkExchange(exp, { status: 202, headers: {}, body: { status: "Succeeded" } })).toEqual([
      'body must be empty, got {"status":"Succeeded"}',
    ]);
  });

  it("reports a rate-limit policy that the header does not name", () => {
    const problems = checkExchange(
      expected,
      withHeaders({
        ...good().headers,
        "x-ms-ratelimit-remaining-resource": "Microsoft.Compute/PutRestorePointResource;4",
      }),
    );
    expect(problems).toEqual([
      'x-ms-ratelimit-remaining-resource does not name Microsoft.Compute/PutRestorePointSubscriptionMaximum (got "Microsoft.Compute/PutRestorePointResource;4")',
    ]);
  });

  it("reports a malformed or missing rate-limit header", () => {
    const malformed = checkExchange(
      expected,
      withHeaders({
        ...good().headers,
        "x-ms-ratelimit-remaining-resource":
          "Microsoft.Compute/PutRestorePointResource=5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;149",
      }),
    );
    expect(malformed).toContain(
      'x-ms-ratelimit-remaining-resource: malformed entry "Microsoft.Compute/PutRestorePointResource=5" (want Microsoft.Compute/<Policy>;<n>)',
    );
    const h = { ...good().headers };
    delete h["x-ms-ratelimit-remaining-resource"];
    const missing = checkExchange(expected, withHeaders(h));
    expect(missing).toContain('header "x-ms-ratelimit-remaining-resource" missing');
    expect(missing.some((m) => m.includes("expected Microsoft.Compute/PutRestorePointResource"))).toBe(true);
  });

  it("skips the rate-limit check with checkRateLimits: false", () => {
    const r = withHeaders({
      ...good().headers,
      "x-ms-ratelimit-remaining-resource": "Microsoft.Compute/Other;1",
    });
    expect(checkExchange(expected, r)).toHaveLength(2);
    expect(checkExchange(expected, r, { checkRateLimits: false })).toEqual([]);
    const h = { ...good().headers };
    delete h["x-ms-ratelimit-remaining-resource"];
    expect(checkExchange(expected, withHeaders(h), { checkRateLimits: false })).toEqual([]);
    // other headers are still checked
    delete h["Azure-AsyncNotification"];
    expect(checkExchange(expected, withHeaders(h), { checkRateLimits: false })).toEqual([
      'header "azure-asyncnotification" missing',
    ]);
  });

  it("leaves ignored keys (and everything under them) out of the body checks", () => {
    const r = withBody((b) => {
      const sm = props(b).sourceMetadata as Record<string, JsonValue>;
      delete sm.storageProfile;
      props(b).consistencyMode = "x";
    });
    expect(checkExchange(expected, r)).toHaveLength(5);
    expect(
      checkExchange(expected, r, {
        ignoreKeys: ["properties.sourceMetadata.storageProfile", "properties.consistencyMode"],
      }),
    ).toEqual([]);
  });

  it("checks operation URL forms in headers", () => {
    const withOp = (url: string): ContractResponse =>
      withHeaders({ ...good().headers, "Azure-AsyncOperation": url });
    // signed parameters are optional
    expect(checkExchange(expected, withOp(OP_URL))).toEqual([]);
    expect(checkExchange(expected, withOp(OP_URL.replace("/operations/", "/DiskOperations/")))).toEqual([
      'header "azure-asyncoperation": path segment 7: expected "operations", got "DiskOperations"',
    ]);
    expect(checkExchange(expected, withOp(OP_URL.replace("p=abc&", "")))).toEqual([
      'header "azure-asyncoperation": query parameter "p" missing',
    ]);
    expect(checkExchange(expected, withOp(`${OP_URL}&monitor=true`))).toEqual([
      'header "azure-asyncoperation": unexpected query parameter "monitor" (only the Location/monitor URL carries it)',
    ]);
    expect(checkExchange(expected, withOp(OP_URL.replace("2023-09-01", "2021-11-01")))).toEqual([
      'header "azure-asyncoperation": query parameter "api-version": expected "2023-09-01", got "2021-11-01"',
    ]);
    expect(
      checkExchange(
        expected,
        withOp("/subscriptions/s/providers/Microsoft.Compute/locations/l/operations/o?p=1"),
      ),
    ).toEqual([
      'header "azure-asyncoperation": "/subscriptions/s/providers/Microsoft.Compute/locations/l/operations/o?p=1" is not an absolute URL',
    ]);
    expect(checkExchange(expected, withOp("https://x/y"), { checkHeaderPatterns: false })).toEqual([]);
    expect(checkExchange(expected, withOp(OP_URL), { vars: { location: "eastus" } })).toEqual([
      'header "azure-asyncoperation": path segment {location}: expected "eastus", got "westus"',
    ]);
  });

  it("requires monitor=true when the pattern has it", () => {
    const pattern =
      "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}?p=…&monitor=true&api-version=2023-09-01";
    expect(matchUrlPattern(pattern, `${OP_URL}&monitor=true`)).toEqual([]);
    expect(matchUrlPattern(pattern, OP_URL)).toEqual(['query parameter "monitor" missing (expected "true")']);
    expect(matchUrlPattern(pattern, `${OP_URL}&monitor=true`.replace("/operations/op-1", ""))).toEqual([
      'path "/subscriptions/sub1/providers/Microsoft.Compute/locations/westus" does not have the form "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}"',
    ]);
  });
});

function okBody(body: JsonValue): ContractResponse {
  return { status: 200, headers: {}, body };
}

// ---------------------------------------------------------------------------------------------------------
// Fixture files
// ---------------------------------------------------------------------------------------------------------

const fixtures = loadFixtures();
const allExchanges = fixtures.flatMap((f) => f.exchanges.map((e) => ({ file: f.file, e })));
const KNOWN = new Set<string>(KNOWN_PLACEHOLDERS);

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === "string") out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  }
  return out;
}

type Token = { key: string } | { index: number };

function tokens(path: string): Token[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d*)\]/g)].map((m) =>
    m[1] !== undefined ? { key: m[1] } : { index: m[2] ? Number(m[2]) : 0 },
  );
}

/** Writes a value at a key path (`[]` = element 0), creating containers; `onlyIfUnset` keeps existing values. */
function setPath(root: Record<string, unknown>, path: string, value: unknown, onlyIfUnset: boolean): void {
  const ts = tokens(path);
  let cur: Record<string | number, unknown> = root;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const slot = "key" in t ? t.key : t.index;
    const next = ts[i + 1];
    if (next === undefined) {
      if (cur[slot] === undefined || !onlyIfUnset) cur[slot] = value;
      return;
    }
    const wantArray = "index" in next;
    const existing = cur[slot];
    if (typeof existing !== "object" || existing === null || Array.isArray(existing) !== wantArray) {
      cur[slot] = wantArray ? [] : {};
    }
    cur = cur[slot] as Record<string | number, unknown>;
  }
}

/** Builds a response that satisfies a fixture expectation (used to prove fixtures and comparer agree). */
function synthesize(r: FixtureResponse): ContractResponse {
  const headers: Record<string, string> = {};
  for (const h of r.headersPresent ?? []) headers[h] = "x";
  for (const [h, p] of Object.entries(r.headerPatterns ?? {})) {
    headers[h] = `https://management.azure.com${p.replaceAll("…", "x")}`;
  }
  if ((r.rateLimitPolicies ?? []).length > 0) {
    headers["x-ms-ratelimit-remaining-resource"] = (r.rateLimitPolicies ?? []).map((p) => `${p};1`).join(",");
  }
  if (r.bodyEmpty === true) return { status: r.status, headers, body: undefined };
  const body: Record<string, unknown> = {};
  for (const k of r.bodyKeys ?? []) {
    if (k.endsWith("[]")) setPath(body, k.slice(0, -2), [], true);
    else setPath(body, k, "x", true);
  }
  for (const [k, v] of Object.entries(r.bodyValues ?? {})) setPath(body, k, v, false);
  return { status: r.status, headers, body };
}

describe("contract fixtures", () => {
  it("loads every fixture file", () => {
    expect(fixtures.map((f) => f.file)).toEqual(
      expect.arrayContaining([
        "cli-copy-vm-restore-point.json",
        "cli-restore-point.json",
        "cli-disk-from-restore-point.json",
        "go-restore-point-suite.json",
        "net-create-rpc-and-restore-points.json",
        "spec-examples.json",
      ]),
    );
    for (const f of fixtures) {
      expect(typeof f.source, f.file).toBe("string");
      expect(f.source.length, f.file).toBeGreaterThan(10);
      expect(f.exchanges.length, f.file).toBeGreaterThan(0);
    }
  });

  it("uses unique exchange ids across all files", () => {
    const ids = allExchanges.map(({ e }) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it("has well-formed exchanges", () => {
    const problems: string[] = [];
    const check = (ok: boolean, file: string, e: FixtureExchange, what: string): void => {
      if (!ok) problems.push(`${file} ${e.id}: ${what}`);
    };
    for (const { file, e } of allExchanges) {
      const r = e.response;
      check(FIXTURE_METHODS.includes(e.method), file, e, `method ${e.method}`);
      check(/^[A-Za-z]+_[A-Za-z]+$/.test(e.operation), file, e, `operation ${e.operation}`);
      check(e.path.startsWith("/subscriptions/{subscriptionId}/"), file, e, `path ${e.path}`);
      check(!e.path.includes("?"), file, e, "path must not hold the query");
      check(/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(e.apiVersion), file, e, `apiVersion ${e.apiVersion}`);
      check(
        Number.isInteger(r.status) && r.status >= 200 && r.status < 600,
        file,
        e,
        `status ${String(r.status)}`,
      );
      const present = r.headersPresent ?? [];
      const absent = r.headersAbsent ?? [];
      for (const h of [...present, ...absent, ...Object.keys(r.headerPatterns ?? {})]) {
        check(h === h.toLowerCase(), file, e, `header name ${h} not lower-case`);
      }
      check(!present.some((h) => absent.includes(h)), file, e, "header both present and absent");
      for (const h of Object.keys(r.headerPatterns ?? {}))
        check(present.includes(h), file, e, `pattern for unlisted ${h}`);
      if ((r.rateLimitPolicies ?? []).length > 0) {
        check(
          present.includes("x-ms-ratelimit-remaining-resource"),
          file,
          e,
          "rate limits without the header",
        );
        for (const p of r.rateLimitPolicies ?? [])
          check(/^Microsoft\.Compute\/[A-Za-z0-9]+$/.test(p), file, e, `policy ${p}`);
      }
      if (r.bodyEmpty === true) {
        check(r.bodyKeys === undefined && r.bodyValues === undefined, file, e, "empty body with keys/values");
      }
      const keys = r.bodyKeys ?? [];
      check(new Set(keys).size === keys.length, file, e, "duplicate bodyKeys");
      for (const k of Object.keys(r.bodyValues ?? {})) {
        const norm = k.replace(/\[\d+\]/g, "[]");
        check(
          keys.some((b) => b === norm || b.startsWith(`${norm}.`)),
          file,
          e,
          `bodyValues key ${k} not in bodyKeys`,
        );
      }
      for (const k of r.bodyAbsent ?? []) {
        check(
          !keys.some((b) => b === k || b.startsWith(`${k}.`) || b.startsWith(`${k}[`)),
          file,
          e,
          `bodyAbsent ${k} is present`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it("uses known placeholders only", () => {
    const unknown = new Set<string>();
    for (const f of fixtures) {
      for (const s of strings(f.exchanges))
        for (const p of placeholdersIn(s)) if (!KNOWN.has(p)) unknown.add(`${f.file}: {${p}}`);
    }
    expect([...unknown]).toEqual([]);
  });

  it("keeps concrete ids out of paths and request bodies", () => {
    const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    for (const { file, e } of allExchanges) {
      for (const s of strings([
        e.path,
        e.requestBody ?? null,
        e.response.bodyValues ?? null,
        e.response.headerPatterns ?? null,
      ])) {
        expect(guid.test(s), `${file} ${e.id}: ${s}`).toBe(false);
      }
    }
  });

  it("declares the setup regions the recorded scenarios need", () => {
    for (const f of fixtures.filter((x) => x.file !== "spec-examples.json")) {
      expect(typeof f.setup?.location, f.file).toBe("string");
      expect(fixtureVars(f).location).toBe(f.setup?.location);
    }
  });

  it("accepts a response synthesised from each exchange, and rejects it after a mutation", () => {
    const failures: string[] = [];
    for (const { file, e } of allExchanges) {
      const synthetic = synthesize(e.response);
      const ok = checkExchange(e.response, synthetic);
      if (ok.length > 0) failures.push(`${file} ${e.id}: ${ok.join("; ")}`);
      const wrongStatus = checkExchange(e.response, { ...synthetic, status: synthetic.status + 1 });
      if (wrongStatus.length !== 1) failures.push(`${file} ${e.id}: status mutation not caught`);
      const firstKey = e.response.bodyKeys?.[0];
      if (firstKey !== undefined) {
        const stripped = { ...synthetic, body: {} };
        if (checkExchange(e.response, stripped).length === 0)
          failures.push(`${file} ${e.id}: empty body not caught`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("records the key protocol facts", () => {
    const byId = new Map(allExchanges.map(({ e }) => [e.id, e]));
    const rpCreate = byId.get("copy-03-put-restore-point")!.response;
    expect(rpCreate.status).toBe(201);
    expect(rpCreate.headersPresent).toContain("azure-asyncoperation");
    expect(rpCreate.headersAbsent).toEqual(expect.arrayContaining(["location", "retry-after"]));
    expect(rpCreate.bodyValues?.["properties.provisioningState"]).toBe("Creating");
    const del = byId.get("go-09-delete-restore-point")!.response;
    expect(del.status).toBe(202);
    expect(del.headerPatterns?.location).toContain("monitor=true");
    expect(byId.get("net-19-monitor-delete-done")!.response.bodyEmpty).toBe(true);
    expect(byId.get("net-23-get-deleted-restore-point-404")!.response.bodyValues?.["error.code"]).toBe(
      "NotFound",
    );
    const gateway = byId.get("net-27-get-deleted-collection-404")!.response;
    expect(gateway.bodyValues?.["error.code"]).toBe("ResourceNotFound");
    expect(gateway.headersPresent).toContain("x-ms-failure-cause");
    const diskFinal = byId.get("disk-05-poll-disk-succeeded")!.response;
    expect(diskFinal.bodyKeys?.some((k) => k.startsWith("properties.output."))).toBe(true);
  });
});
