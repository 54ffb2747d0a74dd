import { RestError } from "@azure/core-rest-pipeline";
import { describe, expect, expectTypeOf, it } from "vitest";
import { mapServiceError } from "../../src/errors/mapServiceError.js";
import { checkNoCaptureInProgress, checkNoCopyInProgress } from "../../src/guards/concurrencyGuards.js";
import { checkCaptureCollection, checkCopy, checkCopyTargetCollection } from "../../src/guards/copyGuards.js";
import type { CopyFacts } from "../../src/guards/copyGuards.js";
import { selectCaptureDisks, unsupportedDiskReason } from "../../src/guards/exclusionGuards.js";
import type { DiskFacts, PointFacts, VmFacts } from "../../src/guards/guardTypes.js";
import { checkRestorePointLimit } from "../../src/guards/limitGuards.js";
import { checkCollectionInVmRegion, checkCopyRegions } from "../../src/guards/regionGuards.js";
import { redactSecrets } from "../../src/internal/redactSecrets.js";
import type {
  CopyNotAllowedError,
  CopyNotAllowedReason,
  RestorePointPlan,
  UnsupportedDisk,
  VmRestorePoint,
  VmRestorePointClient,
} from "../../src/index.js";
import {
  CROSS_REGION_SUPPORTED_REGIONS,
  isRestorePointError,
  OperationFailedError,
  RestorePointClient,
} from "../../src/index.js";

const SUB =
  "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Compute";
const VM_ID = `${SUB}/virtualMachines/vm1`;
const diskId = (name: string): string => `${SUB}/disks/${name}`;
const collectionId = (name: string): string => `${SUB}/restorePointCollections/${name}`;
const pointId = (collection: string, name: string): string =>
  `${collectionId(collection)}/restorePoints/${name}`;
const RP = pointId("c1", "new");

function disk(name: string, extra: Partial<DiskFacts> = {}): DiskFacts {
  return {
    diskId: diskId(name),
    name,
    isOsDisk: false,
    sku: "Premium_LRS",
    ephemeral: false,
    unmanaged: false,
    writeAcceleratorEnabled: false,
    maxShares: undefined,
    ...extra,
  };
}

function vm(...disks: DiskFacts[]): VmFacts {
  return {
    id: VM_ID,
    name: "vm1",
    location: "westeurope",
    disks: [disk("os", { isOsDisk: true }), ...disks],
  };
}

function point(name: string, extra: Partial<PointFacts> = {}): PointFacts {
  return {
    id: pointId("c1", name),
    name,
    provisioningState: "Succeeded",
    sourceRestorePointId: undefined,
    createdOn: new Date("2026-11-01T00:00:00Z"),
    ...extra,
  };
}

const capture = (
  extra: Partial<Parameters<typeof selectCaptureDisks>[1]> = {},
): Parameters<typeof selectCaptureDisks>[1] => ({
  restorePointId: RP,
  excludeDiskIds: [],
  excludeUnsupportedDisks: false,
  consistencyMode: undefined,
  ...extra,
});

describe("region guards", () => {
  it("accept allowed regions in any case or spacing, and anything with 'any'", () => {
    expect(checkCopyRegions("West Europe", "NORTHEUROPE", CROSS_REGION_SUPPORTED_REGIONS, RP)).toEqual([]);
    expect(checkCopyRegions("swedencentral", "norwayeast", "any", RP)).toEqual([]);
  });

  it("refuse a region outside the list, naming it and the allowed ones", () => {
    const [error] = checkCopyRegions("westeurope", "Sweden Central", CROSS_REGION_SUPPORTED_REGIONS, RP);
    expect(error).toMatchObject({ name: "RegionNotSupportedError", region: "swedencentral" });
    expect(error?.message).toContain("westeurope");
    expect(error?.message).toContain('copyRegions: "any"');
  });

  it("refuse the same region once, even outside the list", () => {
    const refused = checkCopyRegions("swedencentral", "Sweden Central", ["westeurope"], RP);
    expect(refused.map((e) => e.name)).toEqual(["CopyNotAllowedError", "RegionNotSupportedError"]);
  });

  it("keep a capture collection in its VM's region", () => {
    expect(checkCollectionInVmRegion(collectionId("c"), "West Europe", vm())).toEqual([]);
    const [error] = checkCollectionInVmRegion(collectionId("c"), "northeurope", vm());
    expect(error).toMatchObject({ region: "northeurope", supportedRegions: ["westeurope"] });
  });
});

