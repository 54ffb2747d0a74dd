import { createDefaultHttpClient } from "@azure/core-rest-pipeline";
import type { HttpClient, PipelineRequest } from "@azure/core-rest-pipeline";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type {
  FullOperationResponse,
  OperationOptions,
  RestorePointClient,
  RestorePointCollectionClient,
  VmRestorePoint,
} from "../../src/index.js";
import {
  disableBasicDataProtection,
  enableBasicDataProtection,
  isRestError,
  logger,
  planProtection,
  runProtection,
  validateProtectionPolicy,
  withDiskAccess,
} from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly, live } from "../support/target.js";

/** What the transport was handed: the last stop before the socket. */
interface Sent {
  readonly method: string;
  readonly url: string;
  readonly call: string | undefined;
  readonly timeout: number;
}

const sent: Sent[] = [];
const wire: HttpClient = (() => {
  const inner = createDefaultHttpClient();
  return {
    sendRequest: (request: PipelineRequest) => {
      sent.push({
        method: request.method,
        url: request.url,
        call: request.headers.get("x-test-call"),
        timeout: request.timeout,
      });
      return inner.sendRequest(request);
    },
  };
})();

let emu: Emulator;
let client: RestorePointClient;

// The whole file is emulator-only (see the groups below): a live run starts no emulator.
beforeAll(async () => {
  if (live) return;
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 5 }, { httpClient: wire }));
});
afterAll(async () => {
  if (live) return;
  await emu.close();
});

/**
 * Runs `call` with a unique `x-test-call` header and checks that it sent requests and that every
 * one of them, polls included, carried the header and the timeout.
 */
async function onTheWire<T>(label: string, call: (options: OperationOptions) => Promise<T>): Promise<T> {
  const value = uniqueName(label);
  const from = sent.length;
  const result = await call({ requestOptions: { customHeaders: { "x-test-call": value }, timeout: 45_678 } });
  const mine = sent.slice(from);
  expect(mine.length, `${label} sent requests`).toBeGreaterThan(0);
  expect(
    mine.filter((r) => r.call !== value || r.timeout !== 45_678).map((r) => `${r.method} ${r.url}`),
    `${label}: requests without the header or timeout`,
  ).toEqual([]);
  return result;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
}

async function collectionOfVm(): Promise<{
  collection: RestorePointCollectionClient;
  rg: string;
  vmId: string;
}> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    dataDisks: [{ lun: 0 }],
  });
  return { collection: client.getCollectionClient(rg, uniqueName("rpc")), rg, vmId: vm.id };
}

describeEmulatorOnly("VM shapes", "requestOptions reach the wire on every kind of call", () => {
  it("collection and restore point calls, pollers' initial requests and polls, lists and helpers", async () => {
    const { collection, rg, vmId } = await collectionOfVm();
    await onTheWire("create", (o) => collection.create({ ...o, location: "westeurope", sourceVmId: vmId }));
    await onTheWire("get", (o) => collection.get(o));
    await onTheWire("exists", (o) => collection.exists(o));
    await onTheWire("update", (o) => collection.update({ ...o, tags: { a: "b" } }));
    const listed = await onTheWire("list", (o) => all(client.listCollections({ ...o, resourceGroup: rg })));
    expect(listed.map((c) => c.name)).toEqual([collection.name]);

    const rp = collection.getRestorePointClient("rp1");
    const point: VmRestorePoint = await onTheWire("beginCreate", async (o) => rp.beginCreate(o));
    const points = await onTheWire("listRestorePoints", (o) => all(collection.listRestorePoints(o)));
    expect(points.map((p) => p.name)).toEqual(["rp1"]);
    await onTheWire("rpGet", (o) => rp.get({ ...o, instanceView: true }));
    await onTheWire("rpExists", (o) => rp.exists(o));
    await onTheWire("progress", (o) => rp.getReplicationProgress(o));
    await onTheWire("waitForReplication", (o) => rp.waitForReplication(o));
    await onTheWire("planCreate", (o) => collection.getRestorePointClient("rp2").planCreate(o));
    const disks = await onTheWire("listDisks", (o) => all(rp.listDiskRestorePoints(o)));
    expect(disks).toHaveLength(point.diskRestorePoints.length);

    const disk = rp.getDiskRestorePointClient(point.diskRestorePoints[0]!.name);
    await onTheWire("diskGet", (o) => disk.get(o));
    await onTheWire("grant", async (o) => disk.beginGrantAccess({ ...o, durationInSeconds: 60 }));
    await onTheWire("revoke", async (o) => disk.beginRevokeAccess(o));
    await onTheWire("restoreDisk", async (o) =>
      disk.beginRestoreDisk({ ...o, diskName: uniqueName("disk") }),
    );

    await onTheWire("fleet", (o) =>
      client.createRestorePoints([vmId], { ...o, collectionName: collection.name }),
    );
    await onTheWire("planPrune", (o) => collection.planPrune({ keepLast: 1 }, o));
    await onTheWire("prune", (o) => collection.prune({ keepLast: 1 }, o));
    await onTheWire("delete", async (o) => rp.beginDelete(o));
    await onTheWire("deleteCollection", async (o) => collection.beginDelete(o));
  });

  it("keeps the SDK's own Content-Type, Accept and Authorization over custom headers", async () => {
    const { collection, vmId } = await collectionOfVm();
    const seen: string[] = [];
    await collection.create({
      location: "westeurope",
      sourceVmId: vmId,
      requestOptions: { customHeaders: { "Content-Type": "text/plain", Authorization: "Bearer nope" } },
      onResponse: (raw) => seen.push(String(raw.status)),
    });
    // The emulator refuses a wrong token with 401 and a non-JSON body with 400. Pre-flight reads come first.
    expect(seen.at(-1)).toBe("201");
    expect(seen.every((status) => status.startsWith("2"))).toBe(true);
  });
});

