/**
 * Issue 16, emulator side: whatever a client sends, the emulator answers with an ARM error (4xx
 * for bad input, never a crash), keeps its files private, closes connections that go quiet, and
 * applies Azure's tag, name, api-version and subnet rules.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths } from "../support/armFetch.js";
import { openTls, rawRequest, timeUntilClosed } from "../support/rawHttp.js";

const DV = "api-version=2025-01-02";
const CV = "api-version=2025-04-01";

/** A JSON text nesting `levels` objects inside `properties.securityProfile`. */
function deeplyNestedDisk(levels: number): string {
  return `{"location":"eastus","sku":{"name":"Premium_LRS"},"properties":{"creationData":{"createOption":"Empty"},"diskSizeGB":8,"securityProfile":${'{"a":'.repeat(levels)}1${"}".repeat(levels)}}}`;
}

let emu: Emulator;
let vmSubnetId = "";
let p: ReturnType<typeof paths>;
const warnings: string[] = [];
const onWarning = (warning: Error): void => {
  warnings.push(warning.message);
};

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 0 });
  p = paths(emu, "rg");
  vmSubnetId = (await emu.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" })).subnetId;
  process.on("warning", onWarning);
});
afterAll(async () => {
  process.off("warning", onWarning);
  await emu.close();
});
afterEach(() => {
  warnings.length = 0;
});

async function stillServing(target: Emulator = emu): Promise<void> {
  const res = await armFetch(target, "GET", `${paths(target, "rg").vm("vm")}?${CV}`);
  expect(res.status).toBe(200);
}