describe("disk support", () => {
  it.each([
    [{ ephemeral: true, diskId: undefined }, undefined, "ephemeral OS disk"],
    [{ unmanaged: true, diskId: undefined }, undefined, "unmanaged disk"],
    [{ maxShares: 2 }, undefined, "shared disk (maxShares 2)"],
    [{ maxShares: 1 }, "CrashConsistent", undefined],
    [{ sku: "UltraSSD_LRS" }, undefined, undefined],
    [{ sku: "UltraSSD_LRS" }, "CrashConsistent", "UltraSSD_LRS disk in a crash-consistent restore point"],
    [{ sku: "PremiumV2_LRS" }, "CrashConsistent", "PremiumV2_LRS disk in a crash-consistent restore point"],
    [{ writeAcceleratorEnabled: true }, "ApplicationConsistent", undefined],
    [
      { writeAcceleratorEnabled: true },
      "CrashConsistent",
      "write-accelerated disk in a crash-consistent restore point",
    ],
    [{ sku: "Standard_LRS" }, "CrashConsistent", undefined],
  ] as const)("%o in mode %s: %s", (extra, mode, reason) => {
    expect(unsupportedDiskReason(disk("d", extra), mode)).toBe(reason);
  });

  it("finds every invalid exclusion and every unsupported disk at once", () => {
    const result = selectCaptureDisks(
      vm(disk("shared", { maxShares: 2 }), disk("ultra", { sku: "UltraSSD_LRS" })),
      capture({ excludeDiskIds: [diskId("elsewhere")], consistencyMode: "CrashConsistent" }),
    );
    expect(result.violations.map((v) => v.name)).toEqual(["InvalidExclusionError", "UnsupportedDiskError"]);
    expect(result.violations[1]).toMatchObject({
      disks: [
        { diskId: diskId("shared"), reason: "shared disk (maxShares 2)" },
        { diskId: diskId("ultra"), reason: "UltraSSD_LRS disk in a crash-consistent restore point" },
      ],
    });
  });

  it("excludes unsupported disks automatically, matching ids case-insensitively", () => {
    const result = selectCaptureDisks(
      vm(disk("shared", { maxShares: 4 }), disk("data")),
      capture({ excludeDiskIds: [diskId("DATA").toUpperCase()], excludeUnsupportedDisks: true }),
    );
    expect(result.violations).toEqual([]);
    expect(result.autoExcluded).toEqual([{ diskId: diskId("shared"), reason: "shared disk (maxShares 4)" }]);
    expect(result.excludeDiskIds).toEqual([diskId("DATA").toUpperCase(), diskId("shared")]);
  });

  it("refuses when the exclusions, automatic ones included, leave no disk", () => {
    const result = selectCaptureDisks(
      vm(disk("shared", { maxShares: 2 })),
      capture({ excludeDiskIds: [diskId("os")], excludeUnsupportedDisks: true }),
    );
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatchObject({
      name: "InvalidExclusionError",
      diskIds: [diskId("os"), diskId("shared")],
    });
  });
});

describe("limit and concurrency guards", () => {
  it("count captures only, and refuse at the limit", () => {
    const points = [point("a"), point("b"), point("copy", { sourceRestorePointId: pointId("x", "y") })];
    expect(checkRestorePointLimit(VM_ID, points, 3, RP)).toEqual([]);
    const [error] = checkRestorePointLimit(VM_ID, points, 2, RP);
    expect(error).toMatchObject({ name: "RestorePointLimitError", limit: 2, count: 2, vmId: VM_ID });
    expect(error?.message).toContain("Delete older restore points");
  });

  it("refuse while a capture is Creating, whatever the casing", () => {
    expect(checkNoCaptureInProgress([point("a")], RP, VM_ID)).toEqual([]);
    const [error] = checkNoCaptureInProgress(
      [point("a"), point("b", { provisioningState: "creating" })],
      RP,
      VM_ID,
    );
    expect(error).toMatchObject({
      name: "ConcurrentOperationError",
      inProgressId: pointId("c1", "b"),
      resourceId: RP,
    });
    expect(checkNoCopyInProgress(undefined, RP, collectionId("t"))).toEqual([]);
    expect(checkNoCopyInProgress(point("b"), RP, collectionId("t"))[0]).toMatchObject({
      inProgressId: pointId("c1", "b"),
    });
  });
});

