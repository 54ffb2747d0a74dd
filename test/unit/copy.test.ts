import { describe, expect, it } from "vitest";
import type { CopyOperationState, ReplicationProgress } from "../../src/index.js";
import { restorePointBody, restorePointId, SIGNED_OPERATION_URL } from "../support/armBodies.js";
import type { FakeResponse } from "../support/fakeHttpClient.js";
import { ARM, createFakeClient, FakeHttpClient } from "../support/fakeHttpClient.js";

const SOURCE = restorePointId("rp1", "source");
const RP_URL = `${ARM}${restorePointId("copy", "target")}?api-version=2025-04-01`;
const VIEW_URL = `${RP_URL}&$expand=instanceView`;
const succeeded: FakeResponse = { status: 200, body: { status: "Succeeded" } };

function view(os: [string, number], data: [string, number]): FakeResponse {
  return {
    status: 200,
    body: restorePointBody("copy", {
      collection: "target",
      sourceRestorePointId: SOURCE,
      replication: [os, data],
    }),
  };
}
const replicating = (os: number, data: number) =>
  view(["ReplicationState/replicating", os], ["ReplicationState/replicating", data]);
const replicated = view(["ReplicationState/succeeded", 100], ["ReplicationState/succeeded", 100]);

function copyClient(fake: FakeHttpClient) {
  return createFakeClient(fake).client.getCollectionClient("rg1", "target").getRestorePointClient("copy");
}

