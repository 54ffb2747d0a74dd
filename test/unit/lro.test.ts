import { AbortError } from "@azure/abort-controller";
import { describe, expect, it } from "vitest";
import { isRestError, isRestorePointError, OperationFailedError } from "../../src/index.js";
import {
  collectionBody,
  collectionUrlPath,
  OPERATION_URL,
  restorePointBody,
  restorePointId,
  SIGNED_OPERATION_URL,
} from "../support/armBodies.js";
import { ARM, createFakeClient, FakeHttpClient } from "../support/fakeHttpClient.js";

const RP_URL = `${ARM}${restorePointId("rp1")}?api-version=2025-04-01`;
const inProgress = {
  status: 200,
  body: { startTime: "2026-11-25T08:00:00Z", status: "InProgress", name: "op" },
};
const succeeded = {
  status: 200,
  body: {
    startTime: "2026-11-25T08:00:00Z",
    endTime: "2026-11-25T08:01:00Z",
    status: "Succeeded",
    name: "op",
  },
};

function restorePoint(fake: FakeHttpClient, options = {}) {
  const { client } = createFakeClient(fake, options);
  return { client, rp: client.getCollectionClient("rg1", "rpc1").getRestorePointClient("rp1") };
}

describe("beginCreate (PUT 201 + Azure-AsyncOperation)", () => {
  it("reads the result again on the next await when the final GET failed after the operation succeeded", async () => {
    const unavailable = { status: 503, body: { error: { code: "ServiceUnavailable", message: "busy" } } };
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, {
        status: 201,
        headers: { "azure-asyncoperation": OPERATION_URL },
        body: restorePointBody("rp1", { provisioningState: "Creating", withDiskRestorePoints: false }),
      })
      .sequence("GET", OPERATION_URL, succeeded)
      // The first read of the result outlasts the retries (one try and three retries).
      .sequence("GET", RP_URL, unavailable, unavailable, unavailable, unavailable)
      .on("GET", RP_URL, { status: 200, body: restorePointBody("rp1") });
    const { rp } = restorePoint(fake);
    const poller = rp.beginCreate({ skipPreflight: true });
    const first = await poller.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isRestError(first) && first.statusCode).toBe(503);
    expect(poller.operationState?.status).toBe("succeeded");
    const point = await poller;
    expect(point.name).toBe("rp1");
    expect(poller.result?.name).toBe("rp1");
    // Nothing was created twice: one PUT in all.
    expect(fake.requestsTo("PUT")).toHaveLength(1);
  });

  it("returns the poller synchronously, polls the signed URL as-is, then GETs the resource", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, {
        status: 201,
        headers: { "azure-asyncoperation": SIGNED_OPERATION_URL, "azure-asyncnotification": "Enabled" },
        body: restorePointBody("rp1", { provisioningState: "Creating", withDiskRestorePoints: false }),
      })
      .sequence("GET", SIGNED_OPERATION_URL, inProgress, inProgress, succeeded)
      .on("GET", RP_URL, { status: 200, body: restorePointBody("rp1") });
    const { rp } = restorePoint(fake);
    const poller = rp.beginCreate({
      skipPreflight: true,
      consistencyMode: "CrashConsistent",
      excludeDiskIds: [],
    });
    expect(poller).not.toBeInstanceOf(Promise);
    expect(typeof poller.serialize).toBe("function");
    const states: string[] = [];
    poller.onProgress((s) => states.push(s.status));
    await poller.submitted();
    expect(fake.requests.map((r) => r.method)).toEqual(["PUT"]);
    expect(fake.requests[0]!.body).toEqual({ properties: { consistencyMode: "CrashConsistent" } });
    const point = await poller;
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.diskRestorePoints).toHaveLength(2);
    expect(poller.isDone).toBe(true);
    expect(poller.result).toBe(point);
    expect(states).toEqual(["running", "running", "succeeded"]);
    expect(fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT ${RP_URL}`,
      `GET ${SIGNED_OPERATION_URL}`,
      `GET ${SIGNED_OPERATION_URL}`,
      `GET ${SIGNED_OPERATION_URL}`,
      `GET ${RP_URL}`,
    ]);
    expect(fake.pending).toBe(0);
  });

  it("sends {} for a plain capture and the options it was given otherwise", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, body: restorePointBody("rp1") })
      .on("PUT", RP_URL, { status: 201, body: restorePointBody("rp1") });
    const { rp } = restorePoint(fake);
    await rp.beginCreate({ skipPreflight: true });
    const disk = "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Compute/disks/d1";
    await rp.beginCreate({ skipPreflight: true, excludeDiskIds: [disk], instantAccessDurationMinutes: 120 });
    expect(fake.requests.map((r) => r.body)).toEqual([
      {},
      { properties: { excludeDisks: [{ id: disk }], instantAccessDurationMinutes: 120 } },
    ]);
  });

  it("waits for the Retry-After of the initial response before the first poll", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, {
        status: 201,
        headers: { "azure-asyncoperation": OPERATION_URL + "?api-version=2025-04-01", "retry-after": "1" },
        body: {},
      })
      .on("GET", OPERATION_URL, succeeded)
      .on("GET", RP_URL, { status: 200, body: restorePointBody("rp1") });
    const { rp } = restorePoint(fake);
    await rp.beginCreate({ skipPreflight: true });
    const [put, poll] = fake.requests;
    expect(poll!.at - put!.at).toBeGreaterThanOrEqual(950);
  });

  it("surfaces initial-request errors from submitted() as RestError with the ARM error", async () => {
    const cloudError = {
      error: { code: "OperationNotAllowed", message: "Update of an existing Restore Point is not supported" },
    };
    const fake = new FakeHttpClient().on("PUT", RP_URL, { status: 409, body: cloudError });
    const { rp } = restorePoint(fake);
    const poller = rp.beginCreate({ skipPreflight: true });
    // Nobody listens for a while: this must not be an unhandled rejection.
    await new Promise((r) => setTimeout(r, 20));
    const error: unknown = await poller.submitted().catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 409, code: "OperationNotAllowed", details: cloudError });
    await expect(poller).rejects.toMatchObject({ code: "OperationNotAllowed" });
  });

  it("throws OperationFailedError with the service code when the operation fails", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL }, body: {} })
      .on("GET", SIGNED_OPERATION_URL, {
        status: 200,
        body: {
          status: "Failed",
          error: { code: "VMRestorePointClientError", message: "Restore point creation failed: VSS error" },
        },
      });
    const { rp } = restorePoint(fake);
    const poller = rp.beginCreate({ skipPreflight: true });
    const error = await poller.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OperationFailedError);
    const failure = error as OperationFailedError;
    expect(isRestorePointError(failure, "OperationFailed")).toBe(true);
    expect(failure.serviceCode).toBe("VMRestorePointClientError");
    expect(failure.status).toBe("failed");
    expect(failure.message).toContain("restore point 'rp1' in collection 'rpc1' (resource group 'rg1')");
    expect(failure.message).toContain("VSS error");
    expect(failure.operationUrl).toBe(`${OPERATION_URL}?api-version=2025-04-01`);
    expect(poller.operationState?.status).toBe("failed");
    expect(poller.operationState?.error).toBe(failure);
  });

  it("throws OperationFailedError (status canceled) for a canceled operation", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL }, body: {} })
      .on("GET", SIGNED_OPERATION_URL, { status: 200, body: { status: "Canceled" } });
    const { rp } = restorePoint(fake);
    await expect(rp.beginCreate({ skipPreflight: true })).rejects.toMatchObject({
      name: "OperationFailedError",
      status: "canceled",
    });
  });

  it("fails in the initial response (body mode, provisioningState Failed) as OperationFailedError", async () => {
    const fake = new FakeHttpClient().on("PUT", RP_URL, {
      status: 201,
      body: {
        ...restorePointBody("rp1", { provisioningState: "Failed" }),
        error: { code: "InternalError", message: "x" },
      },
    });
    const { rp } = restorePoint(fake);
    await expect(rp.beginCreate({ skipPreflight: true })).rejects.toMatchObject({
      name: "OperationFailedError",
      serviceCode: "InternalError",
    });
  });

  it("validates arguments synchronously, before any request", () => {
    const fake = new FakeHttpClient();
    const { rp } = restorePoint(fake);
    expect(() => rp.beginCreate({ skipPreflight: true, instantAccessDurationMinutes: 59 })).toThrow(
      RangeError,
    );
    expect(() => rp.beginCreate({ skipPreflight: true, instantAccessDurationMinutes: 301 })).toThrow(
      RangeError,
    );
    expect(() => rp.beginCreate({ skipPreflight: true, instantAccessDurationMinutes: 60.5 })).toThrow(
      RangeError,
    );
    expect(() => rp.beginCreate({ skipPreflight: true, excludeDiskIds: ["not-an-id"] })).toThrow(TypeError);
    expect(() => rp.beginCreate({ skipPreflight: true, excludeDiskIds: [restorePointId("x")] })).toThrow(
      TypeError,
    );
    expect(() => rp.beginCreate({ skipPreflight: true, consistencyMode: "" })).toThrow(RangeError);
    expect(() => rp.beginCreate({ skipPreflight: true, consistencyMode: 3 as never })).toThrow(TypeError);
    expect(() => rp.beginCreate({ skipPreflight: true, updateIntervalInMs: -5 })).toThrow(RangeError);
    expect(() =>
      rp.beginCopy("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d"),
    ).toThrow(TypeError);
    const drp = rp.getDiskRestorePointClient("d_1");
    expect(() => drp.beginGrantAccess({ durationInSeconds: 0 })).toThrow(RangeError);
    expect(() => drp.beginGrantAccess({ durationInSeconds: 5_184_001 })).toThrow(RangeError);
    expect(() => drp.beginGrantAccess({} as { durationInSeconds: number })).toThrow(TypeError);
    expect(() => drp.beginGrantAccess({ durationInSeconds: 60, access: " " })).toThrow(RangeError);
    expect(() => drp.beginGrantAccess({ durationInSeconds: 60, fileFormat: false as never })).toThrow(
      TypeError,
    );
    expect(() => drp.beginRestoreDisk({ diskName: "" })).toThrow(TypeError);
    expect(() => drp.beginRestoreDisk({ diskName: "d", sku: "" })).toThrow(RangeError);
    expect(() => drp.beginRestoreDisk({ diskName: "d", sku: 1 as never })).toThrow(TypeError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("resuming", () => {
  it("continues from serialize() in a NEW client without re-sending the PUT", async () => {
    const first = new FakeHttpClient().on("PUT", RP_URL, {
      status: 201,
      headers: { "azure-asyncoperation": SIGNED_OPERATION_URL },
      body: {},
    });
    const poller = restorePoint(first).rp.beginCreate({ skipPreflight: true });
    await poller.submitted();
    const state = await poller.serialize();
    expect(state).not.toContain("result");

    const second = new FakeHttpClient()
      .sequence("GET", SIGNED_OPERATION_URL, inProgress, succeeded)
      .on("GET", RP_URL, { status: 200, body: restorePointBody("rp1") });
    const resumed = restorePoint(second).rp.beginCreate({ skipPreflight: true, resumeFrom: state });
    const point = await resumed;
    expect(point.name).toBe("rp1");
    expect(second.requestsTo("PUT")).toHaveLength(0);
    expect(second.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
  });

  it("serializes a finished operation without its result; resuming asks the service again", async () => {
    const script = (fake: FakeHttpClient) =>
      fake
        .on("GET", SIGNED_OPERATION_URL, succeeded)
        .on("GET", RP_URL, { status: 200, body: restorePointBody("rp1") });
    const first = script(
      new FakeHttpClient().on("PUT", RP_URL, {
        status: 201,
        headers: { "azure-asyncoperation": SIGNED_OPERATION_URL },
        body: {},
      }),
    );
    const poller = restorePoint(first).rp.beginCreate({ skipPreflight: true });
    await poller;
    const state = JSON.parse(await poller.serialize()) as { state: Record<string, unknown> };
    expect(state.state["status"]).toBe("running");
    expect(state.state).not.toHaveProperty("result");

    const second = script(new FakeHttpClient());
    const point = await restorePoint(second).rp.beginCreate({
      skipPreflight: true,
      resumeFrom: JSON.stringify(state),
    });
    expect(point.name).toBe("rp1");
    expect(second.requestsTo("PUT")).toHaveLength(0);
  });

  it("resumes a synchronously finished delete as done, but not a grant whose SAS was never stored", async () => {
    const fake = new FakeHttpClient().on("DELETE", RP_URL, { status: 204 }).on("POST", undefined, {
      status: 200,
      body: { accessSAS: "https://x/y?sig=S" },
    });
    const { rp } = restorePoint(fake);
    const deleting = rp.beginDelete();
    await deleting;
    await expect(rp.beginDelete({ resumeFrom: await deleting.serialize() })).resolves.toBeUndefined();
    const drp = rp.getDiskRestorePointClient("d_1");
    const granting = drp.beginGrantAccess({ durationInSeconds: 60 });
    await granting;
    const state = await granting.serialize();
    expect(state).not.toContain("sig=");
    await expect(drp.beginGrantAccess({ durationInSeconds: 60, resumeFrom: state })).rejects.toThrow(
      /read the resource/,
    );
    expect(fake.requests).toHaveLength(2);
  });

  it("refuses a state that belongs to another operation", async () => {
    const fake = new FakeHttpClient().on("PUT", RP_URL, {
      status: 201,
      headers: { "azure-asyncoperation": SIGNED_OPERATION_URL },
      body: {},
    });
    const { client, rp } = restorePoint(fake);
    const poller = rp.beginCreate({ skipPreflight: true });
    const state = await poller.serialize();
    const other = client.getCollectionClient("rg1", "rpc1").getRestorePointClient("other");
    expect(() => other.beginCreate({ skipPreflight: true, resumeFrom: state })).toThrow(RangeError);
    expect(() => other.beginDelete({ resumeFrom: "{not json" })).toThrow(TypeError);
  });
});

describe("aborting", () => {
  it("rejects with AbortError, leaves the operation alone, and the client keeps working", async () => {
    const fake = new FakeHttpClient()
      .on("PUT", RP_URL, { status: 201, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL }, body: {} })
      .on("GET", SIGNED_OPERATION_URL, inProgress, Infinity);
    const { client, rp } = restorePoint(fake);
    const controller = new AbortController();
    const poller = rp.beginCreate({
      skipPreflight: true,
      abortSignal: controller.signal,
      updateIntervalInMs: 10_000,
    });
    poller.onProgress(() => {
      controller.abort();
    });
    const error: unknown = await poller.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).name).toBe("AbortError");
    expect(fake.requestsTo("DELETE")).toHaveLength(0);
    expect(poller.operationState?.status).toBe("running");

    fake.on("GET", `${ARM}${collectionUrlPath()}?api-version=2025-04-01`, {
      status: 200,
      body: collectionBody(),
    });
    const collection = await client.getCollectionClient("rg1", "rpc1").get();
    expect(collection.name).toBe("rpc1");
  });
});

describe("beginDelete", () => {
  it("polls Azure-AsyncOperation of a 202 (Location with &monitor=true also present) and does no final GET", async () => {
    const fake = new FakeHttpClient()
      .on("DELETE", RP_URL, {
        status: 202,
        headers: {
          "azure-asyncoperation": SIGNED_OPERATION_URL,
          location: `${SIGNED_OPERATION_URL}&monitor=true`,
          "content-length": "0",
        },
      })
      .sequence("GET", SIGNED_OPERATION_URL, inProgress, succeeded);
    const { rp } = restorePoint(fake);
    await expect(rp.beginDelete()).resolves.toBeUndefined();
    expect(fake.requests.map((r) => r.method)).toEqual(["DELETE", "GET", "GET"]);
  });

  it("follows a Location-only 202 until the monitor URL answers 200 with an empty body", async () => {
    const monitor = `${OPERATION_URL}?monitor=true&api-version=2025-04-01`;
    const fake = new FakeHttpClient()
      .on("DELETE", `${ARM}${collectionUrlPath()}`, { status: 202, headers: { location: monitor } })
      .sequence("GET", monitor, { status: 202, headers: { location: monitor } }, { status: 200 });
    const { client } = createFakeClient(fake);
    await client.getCollectionClient("rg1", "rpc1").beginDelete();
    expect(fake.requests.map((r) => `${r.method} ${r.url.split("?")[0]!.split("/").pop()!}`)).toEqual([
      "DELETE rpc1",
      "GET 4f2d1b5e-0000-4000-8000-000000000001",
      "GET 4f2d1b5e-0000-4000-8000-000000000001",
    ]);
  });

  it("maps a failed Location poll (error status with CloudError) to OperationFailedError", async () => {
    const monitor = `${OPERATION_URL}?monitor=true&api-version=2025-04-01`;
    const fake = new FakeHttpClient()
      .on("DELETE", RP_URL, { status: 202, headers: { location: monitor } })
      .on("GET", monitor, {
        status: 409,
        body: {
          error: {
            code: "DiskRestorePointUsedByCustomer",
            message: "Call EndGetAccess before deleting the restore point.",
          },
        },
      });
    const { rp } = restorePoint(fake);
    await expect(rp.beginDelete()).rejects.toMatchObject({
      name: "OperationFailedError",
      serviceCode: "DiskRestorePointUsedByCustomer",
    });
  });

  it("keeps a 404 on an Azure-AsyncOperation URL an HTTP error", async () => {
    const fake = new FakeHttpClient()
      .on("DELETE", RP_URL, { status: 202, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL } })
      .on("GET", SIGNED_OPERATION_URL, {
        status: 404,
        body: { error: { code: "NotFound", message: "gone" } },
      });
    const { rp } = restorePoint(fake);
    await expect(rp.beginDelete()).rejects.toMatchObject({
      name: "RestError",
      statusCode: 404,
      code: "NotFound",
    });
  });

  it("completes a synchronous 204 without polling", async () => {
    const fake = new FakeHttpClient().on("DELETE", RP_URL, { status: 204 });
    const { rp } = restorePoint(fake);
    await rp.beginDelete();
    expect(fake.requests).toHaveLength(1);
  });
});
