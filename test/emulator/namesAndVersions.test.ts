/**
 * The emulator's name and api-version rules (src/emulator/rules/namesAndVersions.ts) are the
 * ones it applies on the wire: for generated names and versions, the answer of a PUT agrees with
 * the exported predicate on every one. A later SDK-side property test compares the SDK against
 * the same predicates.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import {
  API_VERSION_FLOORS,
  COMPUTE_API_VERSIONS,
  DISK_API_VERSIONS,
  isValidName,
  isWellFormedApiVersion,
  NAME_RULES,
  type NamedResourceKind,
} from "../../src/emulator/rules/namesAndVersions.js";
import { armFetch, paths } from "../support/armFetch.js";
import { rawRequest } from "../support/rawHttp.js";

let emu: Emulator;
let p: ReturnType<typeof paths>;
let vmId = "";

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 0 });
  p = paths(emu, "rg");
  const vm = await emu.addVm({ resourceGroup: "rg", name: "vm", location: "eastus" });
  vmId = vm.id;
  await armFetch(emu, "PUT", `${p.collection("c")}?api-version=2025-04-01`, {
    body: { location: "eastus", properties: { source: { id: vmId } } },
  });
});
afterAll(async () => {
  await emu.close();
});

describe("name rules", () => {
  const examples: [NamedResourceKind, string, boolean][] = [
    ["disk", ".lead", false],
    ["disk", "data.disk", false],
    ["disk", "_ok-disk_", true],
    ["disk", "d".repeat(80), true],
    ["disk", "d".repeat(81), false],
    ["restorePointCollection", ".lead", false],
    ["restorePointCollection", "_rpc", true],
    ["restorePointCollection", "rpc.", false],
    ["restorePointCollection", "rpc-", true],
    ["restorePoint", "r".repeat(80), true],
    ["restorePoint", "r".repeat(81), false],
    ["virtualMachine", "vm-", false],
    ["virtualMachine", "_vm", false],
    ["virtualMachine", "v".repeat(64), true],
    ["virtualMachine", "v".repeat(65), false],
    ["networkInterface", "nic-", false],
    ["networkInterface", "nic_", true],
    ["virtualNetwork", "v", false],
    ["virtualNetwork", "vn", true],
    ["subnet", "s", true],
    ["resourceGroup", "rg(1)", true],
    ["resourceGroup", "grüße", true],
    ["resourceGroup", "rg.", false],
    ["resourceGroup", "g".repeat(90), true],
    ["resourceGroup", "g".repeat(91), false],
  ];
  it.each(examples)("%s %j is valid: %s", (kind, name, valid) => {
    expect(isValidName(kind, name)).toBe(valid);
  });

  it("refuses '.', '..' and the empty name for every resource type", () => {
    for (const kind of Object.keys(NAME_RULES) as NamedResourceKind[]) {
      for (const name of [".", "..", ""])
        expect({ kind, name, valid: isValidName(kind, name) }).toEqual({ kind, name, valid: false });
    }
  });

  /** A PUT that checks the name of `kind` before anything else that could fail. */
  /** A PUT with the target exactly as written: URL parsing would resolve '.' and '..' segments away. */
  function put(target: string, body: unknown) {
    return rawRequest(emu, "PUT", target, {
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    });
  }

  function putNamed(kind: NamedResourceKind, name: string) {
    const n = encodeURIComponent(name);
    const network = `${p.rg}/providers/Microsoft.Network`;
    switch (kind) {
      case "resourceGroup":
        return put(`${p.sub}/resourcegroups/${n}?api-version=2021-04-01`, { location: "eastus" });
      case "restorePointCollection":
        return put(`${p.collection(n)}?api-version=2025-04-01`, {});
      case "restorePoint":
        return put(`${p.restorePoint("c", n)}?api-version=2025-04-01`, { properties: { excludeDisks: 5 } });
      case "disk":
        return put(`${p.disk(n)}?api-version=2025-01-02`, {});
      case "virtualMachine":
        return put(`${p.vm(n)}?api-version=2025-04-01`, {});
      case "networkInterface":
        return put(`${network}/networkInterfaces/${n}?api-version=2024-05-01`, {});
      case "virtualNetwork":
        return put(`${network}/virtualNetworks/${n}?api-version=2024-05-01`, {});
      case "subnet":
        return armFetch(emu, "PUT", `${network}/virtualNetworks/names-vnet?api-version=2024-05-01`, {
          body: { location: "westus", properties: { subnets: [{ name }] } },
        });
    }
  }

  const alphabet = fc.constantFrom("a", "Z", "0", "9", "_", "-", ".", "(", ")", "é", " ", "<", "%", "~");
  const generatedName = fc.oneof(
    fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }),
    fc.string({ unit: alphabet, minLength: 60, maxLength: 95 }),
    fc.constantFrom(".", "..", ".lead", "a.", "a-", "_a", "a_"),
  );

  it.each(Object.keys(NAME_RULES) as NamedResourceKind[])(
    "the wire agrees with isValidName('%s', name) on generated names",
    async (kind) => {
      await fc.assert(
        fc.asyncProperty(generatedName, async (name) => {
          const res = await putNamed(kind, name);
          const code: unknown = res.body?.error?.code;
          // Refused names: InvalidResourceName, or the front door's 400 for a '.'/'..' segment.
          const refused =
            res.status === 400 &&
            (code === "InvalidResourceName" || (code === "BadRequest" && /^\.\.?$/.test(name)));
          expect({ kind, name, refused, code }).toEqual({
            kind,
            name,
            refused: !isValidName(kind, name),
            code,
          });
        }),
        { numRuns: 40 },
      );
    },
  );

  it("refuses a disk named .lead on the wire, as Azure does", async () => {
    const res = await armFetch(emu, "PUT", `${p.disk(".lead")}?api-version=2025-01-02`, {
      body: { location: "eastus", properties: { creationData: { createOption: "Empty" }, diskSizeGB: 8 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("InvalidResourceName");
  });
});

describe("api-version rules", () => {
  it.each([
    ["2025-04-01", true],
    ["2025-04-01-preview", true],
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2025-13-45", false],
    ["2025-04-31", false],
    ["0000-00-00", false],
    ["2025-4-01", false],
    ["2025-04-01-beta", false],
    ["", false],
  ])("%j is well-formed: %s", (version, valid) => {
    expect(isWellFormedApiVersion(version)).toBe(valid);
  });

  it("the wire agrees with isWellFormedApiVersion on generated versions", async () => {
    const digits = (n: number) =>
      fc.string({
        unit: fc.constantFrom("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
        minLength: n,
        maxLength: n,
      });
    const version = fc.oneof(
      fc
        .tuple(digits(4), digits(2), digits(2), fc.boolean())
        .map(([y, m, d, preview]) => `${y}-${m}-${d}${preview ? "-preview" : ""}`),
      fc
        .tuple(
          fc.integer({ min: 2015, max: 2030 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 31 }),
        )
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(version, async (v) => {
        if (v === "") return;
        const res = await armFetch(emu, "GET", `${p.rg}?api-version=${encodeURIComponent(v)}`);
        const malformed = res.body?.error?.code === "InvalidApiVersionParameter";
        expect({ v, malformed }).toEqual({ v, malformed: !isWellFormedApiVersion(v) });
      }),
      { numRuns: 150 },
    );
  });

  it("applies each route's floor and published list", async () => {
    const cases: [string, string, string | undefined][] = [
      [`${p.collection("c")}?api-version=2020-12-01`, "BadRequest", undefined],
      [`${p.collection("c")}?api-version=${API_VERSION_FLOORS.restorePoints}`, "", undefined],
      [`${p.collection("c")}?api-version=2025-05-01`, "NoRegisteredProviderFound", undefined],
      [`${p.disk("none")}?api-version=2019-01-01`, "NoRegisteredProviderFound", undefined],
      [`${p.vm("vm")}?api-version=2025-13-45`, "InvalidApiVersionParameter", undefined],
      [`${p.vm("vm")}?api-version=0000-00-00`, "InvalidApiVersionParameter", undefined],
      [`${p.rg}?api-version=2014-03-31`, "NoRegisteredProviderFound", undefined],
      [
        `${p.rg}/providers/Microsoft.Network/virtualNetworks/vnet-eastus?api-version=2015-06-14`,
        "NoRegisteredProviderFound",
        undefined,
      ],
    ];
    for (const [path, code] of cases) {
      const res = await armFetch(emu, "GET", path);
      expect({ path, code: res.body?.error?.code ?? "" }).toEqual({ path, code });
    }
    expect(COMPUTE_API_VERSIONS.every(isWellFormedApiVersion)).toBe(true);
    expect(DISK_API_VERSIONS.every(isWellFormedApiVersion)).toBe(true);
    expect(COMPUTE_API_VERSIONS).toContain(API_VERSION_FLOORS.restorePoints);
  });
});