describe("beginCopy", () => {
  it("PUTs sourceRestorePoint and, after the operation succeeds, waits for replication", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, {
        status: 201,
        headers: { "azure-asyncoperation": SIGNED_OPERATION_URL },
        body: restorePointBody("copy", {
          collection: "target",
          provisioningState: "Creating",
          sourceRestorePointId: SOURCE,
        }),
      })
      .on("GET", SIGNED_OPERATION_URL, succeeded)
      .sequence("GET", VIEW_URL, replicating(0, 0), replicating(100, 50), replicated);
    const poller = copyClient(fake).beginCopy(SOURCE, { skipPreflight: true });
    const seen: Array<ReplicationProgress | undefined> = [];
    poller.onProgress((s: CopyOperationState) => seen.push(s.replication));
    const copy = await poller;
    expect(fake.requests[0]!.body).toEqual({ properties: { sourceRestorePoint: { id: SOURCE } } });
    expect(seen.map((p) => [p?.state, p?.percentComplete])).toEqual([
      ["InProgress", 0],
      ["InProgress", 62.5],
      ["Succeeded", 100],
    ]);
    expect(copy.replication?.state).toBe("Succeeded");
    expect(copy.sourceRestorePointId).toBe(SOURCE);
    expect(poller.operationState?.replication?.percentComplete).toBe(100);
    // The final body comes from the last instance-view read: no extra GET.
    expect(fake.requests.map((r) => r.url)).toEqual([
      RP_URL,
      SIGNED_OPERATION_URL,
      VIEW_URL,
      VIEW_URL,
      VIEW_URL,
    ]);
  });

  it("finishes with the operation when waitForReplication is false", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL }, body: {} })
      .on("GET", SIGNED_OPERATION_URL, succeeded)
      .on("GET", RP_URL, {
        status: 200,
        body: restorePointBody("copy", { collection: "target", sourceRestorePointId: SOURCE }),
      });
    const copy = await copyClient(fake).beginCopy(SOURCE, { skipPreflight: true, waitForReplication: false });
    expect(copy.replication).toBeUndefined();
    expect(fake.requests).toHaveLength(3);
  });

  it("resumes mid-replication from serialize() in a new client", async () => {
    const first = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL }, body: {} })
      .on("GET", SIGNED_OPERATION_URL, succeeded)
      .on("GET", VIEW_URL, replicating(10, 10));
    const poller = copyClient(first).beginCopy(SOURCE, { skipPreflight: true });
    await poller.poll();
    expect(poller.operationState?.replication?.percentComplete).toBe(10);
    const state = await poller.serialize();
    expect(state).toContain("instanceView");
    expect(state).not.toContain('replication"');

    const second = new FakeHttpClient().sequence("GET", VIEW_URL, replicating(50, 50), replicated);
    const copy = await copyClient(second).beginCopy(SOURCE, { skipPreflight: true, resumeFrom: state });
    expect(copy.replication?.state).toBe("Succeeded");
    expect(second.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${VIEW_URL}`,
      `GET ${VIEW_URL}`,
    ]);
  });

  it("handles a copy that only returns Location, and one with no polling headers (body mode)", async () => {
    const monitor = `${SIGNED_OPERATION_URL}&monitor=true`;
    const byLocation = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, headers: { location: monitor }, body: {} })
      .on("GET", monitor, { status: 200 })
      .sequence("GET", VIEW_URL, replicating(0, 0), replicated);
    expect((await copyClient(byLocation).beginCopy(SOURCE, { skipPreflight: true })).replication?.state).toBe(
      "Succeeded",
    );

    const byBody = new FakeHttpClient()
      .on("PUT", RP_URL, {
        status: 201,
        body: restorePointBody("copy", {
          collection: "target",
          provisioningState: "Creating",
          sourceRestorePointId: SOURCE,
        }),
      })
      .sequence("GET", VIEW_URL, replicating(0, 0), replicating(100, 100), replicated);
    const poller = copyClient(byBody).beginCopy(SOURCE, { skipPreflight: true });
    const copy = await poller;
    expect(copy.replication?.state).toBe("Succeeded");
    expect(copy.provisioningState).toBe("Succeeded");
  });

  it("still waits when the copy PUT answers Succeeded at once without polling headers", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, {
        status: 200,
        body: restorePointBody("copy", { collection: "target", sourceRestorePointId: SOURCE }),
      })
      .sequence("GET", VIEW_URL, replicating(0, 0), replicated);
    const copy = await copyClient(fake).beginCopy(SOURCE, { skipPreflight: true });
    expect(copy.replication?.state).toBe("Succeeded");
    expect(fake.requests.map((r) => r.method)).toEqual(["PUT", "GET", "GET"]);
  });

  it("fails with OperationFailedError when a disk fails to replicate", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL }, body: {} })
      .on("GET", SIGNED_OPERATION_URL, succeeded)
      .on("GET", VIEW_URL, view(["ReplicationState/succeeded", 100], ["ReplicationState/failed", 20]));
    await expect(copyClient(fake).beginCopy(SOURCE, { skipPreflight: true })).rejects.toMatchObject({
      name: "OperationFailedError",
      serviceCode: "ReplicationFailed",
    });
  });
});

describe("replication progress reads", () => {
  it("getReplicationProgress reads the instance view", async () => {
    const fake = new FakeHttpClient().on("GET", VIEW_URL, replicating(100, 50));
    expect(await copyClient(fake).getReplicationProgress()).toMatchObject({
      state: "InProgress",
      percentComplete: 62.5,
    });
  });

  it("waitForReplication reports monotonic progress with an ETA and resolves when done", async () => {
    const fake = new FakeHttpClient().sequence(
      "GET",
      VIEW_URL,
      replicating(0, 0),
      replicating(100, 50),
      replicating(0, 0),
      replicated,
    );
    const seen: ReplicationProgress[] = [];
    const done = await copyClient(fake).waitForReplication({
      updateIntervalInMs: 5,
      onProgress: (p) => seen.push(p),
    });
    expect(done.state).toBe("Succeeded");
    expect(seen.map((p) => p.percentComplete)).toEqual([0, 62.5, 62.5, 100]);
    // One observation above 0 % gives no rate yet: no ETA (see test/copy/progressEstimator.test.ts).
    expect(seen[1]?.estimatedCompletionOn).toBeUndefined();
  });

  it("waitForReplication times out with ReplicationIncompleteError", async () => {
    const fake = new FakeHttpClient().on("GET", VIEW_URL, replicating(10, 10), Infinity);
    await expect(
      copyClient(fake).waitForReplication({ updateIntervalInMs: 5, timeoutInMs: 30 }),
    ).rejects.toMatchObject({
      name: "ReplicationIncompleteError",
      percentComplete: 10,
    });
  });

  it("is NotApplicable for a restore point that is not a copy", async () => {
    const fake = new FakeHttpClient().on("GET", VIEW_URL, {
      status: 200,
      body: restorePointBody("copy", { collection: "target" }),
    });
    expect(await copyClient(fake).waitForReplication()).toMatchObject({
      state: "NotApplicable",
      percentComplete: 100,
    });
  });
});