describe("copy guards", () => {
  const source = point("s1", { createdOn: new Date("2026-11-02T00:00:00Z") });
  const facts = (extra: Partial<CopyFacts> = {}): CopyFacts => ({
    restorePointId: pointId("t", "copy"),
    target: {
      id: collectionId("t"),
      name: "t",
      location: "northeurope",
      sourceId: collectionId("c1"),
      points: [],
    },
    sourceCollection: {
      id: collectionId("c1"),
      name: "c1",
      location: "westeurope",
      sourceId: VM_ID,
      points: [point("s0"), source, point("s2", { createdOn: new Date("2026-11-03T00:00:00Z") })],
    },
    source,
    sourceRestorePointId: source.id,
    sourceDisks: [{ id: "d", name: "d", networkAccessPolicy: "AllowAll" }],
    copyRegions: CROSS_REGION_SUPPORTED_REGIONS,
    ...extra,
  });
  const reasons = (f: CopyFacts): unknown[] =>
    checkCopy(f).map((v) => (isRestorePointError(v, "CopyNotAllowed") ? v.reason : v.code));

  it("pass a valid copy", () => {
    expect(checkCopy(facts())).toEqual([]);
  });

  it("report every broken rule", () => {
    const copyOfNewer = point("c-s2", {
      id: pointId("t", "c-s2"),
      sourceRestorePointId: pointId("c1", "s2"),
      createdOn: new Date("2026-11-03T00:00:00Z"),
    });
    const copyOfSelf = point("c-s1", { id: pointId("t", "c-s1"), sourceRestorePointId: source.id });
    expect(
      reasons(
        facts({
          target: {
            id: collectionId("t"),
            name: "t",
            location: "westeurope",
            sourceId: collectionId("other"),
            points: [copyOfNewer, copyOfSelf],
          },
          source: { ...source, provisioningState: "Creating", sourceRestorePointId: pointId("z", "z") },
          sourceDisks: [{ id: "d", name: "d", networkAccessPolicy: "AllowPrivate" }],
        }),
      ),
    ).toEqual([
      "CopyOfCopy",
      "SourceNotReady",
      "TargetHasOtherSource",
      "SameRegion",
      "AlreadyCopied",
      "OutOfOrder",
      "PrivateLink",
    ]);
  });

  it("do not refuse on equal capture times or unknown policies", () => {
    const twin = point("twin", {
      id: pointId("t", "twin"),
      sourceRestorePointId: pointId("c1", "s0"),
      createdOn: source.createdOn,
    });
    expect(
      reasons(
        facts({
          target: { ...facts().target, points: [twin] },
          sourceCollection: { ...facts().sourceCollection, points: [source] },
          sourceDisks: [
            { id: "d", name: "d", networkAccessPolicy: undefined },
            // "cannot be exported" is not documented as blocking a copy: left to the service.
            { id: "e", name: "e", networkAccessPolicy: "DenyAll" },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it("check new copy-target collections and captures into them", () => {
    const src = { id: collectionId("c1"), name: "c1", location: "westeurope", sourceId: VM_ID };
    const existing = {
      id: collectionId("t"),
      name: "t",
      location: "northeurope",
      sourceId: collectionId("c1"),
    };
    expect(checkCopyTargetCollection(collectionId("t"), "North Europe", src, [existing], "any")).toEqual([]);
    expect(
      checkCopyTargetCollection(
        collectionId("t2"),
        "eastus",
        { ...src, sourceId: collectionId("c0") },
        [existing],
        "any",
      ).map((v) => (isRestorePointError(v, "CopyNotAllowed") ? v.reason : v.code)),
    ).toEqual(["CopyOfCopy"]);
    expect(
      checkCopyTargetCollection(collectionId("t2"), "northeurope", src, [existing], "any")[0],
    ).toMatchObject({
      reason: "DuplicateTarget",
    });
    expect(checkCaptureCollection(existing, RP)[0]).toMatchObject({ reason: "CopyTargetCollection" });
    expect(checkCaptureCollection(src, RP)).toEqual([]);
  });
});

describe("mapServiceError", () => {
  const restError = (status: number, code: string, message: string, target?: string): RestError => {
    const e = new RestError(message, { code, statusCode: status });
    e.details = { error: { code, message, ...(target === undefined ? {} : { target }) } };
    return e;
  };
  const create = {
    kind: "createRestorePoint",
    restorePointId: RP,
    excludeDiskIds: [diskId("x")],
    limit: 500,
  } as const;
  const copy = { kind: "copyRestorePoint", restorePointId: RP, copyRegions: ["westeurope"] } as const;

  it("maps Azure's documented wordings, keeping the original as cause", () => {
    const limit = restError(
      409,
      "VMRestorePointClientError",
      "The maximum allowed snapshot limit of one or more disk blobs has been reached.",
    );
    const mapped = mapServiceError(limit, create);
    expect(mapped).toMatchObject({ name: "RestorePointLimitError", limit: 500, count: 500, cause: limit });
    expect((mapped as Error).message).toContain(RP);

    const concurrent = mapServiceError(
      restError(409, "VMRestorePointClientError", "Another 'Create RestorePoint' operation is in progress."),
      create,
    );
    expect(concurrent).toMatchObject({ name: "ConcurrentOperationError", inProgressId: "" });

    const shared = mapServiceError(
      restError(
        400,
        "VMRestorePointClientError",
        "Disk 'data1' is not supported for restore points: shared disks are not supported. You may exclude this disk.",
        "excludeDisks",
      ),
      create,
    );
    expect(shared).toMatchObject({
      name: "UnsupportedDiskError",
      disks: [{ diskId: "data1", reason: "shared disks are not supported" }],
    });

    // Azure's documented wordings (restore point troubleshooting guide), which name no disk or id.
    const documentedConcurrent = mapServiceError(
      restError(
        409,
        "VMRestorePointClientError",
        "RestorePoint creation failed since a concurrent 'Create RestorePoint' operation was triggered on the VM.",
      ),
      create,
    );
    expect(documentedConcurrent).toMatchObject({ name: "ConcurrentOperationError", inProgressId: "" });
    const documentedShared = mapServiceError(
      restError(
        400,
        "VMRestorePointClientError",
        "Creation of Restore Point of a Virtual Machine with Shared disks is not supported. You may exclude this disk from the restore point via excludeDisks property.",
      ),
      create,
    );
    expect(documentedShared).toMatchObject({ name: "UnsupportedDiskError", disks: [] });
    expect((documentedShared as Error).message).toContain("one of the VM's disks");

    expect(
      mapServiceError(restError(400, "InvalidParameter", "Every disk is excluded.", "excludeDisks"), create),
    ).toMatchObject({
      name: "InvalidExclusionError",
      diskIds: [diskId("x")],
    });
  });

  it("maps copy refusals by rule, and regions to RegionNotSupportedError", () => {
    expect(
      mapServiceError(restError(400, "BadRequest", "Copy of a copy is not supported."), copy),
    ).toMatchObject({ reason: "CopyOfCopy" });
    expect(
      mapServiceError(
        restError(
          400,
          "BadRequest",
          "Cross-region copy of restore points is not supported in region 'Sweden Central'.",
        ),
        copy,
      ),
    ).toMatchObject({
      name: "RegionNotSupportedError",
      region: "swedencentral",
      supportedRegions: ["westeurope"],
    });
    expect(
      mapServiceError(
        restError(
          409,
          "OperationNotAllowed",
          `A copy from 'a' to 'b' is already in progress (${pointId("t", "c")}).`,
        ),
        copy,
      ),
    ).toMatchObject({ name: "ConcurrentOperationError", inProgressId: pointId("t", "c") });
  });

  it("maps a failed operation the same way", () => {
    const failed = new OperationFailedError({
      message: "failed",
      serviceCode: "VMRestorePointClientError",
      details: {
        error: {
          code: "VMRestorePointClientError",
          message: `Another 'Create RestorePoint' operation is in progress for virtual machine 'vm1' (${pointId("c1", "old")}).`,
        },
      },
    });
    expect(mapServiceError(failed, create)).toMatchObject({
      name: "ConcurrentOperationError",
      inProgressId: pointId("c1", "old"),
      cause: failed,
    });
  });

  it("leaves unknown codes, other operations' wordings and non-errors alone", () => {
    const tooOld = restError(400, "BadRequest", "The api-version '2020-01-01' is not supported.");
    expect(mapServiceError(tooOld, copy)).toBe(tooOld);
    const throttled = restError(429, "OperationNotAllowed", "Too many requests.");
    expect(mapServiceError(throttled, copy)).toBe(throttled);
    const notFound = restError(404, "NotFound", "gone");
    expect(mapServiceError(notFound, create)).toBe(notFound);
    const plain = new Error("boom");
    expect(mapServiceError(plain, create)).toBe(plain);
    expect(mapServiceError("text", create)).toBe("text");
  });

  it("keeps secrets out of the mapped message", () => {
    const leaky = restError(
      400,
      "BadRequest",
      "Copy of a copy: see https://x.blob.core.windows.net/c?sv=2024&sig=TOPSECRET and Bearer eyJhbGciOi.eyJzdWIiOi.c2ln",
    );
    const mapped = mapServiceError(leaky, copy) as Error;
    expect(mapped.message).not.toContain("TOPSECRET");
    expect(mapped.message).not.toContain("eyJhbGciOi");
  });
});

describe("redactSecrets", () => {
  it("cuts SAS signatures, bearer tokens and JWTs", () => {
    const text =
      "u?sv=1&sig=abc%2Fdef&se=2026 Authorization: Bearer abc.def-ghi token eyJhbGciOiJIUzI1.eyJzdWIiOiIx.sig";
    const redacted = redactSecrets(text);
    expect(redacted).not.toMatch(/abc%2Fdef|abc\.def-ghi|eyJhbGciOiJIUzI1/);
    expect(redacted).toContain("sig=REDACTED");
  });
});

describe("isRestorePointError across package copies", () => {
  it("recognises an error by name and code, not by class", () => {
    const foreign = Object.assign(new Error("m"), {
      name: "RestorePointLimitError",
      code: "RestorePointLimitReached",
    });
    expect(isRestorePointError(foreign, "RestorePointLimitReached")).toBe(true);
    expect(isRestorePointError({ name: "RestorePointLimitError", code: "OperationInProgress" })).toBe(false);
  });
});

describe("client options for the guards", () => {
  const credential = { getToken: () => Promise.resolve(null) };
  it("refuses api-versions before restore points existed", () => {
    expect(() => new RestorePointClient("s", credential, { computeApiVersion: "2020-12-01" })).toThrow(
      RangeError,
    );
    expect(() => new RestorePointClient("s", credential, { computeApiVersion: "2021-03-01" })).not.toThrow();
  });
  it("validates maxRestorePointsPerVm and preflightCacheTtlInMs", () => {
    expect(() => new RestorePointClient("s", credential, { maxRestorePointsPerVm: 0 })).toThrow(RangeError);
    expect(() => new RestorePointClient("s", credential, { maxRestorePointsPerVm: 1.5 })).toThrow(RangeError);
    expect(
      () => new RestorePointClient("s", credential, { maxRestorePointsPerVm: "5" as unknown as number }),
    ).toThrow(TypeError);
    expect(() => new RestorePointClient("s", credential, { preflightCacheTtlInMs: -1 })).toThrow(RangeError);
  });
});

describe("public types of the guards", () => {
  it("pins the dry runs, the copy reasons and the auto-excluded disks", () => {
    expectTypeOf<VmRestorePointClient["planCreate"]>().returns.toEqualTypeOf<Promise<RestorePointPlan>>();
    expectTypeOf<VmRestorePointClient["planCopy"]>().returns.toEqualTypeOf<Promise<RestorePointPlan>>();
    expectTypeOf<CopyNotAllowedError["reason"]>().toEqualTypeOf<CopyNotAllowedReason>();
    expectTypeOf<VmRestorePoint["autoExcludedDisks"]>().toEqualTypeOf<
      readonly UnsupportedDisk[] | undefined
    >();
  });
});