describeEmulatorOnly("VM shapes", "requestOptions reach the wire in the high-level helpers", () => {
  it("restoreVm, restoreVmInPlace, beginCopyToRegion, withDiskAccess and the protection engine", async () => {
    const { collection, rg, vmId } = await collectionOfVm();
    await collection.create({ location: "westeurope", sourceVmId: vmId });
    const point = await collection.getRestorePointClient("rp").beginCreate();
    const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm2"), location: "westeurope" });
    await onTheWire("restoreVm", (o) =>
      client.restoreVm({
        ...o,
        restorePointId: point.id,
        vmName: uniqueName("restored"),
        subnetId: vm.subnetId,
      }),
    );
    await onTheWire("restoreVmInPlace", (o) =>
      client.restoreVmInPlace({ ...o, vmId, restorePointId: point.id }),
    );
    const copy = await onTheWire("copyToRegion", async (o) =>
      client.beginCopyToRegion(point.id, { ...o, targetLocation: "northeurope" }),
    );
    expect(copy.collectionName).toMatch(/northeurope$/);
    await onTheWire("planCopy", (o) =>
      client
        .getCollectionClient(copy.resourceGroup, copy.collectionName)
        .getRestorePointClient("again")
        .planCopy(point.id, o),
    );
    const disk = collection
      .getRestorePointClient("rp")
      .getDiskRestorePointClient(point.diskRestorePoints[0]!.name);
    await onTheWire("withDiskAccess", (o) =>
      withDiskAccess(disk, { ...o, durationInSeconds: 60 }, () => "done"),
    );

    const policy = validateProtectionPolicy({
      name: "opts",
      selector: { resourceGroups: [rg] },
      schedule: { everyHours: 4 },
      retention: { keepLast: 2 },
    });
    await onTheWire("planProtection", (o) => planProtection(client, policy, o));
    const run = await onTheWire("runProtection", (o) => runProtection(client, policy, o));
    expect(run.summary.failed).toBe(0);

    // Basic data protection's preview regions include northeurope.
    const periodic = await emu.addVm({ resourceGroup: rg, name: uniqueName("bdp"), location: "northeurope" });
    const on = await onTheWire("enableBasicDataProtection", (o) =>
      enableBasicDataProtection(client, periodic.id, o),
    );
    expect(on).toMatchObject({ isEnabled: true, changed: true });
    await onTheWire("disableBasicDataProtection", (o) => disableBasicDataProtection(client, periodic.id, o));
  });
});

describeEmulatorOnly("VM shapes", "onResponse", () => {
  it("gets every response with status, headers and parsed body, and no token", async () => {
    const { collection, vmId } = await collectionOfVm();
    await collection.create({ location: "westeurope", sourceVmId: vmId });
    const responses: FullOperationResponse[] = [];
    const flats: unknown[] = [];
    const got = await collection.get({
      onResponse: (raw, flat) => {
        responses.push(raw);
        flats.push(flat);
      },
    });
    expect(responses).toHaveLength(1);
    const [response] = responses;
    expect(response!.status).toBe(200);
    expect(response!.headers.get("content-type")).toMatch(/application\/json/);
    expect(response!.parsedBody).toMatchObject({ name: got.name, location: "westeurope" });
    expect(flats[0]).toBe(response!.parsedBody);
    expect(response!.request.headers.get("authorization")).toBeUndefined();
  });

  it("is called for each response of a poller (initial request and polls)", async () => {
    const { collection, vmId } = await collectionOfVm();
    await collection.create({ location: "westeurope", sourceVmId: vmId });
    const statuses: Array<[string, number]> = [];
    await collection.getRestorePointClient("rp").beginCreate({
      onResponse: (raw) => statuses.push([raw.request.method, raw.status]),
    });
    // Pre-flight reads, the initial PUT, then the polls.
    const put = statuses.findIndex(([method]) => method === "PUT");
    expect(statuses[put]).toEqual(["PUT", 201]);
    expect(put).toBeGreaterThan(0);
    expect(statuses.length).toBeGreaterThan(put + 1);
    expect(statuses.every(([method], i) => i === put || method === "GET")).toBe(true);
  });

  it("receives the error of an error response before it is thrown", async () => {
    const missing = client.getCollectionClient(uniqueName("rg"), uniqueName("rpc"));
    const calls: Array<{ status: number; error: unknown }> = [];
    const thrown = await missing
      .get({ onResponse: (raw, _flat, error) => calls.push({ status: raw.status, error }) })
      .catch((e: unknown) => e);
    expect(isRestError(thrown)).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.status).toBe(404);
    expect(calls[0]!.error).toBe(thrown);
  });
});

describeEmulatorOnly("VM shapes", "abortSignal on a plain call", () => {
  it("rejects with an AbortError when already aborted", async () => {
    const error = await client
      .getCollectionClient(uniqueName("rg"), uniqueName("rpc"))
      .get({ abortSignal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
  });
});

describeEmulatorOnly("VM shapes", "logger", () => {
  it("is the package's AzureLogger, writing under azure:restore-points", () => {
    expect(logger.info.namespace).toBe("azure:restore-points:info");
    expect(typeof logger.warning).toBe("function");
  });
});