describe("request bodies", () => {
  it("refuses a 20,000-level nested securityProfile with 400 before storing it, and keeps serving", async () => {
    const res = await armFetch(emu, "PUT", `${p.disk("deep")}?${DV}`, { rawBody: deeplyNestedDisk(20_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("InvalidRequestContent");
    expect(res.body.error.message).toContain("64 levels");
    expect((await armFetch(emu, "GET", `${p.disk("deep")}?${DV}`)).status).toBe(404);
    await stillServing();
  });

  it("accepts nesting up to the limit and refuses one level more", async () => {
    // The body and `properties` are 2 levels: 62 objects from `securityProfile` on reach 64.
    expect(
      (await armFetch(emu, "PUT", `${p.disk("at-limit")}?${DV}`, { rawBody: deeplyNestedDisk(62) })).status,
    ).toBe(202);
    const over = await armFetch(emu, "PUT", `${p.disk("over-limit")}?${DV}`, {
      rawBody: deeplyNestedDisk(63),
    });
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe("InvalidRequestContent");
    // Brackets inside strings do not count.
    const inString = deeplyNestedDisk(1).replace(
      '"location"',
      `"tags":{"a":"${"[{".repeat(100)}"},"location"`,
    );
    expect((await armFetch(emu, "PUT", `${p.disk("brackets")}?${DV}`, { rawBody: inString })).status).toBe(
      202,
    );
  });

  it("refuses a stored property over the per-property limit, naming it", async () => {
    const body = {
      location: "eastus",
      sku: { name: "Premium_LRS" },
      properties: {
        creationData: { createOption: "Empty" },
        diskSizeGB: 8,
        securityProfile: { x: "y".repeat(300 * 1024) },
      },
    };
    const res = await armFetch(emu, "PUT", `${p.disk("fat")}?${DV}`, { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "InvalidParameter", target: "properties.securityProfile" });
    expect((await armFetch(emu, "GET", `${p.disk("fat")}?${DV}`)).status).toBe(404);
  });

  it("applies configured limits", async () => {
    const small = await startEmulator({ maxJsonDepth: 4, maxPropertyBytes: 100, maxBodyBytes: 2000 });
    try {
      const path = `${paths(small, "rg").collection("c")}?${CV}`;
      const deep = await armFetch(small, "PUT", path, {
        rawBody: '{"location":"eastus","tags":{"a":[[["x"]]]}}',
      });
      expect(deep.body.error.code).toBe("InvalidRequestContent");
      const fat = await armFetch(small, "PUT", path, {
        body: { location: "eastus", tags: { a: "b".repeat(150) } },
      });
      expect(fat.body.error).toMatchObject({ code: "InvalidParameter", target: "tags" });
      const big = await armFetch(small, "PUT", path, { body: { location: "x".repeat(3000) } });
      expect(big.status).toBe(413);
    } finally {
      await small.close();
    }
    await expect(startEmulator({ maxJsonDepth: 0 })).rejects.toThrow(RangeError);
  });

  it("keeps serving (and persisting) after a deep body with a data directory", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "vmrp-harden-"));
    const withDir = await startEmulator({ dataDir, operationDelayMs: 0 });
    try {
      await withDir.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" });
      const res = await armFetch(withDir, "PUT", `${paths(withDir, "rg").disk("deep")}?${DV}`, {
        rawBody: deeplyNestedDisk(20_000),
      });
      expect(res.status).toBe(400);
      await stillServing(withDir);
      const disk = await armFetch(withDir, "PUT", `${paths(withDir, "rg").disk("ok")}?${DV}`, {
        rawBody: deeplyNestedDisk(2),
      });
      expect(disk.status).toBe(202);
    } finally {
      await withDir.close();
    }
    const restarted = await startEmulator({ dataDir });
    try {
      expect((await armFetch(restarted, "GET", `${paths(restarted, "rg").disk("ok")}?${DV}`)).status).toBe(
        200,
      );
    } finally {
      await restarted.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses values addVm cannot store", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(
      emu.addVm({ resourceGroup: "rg", name: "cyc", location: "eastus", securityProfile: cyclic }),
    ).rejects.toThrow(/securityProfile/);
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    await expect(
      emu.addVm({ resourceGroup: "rg", name: "deep", location: "eastus", securityProfile: deep }),
    ).rejects.toThrow(RangeError);
    expect((await armFetch(emu, "GET", `${p.vm("deep")}?${CV}`)).status).toBe(404);
  });

  it("answers non-JSON, wrong content types and non-object bodies with 4xx", async () => {
    const path = `${p.collection("odd")}?${CV}`;
    const cases: { body: string; headers?: Record<string, string>; status: number; code: string }[] = [
      { body: "{not json", status: 400, code: "InvalidRequestContent" },
      { body: "[]", status: 400, code: "InvalidRequestContent" },
      { body: "null", status: 400, code: "InvalidRequestContent" },
      { body: '"text"', status: 400, code: "InvalidRequestContent" },
      { body: "42", status: 400, code: "InvalidRequestContent" },
      { body: "\uFEFF{}", status: 400, code: "InvalidRequestContent" },
      {
        body: '{"location":"eastus"}',
        headers: { "content-type": "text/plain" },
        status: 415,
        code: "UnsupportedMediaType",
      },
      {
        body: '{"location":"eastus"}',
        headers: { "content-type": "application/x-www-form-urlencoded" },
        status: 415,
        code: "UnsupportedMediaType",
      },
    ];
    for (const c of cases) {
      const res = await rawRequest(emu, "PUT", path, {
        body: c.body,
        headers: { "content-type": "application/json", ...c.headers },
      });
      expect({ body: c.body, status: res.status, code: res.body?.error?.code }).toEqual({
        body: c.body,
        status: c.status,
        code: c.code,
      });
    }
    const merge = await rawRequest(emu, "PUT", path, {
      body: '{"location":"eastus"}',
      headers: { "content-type": "application/merge-patch+json; charset=utf-8" },
    });
    expect(merge.status).toBeLessThan(500);
    expect(merge.body?.error?.code).not.toBe("UnsupportedMediaType");
  });
});

