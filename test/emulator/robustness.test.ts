/**
 * Whatever a client sends, the emulator answers with an ARM-shaped response (never a 500 from a
 * handler bug, a hang or a dropped connection) and a refused write leaves the state untouched.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation } from "../support/armFetch.js";

let emu: Emulator;
let p: ReturnType<typeof paths>;
let vm: Awaited<ReturnType<Emulator["addVm"]>>;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 0 });
  p = paths(emu, "rg");
  vm = await emu.addVm({
    resourceGroup: "rg",
    name: "vm",
    location: "eastus",
    dataDisks: [{ lun: 0 }],
  });
  await armFetch(emu, "PUT", `${p.collection("c")}?api-version=2025-04-01`, {
    body: { location: "eastus", properties: { source: { id: vm.id } } },
  });
  const rp = await armFetch(emu, "PUT", `${p.restorePoint("c", "r")}?api-version=2025-04-01`, { body: {} });
  await waitForOperation(emu, rp.headers["azure-asyncoperation"]!);
});
afterAll(async () => {
  await emu.close();
});

const json = fc.jsonValue({ maxDepth: 3 });
const pathSuffix = fc.constantFrom(
  "/restorePointCollections/c",
  "/restorePointCollections/new-one",
  "/restorePointCollections/c/restorePoints/r",
  "/restorePointCollections/c/restorePoints/other",
  "/restorePointCollections/c/restorePoints/r/diskRestorePoints",
  "/disks/d1",
  "/virtualMachines/vm2",
  "/virtualMachines/vm/deallocate",
  "/restorePointCollections/%2e%2e",
  "/restorePointCollections/" + "x".repeat(100),
);
/** Bodies that are valid up to a late mistake: a handler that changed state before noticing would show. */
const nearlyValid = fc.constantFrom(
  () => ({ location: "westus", properties: { source: { id: vm.id } } }),
  () => ({ properties: { excludeDisks: [{ id: vm.dataDiskIds[0] }, { id: `${vm.id}-nope` }] } }),
  () => ({
    properties: {
      consistencyMode: "CrashConsistent",
      excludeDisks: [{ id: vm.osDiskId }, { id: vm.dataDiskIds[0] }],
    },
  }),
  () => ({
    location: "eastus",
    sku: { name: "Premium_LRS" },
    properties: { creationData: { createOption: "Restore", sourceResourceId: `${vm.id}/nope` } },
  }),
  () => ({
    location: "eastus",
    properties: {
      hardwareProfile: { vmSize: "Standard_D2s_v5" },
      storageProfile: {
        osDisk: { createOption: "FromImage" },
        imageReference: { publisher: "p", offer: "o", sku: "s", version: "latest" },
        dataDisks: [
          { lun: 0, createOption: "Empty", diskSizeGB: 8 },
          { lun: 1, createOption: "Attach", managedDisk: { id: vm.dataDiskIds[0] } },
        ],
      },
      networkProfile: { networkInterfaces: [{ id: vm.networkInterfaceId }] },
    },
  }),
);
const apiVersion = fc.constantFrom("2025-04-01", "2025-01-02", "2021-03-01", "2019-01-01", "nonsense", "");

describe("robustness", () => {
  it("answers random requests with ARM-shaped errors or successes, never a 500", async () => {
    const before = await armFetch(
      emu,
      "GET",
      `${p.collection("c")}?api-version=2025-04-01&$expand=restorePoints`,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "PUT", "PATCH", "POST", "DELETE"),
        pathSuffix,
        apiVersion,
        fc.oneof(
          json,
          fc.string(),
          nearlyValid.map((make) => make()),
        ),
        async (method, suffix, version, body) => {
          const url = `${p.rg}/providers/Microsoft.Compute${suffix}?api-version=${version}`;
          const isText = typeof body === "string";
          // Leave the fixtures' own restore point and collection alone: deleting them is allowed.
          if (method === "DELETE" && (suffix.endsWith("/c") || suffix.endsWith("/r"))) return;
          // A GET first settles operations that earlier requests started, so that the snapshot
          // compared below can only change through this request.
          await armFetch(emu, "GET", `${p.rg}?api-version=2021-04-01`);
          const stateBefore = JSON.stringify(emu.exportState());
          const res = await armFetch(emu, method, url, isText ? { rawBody: body } : { body });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(JSON.stringify(emu.exportState()), `${method} ${suffix} changed state: ${res.text}`).toBe(
              stateBefore,
            );
            expect(res.body?.error?.code, `${method} ${suffix} ${res.text}`).toEqual(expect.any(String));
            expect(res.body.error.message).toEqual(expect.any(String));
          }
        },
      ),
      { numRuns: 300 },
    );
    const after = await armFetch(
      emu,
      "GET",
      `${p.collection("c")}?api-version=2025-04-01&$expand=restorePoints`,
    );
    expect(after.body.properties.restorePoints.map((r: { name: string }) => r.name)).toContain("r");
    expect(after.body.properties.source).toEqual(before.body.properties.source);
  });

  it("rejects a body over the size limit with 413 and keeps serving", async () => {
    const res = await armFetch(emu, "PUT", `${p.collection("big")}?api-version=2025-04-01`, {
      rawBody: JSON.stringify({ location: "eastus", tags: { a: "x".repeat(5 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("RequestContentTooLarge");
    expect((await armFetch(emu, "GET", `${p.collection("c")}?api-version=2025-04-01`)).status).toBe(200);
  });
});
