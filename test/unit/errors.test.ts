import { describe, expect, it } from "vitest";
import {
  ConcurrentOperationError,
  CopyNotAllowedError,
  InvalidExclusionError,
  isRestorePointError,
  OperationFailedError,
  RegionNotSupportedError,
  ReplicationIncompleteError,
  RestError,
  RestorePointError,
  RestorePointLimitError,
  RestoreVmError,
  UnsupportedDiskError,
} from "../../src/index.js";

const samples = [
  [
    new RegionNotSupportedError({ region: "swedencentral", supportedRegions: ["westeurope"] }),
    "RegionNotSupportedError",
    "RegionNotSupported",
  ],
  [
    new RestorePointLimitError({ limit: 500, count: 500, vmId: "/subscriptions/s/vm" }),
    "RestorePointLimitError",
    "RestorePointLimitReached",
  ],
  [
    new ConcurrentOperationError({ inProgressId: "/rp/1" }),
    "ConcurrentOperationError",
    "OperationInProgress",
  ],
  [
    new UnsupportedDiskError({ disks: [{ diskId: "/d/1", reason: "shared disk" }] }),
    "UnsupportedDiskError",
    "UnsupportedDisk",
  ],
  [new InvalidExclusionError({ diskIds: ["/d/os"] }), "InvalidExclusionError", "InvalidExcludedDisk"],
  [new CopyNotAllowedError({ reason: "SameRegion" }), "CopyNotAllowedError", "CopyNotAllowed"],
  [
    new ReplicationIncompleteError({ percentComplete: 40, resourceId: "/rp/2" }),
    "ReplicationIncompleteError",
    "ReplicationIncomplete",
  ],
  [
    new OperationFailedError({
      message: "Creating restore point x failed",
      serviceCode: "VMRestorePointClientError",
      operationUrl: "https://h/op",
    }),
    "OperationFailedError",
    "OperationFailed",
  ],
  [
    new RestoreVmError({
      step: "creatingVm",
      createdResourceIds: ["/d/1"],
      rolledBack: true,
      cause: new Error("boom"),
    }),
    "RestoreVmError",
    "RestoreVmFailed",
  ],
] as const;

describe("error classes", () => {
  it.each(samples)("%s has literal name %s and code %s", (error, name, code) => {
    expect(error).toBeInstanceOf(RestorePointError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
    expect(isRestorePointError(error)).toBe(true);
    expect(isRestorePointError(error, code)).toBe(true);
    expect(isRestorePointError(error, code === "CopyNotAllowed" ? "OperationFailed" : "CopyNotAllowed")).toBe(
      false,
    );
  });

  it("carries the documented fields", () => {
    const region = samples[0][0];
    expect(region.region).toBe("swedencentral");
    expect(region.supportedRegions).toEqual(["westeurope"]);
    expect(region.message).toContain("copyRegions");
    const limit = samples[1][0];
    expect([limit.limit, limit.count]).toEqual([500, 500]);
    expect(samples[2][0].inProgressId).toBe("/rp/1");
    expect(samples[3][0].disks).toEqual([{ diskId: "/d/1", reason: "shared disk" }]);
    expect(samples[4][0].diskIds).toEqual(["/d/os"]);
    expect(samples[5][0].reason).toBe("SameRegion");
    expect(samples[5][0].message).toContain("same region");
    expect(samples[6][0].percentComplete).toBe(40);
    const failed = samples[7][0];
    expect([failed.serviceCode, failed.operationUrl, failed.status]).toEqual([
      "VMRestorePointClientError",
      "https://h/op",
      "failed",
    ]);
    const restore = samples[8][0];
    expect(restore.step).toBe("creatingVm");
    expect(restore.createdResourceIds).toEqual(["/d/1"]);
    expect(restore.rolledBack).toBe(true);
    expect((restore.cause as Error).message).toBe("boom");
  });

  it("checks by name and code, so a copy from another realm or package copy is recognised", () => {
    const foreign = { name: "RestorePointLimitError", code: "RestorePointLimitReached", message: "m" };
    expect(isRestorePointError(foreign, "RestorePointLimitReached")).toBe(true);
    expect(isRestorePointError({ name: "Error", code: "RestorePointLimitReached" })).toBe(false);
    expect(isRestorePointError({ name: "RestorePointLimitError", code: "Other" })).toBe(false);
    expect(isRestorePointError(new RestError("x", { code: "OperationFailed" }))).toBe(false);
    expect(isRestorePointError(undefined)).toBe(false);
    expect(isRestorePointError("OperationFailed")).toBe(false);
  });

  it("narrows the type by code", () => {
    const e: unknown = samples[1][0];
    if (isRestorePointError(e, "RestorePointLimitReached")) {
      expect(e.limit).toBe(500);
    } else {
      throw new Error("not narrowed");
    }
  });
});