describe("request targets and other hostile requests", () => {
  it.each([
    ["%ZZ", `${p0()}/disks/a%ZZb`],
    ["a lone %", `${p0()}/disks/a%`],
    ["truncated UTF-8", `${p0()}/disks/a%E2%82`],
    ["a bad escape in the subscription", "/subscriptions/%E2%82/resourceGroups/rg"],
    ["a raw .. segment", `${p0()}/disks/../virtualMachines/vm`],
    ["an encoded .. segment", `${p0()}/disks/%2e%2E`],
    ["a . segment", `${p0()}/./disks/d`],
    ["a backslash", `${p0()}/disks\\d`],
    ["an absolute-form target", `https://127.0.0.1/subscriptions/s`],
  ])("answers %s with 400 and an ARM error, without a warning", async (_label, target) => {
    const res = await rawRequest(emu, "GET", target.replace("{sub}", emu.subscriptionId) + `?${DV}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "BadRequest",
      message: expect.stringContaining("request URI"),
    });
    expect(res.text).not.toContain("at ");
    expect(warnings).toEqual([]);
    await stillServing();
  });

  it("answers HEAD, OPTIONS, odd query strings, duplicate parameters and odd headers without a 5xx", async () => {
    const vmPath = p.vm("vm");
    const requests: [string, string, Record<string, string>?][] = [
      ["HEAD", `${vmPath}?${CV}`],
      ["OPTIONS", `${vmPath}?${CV}`],
      ["GET", `${vmPath}?api-version=%ZZ`],
      ["GET", `${vmPath}?api-version=2025-04-01&api-version=2025-04-01`],
      ["GET", `${vmPath}?${CV}&$skiptoken=%FF&$skiptoken=-1&&&=&%`],
      ["GET", `${vmPath}?${CV}`, { authorization: "Bearer" }],
      ["GET", `${vmPath}?${CV}`, { authorization: "Basic Zm9vOmJhcg==" }],
      ["GET", `${vmPath}?${CV}`, { "x-ms-client-request-id": "\u00e9t\u00e9" }],
      ["GET", `${vmPath}?${CV}`, { "content-type": 'application/json; charset="' }],
      ["GET", `${vmPath}?${CV}`, { "x-big": "x".repeat(8000) }],
      ["DELETE", `${p.rg}/providers/Microsoft.Compute/restorePointCollections?${CV}`],
      ["PATCH", `${p.collection("none")}?${CV}`],
      ["GET", `/${"a/".repeat(2000)}?${CV}`],
    ];
    for (const [method, target, headers] of requests) {
      const res = await rawRequest(emu, method, target, headers === undefined ? {} : { headers });
      expect({ method, target: target.slice(0, 80), status: res.status < 500 }).toEqual({
        method,
        target: target.slice(0, 80),
        status: true,
      });
      if (method !== "HEAD" && res.status >= 400 && res.status !== 431) {
        expect(res.body?.error?.code, `${method} ${target.slice(0, 80)}: ${res.text}`).toEqual(
          expect.any(String),
        );
      }
    }
    const duplicate = await rawRequest(emu, "GET", `${vmPath}?api-version=2025-04-01&api-version=2025-04-01`);
    expect(duplicate.body.error.code).toBe("InvalidApiVersionParameter");
    const head = await rawRequest(emu, "HEAD", `${vmPath}?${CV}`);
    expect(head.text).toBe("");
    expect(warnings).toEqual([]);
    await stillServing();
  });

  it("answers a request with a huge URL without crashing", async () => {
    const res = await rawRequest(emu, "GET", `${p.vm("vm")}?${CV}&x=${"y".repeat(100_000)}`);
    expect(res.status).toBe(431);
    await stillServing();
  });

  it("turns an unexpected exception into a 500 ARM error without ending the process", async () => {
    const spy = vi.spyOn(JSON, "stringify").mockImplementationOnce(() => {
      throw new RangeError("Maximum call stack size exceeded");
    });
    try {
      const res = await armFetch(emu, "GET", `${p.vm("vm")}?${CV}`);
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe("InternalExecutionError");
    } finally {
      spy.mockRestore();
    }
    expect(warnings.some((w) => w.includes("emulator handler failed"))).toBe(true);
    await stillServing();
  });
});

/** The resource group prefix with a placeholder subscription (filled in by the test). */
function p0(): string {
  return "/subscriptions/{sub}/resourceGroups/rg/providers/Microsoft.Compute";
}

describe("files", () => {
  it("writes the data directory 700 and every file 600 even under umask 000, without the token", async () => {
    const parent = mkdtempSync(join(tmpdir(), "vmrp-perm-"));
    const dataDir = join(parent, "state");
    const oldMask = process.umask(0o000);
    try {
      const withDir = await startEmulator({ dataDir });
      try {
        await withDir.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" });
        expect(statSync(dataDir).mode & 0o777).toBe(0o700);
        for (const file of readdirSync(dataDir)) {
          expect({ file, mode: statSync(join(dataDir, file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
        }
        expect(readdirSync(dataDir).sort()).toEqual(["clock.json", "state.json"]);
        const { readFileSync } = await import("node:fs");
        const text = readFileSync(join(dataDir, "state.json"), "utf8");
        expect(text).not.toContain(withDir.token);
        expect(text).not.toContain('"token"');
      } finally {
        await withDir.close();
      }
    } finally {
      process.umask(oldMask);
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("makes an existing readable data directory and state file private again", async () => {
    const { chmodSync, writeFileSync } = await import("node:fs");
    const dataDir = mkdtempSync(join(tmpdir(), "vmrp-perm-"));
    try {
      chmodSync(dataDir, 0o755);
      writeFileSync(
        join(dataDir, "state.json"),
        JSON.stringify({ format: 1, token: "old-secret", state: {} }),
        { mode: 0o644 },
      );
      chmodSync(join(dataDir, "state.json"), 0o644);
      const withDir = await startEmulator({ dataDir });
      try {
        expect(statSync(dataDir).mode & 0o777).toBe(0o700);
        expect(statSync(join(dataDir, "state.json")).mode & 0o777).toBe(0o600);
        expect(withDir.token).not.toBe("old-secret");
        await withDir.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" });
        const { readFileSync } = await import("node:fs");
        expect(readFileSync(join(dataDir, "state.json"), "utf8")).not.toContain("old-secret");
      } finally {
        await withDir.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("connection file", () => {
  it("is written 600 from its first byte under umask 000, also over an existing readable file", async () => {
    const { chmodSync, readFileSync, writeFileSync } = await import("node:fs");
    const { writeConnectionFile } = await import("../../src/cli/connectionFile.js");
    const dir = mkdtempSync(join(tmpdir(), "vmrp-conn-"));
    const file = join(dir, "connection.json");
    const oldMask = process.umask(0o000);
    try {
      writeFileSync(file, "old");
      chmodSync(file, 0o644);
      writeConnectionFile(file, {
        url: emu.url,
        subscriptionId: emu.subscriptionId,
        token: "t",
        certificatePem: "c",
      });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ token: "t" });
      expect(readdirSync(dir)).toEqual(["connection.json"]);
    } finally {
      process.umask(oldMask);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("slow clients", () => {
  let quick: Emulator;
  beforeAll(async () => {
    quick = await startEmulator({ headersTimeoutMs: 300, requestTimeoutMs: 600, keepAliveTimeoutMs: 200 });
  });
  afterAll(async () => {
    await quick.close();
  });

  it("closes a connection that sends part of the headers and goes quiet", async () => {
    const socket = await openTls(quick);
    socket.write(
      `GET /subscriptions/${quick.subscriptionId}/resourceGroups/rg?${CV} HTTP/1.1\r\nHost: x\r\n`,
    );
    const closedAfter = await timeUntilClosed(socket, 5000);
    expect(closedAfter).toBeGreaterThan(0);
    expect(closedAfter).toBeLessThan(2500);
  });

  it("closes a connection that sends the headers and part of the body and goes quiet", async () => {
    const socket = await openTls(quick);
    socket.write(
      `PUT /subscriptions/${quick.subscriptionId}/resourceGroups/rg?api-version=2021-04-01 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nAuthorization: Bearer ${quick.token}\r\n\r\n{"loc`,
    );
    const closedAfter = await timeUntilClosed(socket, 5000);
    expect(closedAfter).toBeGreaterThan(0);
    expect(closedAfter).toBeLessThan(3000);
  });

  it("closes a TCP connection that never starts the TLS handshake", async () => {
    const { connect } = await import("node:net");
    const socket = connect(quick.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const closedAfter = await timeUntilClosed(socket, 5000);
    expect(closedAfter).toBeGreaterThan(0);
    expect(closedAfter).toBeLessThan(2500);
  });

  it("refuses timeouts that are not positive integers", async () => {
    await expect(startEmulator({ headersTimeoutMs: 0 })).rejects.toThrow(RangeError);
    await expect(startEmulator({ requestTimeoutMs: Number.NaN })).rejects.toThrow(RangeError);
    await expect(startEmulator({ headersTimeoutMs: 2000, requestTimeoutMs: 1000 })).rejects.toThrow(
      /headersTimeoutMs/,
    );
  });
});

describe("tags", () => {
  /** A PUT of each resource type that takes tags, with `tags` as given. */
  function tagTargets(): { type: string; put: (tags: unknown) => Promise<{ status: number; body: any }> }[] {
    const vmId = p.vm("vm");
    return [
      {
        type: "resource group",
        put: (tags) =>
          armFetch(emu, "PUT", `${p.sub}/resourcegroups/tagged-rg?api-version=2021-04-01`, {
            body: { location: "eastus", tags },
          }),
      },
      {
        type: "collection",
        put: (tags) =>
          armFetch(emu, "PUT", `${p.collection("tagged")}?${CV}`, {
            body: { location: "eastus", tags, properties: { source: { id: vmId } } },
          }),
      },
      {
        type: "disk",
        put: (tags) =>
          armFetch(emu, "PUT", `${p.disk("tagged")}?${DV}`, {
            body: {
              location: "eastus",
              tags,
              sku: { name: "Premium_LRS" },
              properties: { creationData: { createOption: "Empty" }, diskSizeGB: 8 },
            },
          }),
      },
      {
        type: "virtual machine",
        put: (tags) => armFetch(emu, "PUT", `${vmId}?${CV}`, { body: { location: "eastus", tags } }),
      },
      {
        type: "network interface",
        put: (tags) =>
          armFetch(
            emu,
            "PUT",
            `${p.rg}/providers/Microsoft.Network/networkInterfaces/tagged-nic?api-version=2024-05-01`,
            {
              body: {
                location: "eastus",
                tags,
                properties: { ipConfigurations: [{ name: "c", properties: { subnet: { id: vmSubnetId } } }] },
              },
            },
          ),
      },
    ];
  }
  const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "v"]));
  const cases: [string, unknown, string, RegExp][] = [
    [
      "51 tags",
      { ...fifty, extra: "v" },
      "InvalidTags",
      /Requested tag count - '51'\. Maximum number of tags allowed - '50'/,
    ],
    ["an empty name", { "": "v" }, "InvalidTagName", /non-empty/],
    ["a whitespace name", { "  ": "v" }, "InvalidTagName", /non-whitespace/],
    ...["<", ">", "%", "&", "\\", "?", "/", "\u0001", "\u007f"].map(
      (char): [string, unknown, string, RegExp] => [
        `'${char}' in a name`,
        { [`a${char}b`]: "v" },
        "InvalidTagNameCharacters",
        /have reserved characters '<,>,%,&,\\,\?,\/' or control characters/,
      ],
    ),
    [
      "a 513-character name",
      { ["n".repeat(513)]: "v" },
      "InvalidTagName",
      /Maximum allowed length for tag name - '512' characters/,
    ],
    [
      "a 257-character value",
      { a: "v".repeat(257) },
      "InvalidTagValueLength",
      /Maximum allowed length for tag value - '256' characters/,
    ],
    ["a number value", { a: 1 }, "InvalidParameter", /must be a string/],
    ["an array", ["a"], "InvalidParameter", /object of strings/],
  ];

  it.each(cases)("refuses %s on every resource type with ARM's code", async (_label, tags, code, message) => {
    for (const target of tagTargets()) {
      const res = await target.put(tags);
      expect({ type: target.type, status: res.status, code: res.body?.error?.code }).toEqual({
        type: target.type,
        status: 400,
        code,
      });
      expect(res.body.error.message).toMatch(message);
    }
  });

  it("accepts the limits themselves: 50 tags, 512-character names, 256-character values, '.', ':', '=' and '+' in names", async () => {
    const edge = { ...fifty };
    delete edge.t0;
    edge["n".repeat(512)] = "v".repeat(256);
    delete edge.t1;
    edge["k8s.io:role=web+db"] = "<>%&\\?/ values may hold anything";
    for (const target of tagTargets()) {
      const res = await target.put(edge);
      expect({ type: target.type, status: res.status < 300 }).toEqual({ type: target.type, status: true });
    }
  });

  it("stores and returns __proto__ and constructor as ordinary tags, without touching Object.prototype", async () => {
    const text = '{"__proto__":"polluted","constructor":"c","toString":"t","plain":"p"}';
    for (const target of tagTargets()) {
      const res = await target.put(JSON.parse(text));
      expect({ type: target.type, status: res.status < 300 }).toEqual({ type: target.type, status: true });
    }
    const gets = [
      `${p.sub}/resourcegroups/tagged-rg?api-version=2021-04-01`,
      `${p.collection("tagged")}?${CV}`,
      `${p.disk("tagged")}?${DV}`,
      `${p.vm("vm")}?${CV}`,
      `${p.rg}/providers/Microsoft.Network/networkInterfaces/tagged-nic?api-version=2024-05-01`,
    ];
    for (const path of gets) {
      const res = await armFetch(emu, "GET", path);
      // The raw text: JSON.parse in the test would treat __proto__ specially again.
      expect(res.text, path).toContain('"__proto__":"polluted"');
      expect(Object.keys(JSON.parse(res.text).tags as object).sort(), path).toEqual([
        "__proto__",
        "constructor",
        "plain",
        "toString",
      ]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("applies the same rules to addVm, before it creates anything", async () => {
    const before = JSON.stringify(emu.exportState());
    await expect(
      emu.addVm({ resourceGroup: "rg", name: "t1", location: "eastus", tags: { "a/b": "v" } }),
    ).rejects.toThrow(/InvalidTagNameCharacters/);
    await expect(
      emu.addVm({
        resourceGroup: "rg",
        name: "t2",
        location: "eastus",
        tags: new Map([["a", "b"]]) as unknown as Record<string, string>,
      }),
    ).rejects.toThrow(TypeError);
    expect(JSON.stringify(emu.exportState())).toBe(before);
    const added = await emu.addVm({
      resourceGroup: "rg",
      name: "t3",
      location: "eastus",
      tags: JSON.parse('{"__proto__":"x"}'),
    });
    const got = await armFetch(emu, "GET", `${added.id}?${CV}`);
    expect(got.text).toContain('"__proto__":"x"');
  });
});

describe("virtual networks and subnets", () => {
  const NV = "api-version=2024-05-01";
  const network = (rg: string, name: string) =>
    `${paths(emu, rg).rg}/providers/Microsoft.Network/virtualNetworks/${name}`;
  const nicPut = (name: string, subnetId: string, location = "eastus") =>
    armFetch(emu, "PUT", `${p.rg}/providers/Microsoft.Network/networkInterfaces/${name}?${NV}`, {
      body: {
        location,
        properties: { ipConfigurations: [{ name: "c", properties: { subnet: { id: subnetId } } }] },
      },
    });

  it("gives addVm's NIC a real subnet in the VM's region", async () => {
    expect(vmSubnetId).toBe(
      `${p.rg}/providers/Microsoft.Network/virtualNetworks/vnet-eastus/subnets/default`,
    );
    const subnet = await armFetch(emu, "GET", `${vmSubnetId}?${NV}`);
    expect(subnet.status).toBe(200);
    expect(subnet.body).toMatchObject({
      id: vmSubnetId,
      name: "default",
      properties: { addressPrefix: "10.0.0.0/24" },
    });
    expect(subnet.body.properties.ipConfigurations[0].id).toContain("/networkInterfaces/vm-nic/");
    const nic = await armFetch(
      emu,
      "GET",
      `${p.rg}/providers/Microsoft.Network/networkInterfaces/vm-nic?${NV}`,
    );
    expect(nic.body.properties.ipConfigurations[0].properties.subnet.id).toBe(vmSubnetId);
    const second = await emu.addVm({ resourceGroup: "rg", name: "vm-2", location: "eastus" });
    expect(second.subnetId).toBe(vmSubnetId);
  });

  it("adds networks with emu.addVirtualNetwork and serves them over GET and list", async () => {
    const added = await emu.addVirtualNetwork({
      resourceGroup: "net-rg",
      name: "hub",
      location: "West Europe",
      addressPrefixes: ["10.1.0.0/16"],
      subnets: [{ name: "front", addressPrefix: "10.1.1.0/24" }, { name: "back" }],
      tags: { env: "test" },
    });
    expect(added.subnetIds).toEqual([`${added.id}/subnets/front`, `${added.id}/subnets/back`]);
    const vnet = await armFetch(emu, "GET", `${network("net-rg", "hub")}?${NV}`);
    expect(vnet.body).toMatchObject({
      id: added.id,
      location: "westeurope",
      tags: { env: "test" },
      properties: { addressSpace: { addressPrefixes: ["10.1.0.0/16"] }, provisioningState: "Succeeded" },
    });
    expect(vnet.body.properties.subnets.map((s: { name: string }) => s.name)).toEqual(["front", "back"]);
    const list = await armFetch(
      emu,
      "GET",
      `${paths(emu, "net-rg").rg}/providers/Microsoft.Network/virtualNetworks?${NV}`,
    );
    expect(list.body.value.map((v: { name: string }) => v.name)).toEqual(["hub"]);
    const subnets = await armFetch(emu, "GET", `${added.id}/subnets?${NV}`);
    expect(subnets.body.value).toHaveLength(2);
    await expect(
      emu.addVirtualNetwork({ resourceGroup: "net-rg", name: "x", location: "westeurope" }),
    ).rejects.toThrow(/InvalidResourceName/);
    await expect(
      emu.addVirtualNetwork({
        resourceGroup: "net-rg",
        name: "bad-prefix",
        location: "westeurope",
        subnets: [{ name: "s", addressPrefix: "10.0.0.0/33" }],
      }),
    ).rejects.toThrow(RangeError);
  });

  it("creates, updates and deletes networks over PUT and DELETE, refusing to drop a subnet in use", async () => {
    const path = `${network("rg", "wire")}?${NV}`;
    const created = await armFetch(emu, "PUT", path, {
      body: {
        location: "eastus",
        properties: { subnets: [{ name: "a" }, { name: "b", properties: { addressPrefix: "10.0.9.0/24" } }] },
      },
    });
    expect(created.status).toBe(201);
    expect((await nicPut("wire-nic", `${created.body.id}/subnets/a`)).status).toBe(201);
    const drop = await armFetch(emu, "PUT", path, {
      body: { location: "eastus", properties: { subnets: [{ name: "b" }] } },
    });
    expect(drop.status).toBe(400);
    expect(drop.body.error.code).toBe("InUseSubnetCannotBeDeleted");
    const remove = await armFetch(emu, "DELETE", path);
    expect(remove.body.error.code).toBe("InUseSubnetCannotBeDeleted");
    expect(
      (await armFetch(emu, "DELETE", `${p.rg}/providers/Microsoft.Network/networkInterfaces/wire-nic?${NV}`))
        .status,
    ).toBe(200);
    expect(
      (
        await armFetch(emu, "PUT", path, {
          body: { location: "eastus", properties: { subnets: [{ name: "b" }] } },
        })
      ).status,
    ).toBe(200);
    expect((await armFetch(emu, "DELETE", path)).status).toBe(200);
    expect((await armFetch(emu, "DELETE", path)).status).toBe(204);
    expect((await armFetch(emu, "GET", path)).body.error.code).toBe("ResourceNotFound");
    const moved = await armFetch(emu, "PUT", `${network("rg", "vnet-eastus")}?${NV}`, {
      body: { location: "westus" },
    });
    expect(moved.body.error.code).toBe("InvalidResourceLocation");
  });

  it.each([
    [
      "a network that does not exist",
      () => `${p.rg}/providers/Microsoft.Network/virtualNetworks/nowhere/subnets/default`,
      true,
    ],
    [
      "a subnet that does not exist",
      () => `${p.rg}/providers/Microsoft.Network/virtualNetworks/vnet-eastus/subnets/nope`,
      false,
    ],
    [
      "another subscription's subnet",
      () => vmSubnetId.replace(emu.subscriptionId, "11111111-1111-1111-1111-111111111111"),
      true,
    ],
    ["a subnet id with a query and a newline", () => `${vmSubnetId}?x=1\n`, false],
  ])(
    "refuses a NIC in %s with 400 InvalidResourceReference, creating nothing",
    async (_label, subnetId, networkMissing) => {
      const res = await nicPut("ref-nic", subnetId());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("InvalidResourceReference");
      expect(res.body.error.message).toMatch(
        /^Resource \/subscriptions\/.+ referenced by resource \/subscriptions\/.+\/networkInterfaces\/ref-nic was not found\. Please make sure that the referenced resource exists, and that both resources are in the same region\.$/s,
      );
      if (networkMissing) expect(res.body.error.details[0].code).toBe("NotFound");
      expect(
        (await armFetch(emu, "GET", `${p.rg}/providers/Microsoft.Network/networkInterfaces/ref-nic?${NV}`))
          .status,
      ).toBe(404);
    },
  );

  it("refuses a NIC in a subnet of another region", async () => {
    const res = await nicPut("far-nic", vmSubnetId, "westus");
    expect(res.body.error.code).toBe("InvalidResourceReference");
    expect(res.body.error.message).toContain(vmSubnetId);
  });

  it("refuses addVm with a subnet that does not exist, before creating anything", async () => {
    const before = JSON.stringify(emu.exportState());
    await expect(
      emu.addVm({
        resourceGroup: "rg",
        name: "lost",
        location: "eastus",
        subnetId: `${p.rg}/providers/Microsoft.Network/virtualNetworks/gone/subnets/s`,
      }),
    ).rejects.toThrow(/InvalidResourceReference/);
    // Not even the resource group is made when a later check fails.
    await expect(
      emu.addVm({ resourceGroup: "new-rg", name: "lost", location: "westus", subnetId: vmSubnetId }),
    ).rejects.toThrow(/InvalidResourceReference/);
    await expect(
      emu.addVm({
        resourceGroup: "new-rg",
        name: "lost",
        location: "eastus",
        dataDisks: [{ lun: 0 }, { lun: 0 }],
      }),
    ).rejects.toThrow(RangeError);
    expect(JSON.stringify(emu.exportState())).toBe(before);
  });
});
