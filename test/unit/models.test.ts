import { describe, expect, it } from "vitest";
import { toRestorePointCollection } from "../../src/models/collection.js";
import { toDiskAccess } from "../../src/models/diskAccess.js";
import { toDiskRestorePoint } from "../../src/models/diskRestorePoint.js";
import { toManagedDisk } from "../../src/models/managedDisk.js";
import { toReplicationProgress } from "../../src/models/replication.js";
import {
  compareRestorePoints,
  toVmRestorePoint,
  toVmRestorePointWith,
} from "../../src/models/vmRestorePoint.js";
import {
  collectionBody,
  DATA_DISK_ID,
  OS_DISK_ID,
  restorePointBody,
  restorePointId,
  VM_ID,
} from "../support/armBodies.js";

describe("RestorePointCollection mapping", () => {
  it("maps the fields and keeps the raw body", () => {
    const body = collectionBody("rpc1");
    const c = toRestorePointCollection(body);
    expect(c).toMatchObject({
      name: "rpc1",
      location: "westeurope",
      resourceGroup: "rg1",
      sourceId: VM_ID,
      sourceLocation: "westeurope",
      provisioningState: "Succeeded",
      tags: { team: "infra" },
      instantAccess: false,
      restorePointCollectionId: "59f04a5d-f783-4200-a1bd-d3f464e8c4b4",
    });
    expect(c.raw).toEqual(body);
    expect(Object.isFrozen(c)).toBe(true);
    // Only the top of `raw` is frozen: freezing every nested object cost more than parsing the body.
    expect(Object.isFrozen(c.raw)).toBe(true);
  });

  it("tolerates a minimal body", () => {
    const c = toRestorePointCollection({
      id: "/subscriptions/s/resourceGroups/R/providers/Microsoft.Compute/restorePointCollections/x",
    });
    expect(c).toMatchObject({ name: "x", resourceGroup: "R", location: "", tags: {} });
    // Every member is present, unknown ones as undefined, so every collection has one shape.
    expect(Object.keys(c)).toContain("sourceId");
    expect(c.sourceId).toBeUndefined();
    expect(JSON.parse(JSON.stringify(c))).not.toHaveProperty("sourceId");
  });
});

describe("VmRestorePoint mapping", () => {
  it("maps a recorded-style restore point with disk restore points", () => {
    const rp = toVmRestorePoint(restorePointBody("rp1"));
    expect(rp).toMatchObject({
      id: restorePointId("rp1"),
      name: "rp1",
      collectionName: "rpc1",
      resourceGroup: "rg1",
      provisioningState: "Succeeded",
      consistencyMode: "FileSystemConsistent",
      excludedDiskIds: [],
    });
    expect(rp.createdOn).toEqual(new Date("2026-11-25T08:00:00.123Z"));
    expect(rp.diskRestorePoints).toEqual([
      {
        id: `${restorePointId("rp1")}/diskRestorePoints/vm1_OsDisk_1_22b4bdfe-6c54-4f72-84d8-85d8860f0c57`,
        name: "vm1_OsDisk_1_22b4bdfe-6c54-4f72-84d8-85d8860f0c57",
        isOsDisk: true,
        sourceDiskId: OS_DISK_ID,
        sizeGB: 30,
        caching: "ReadWrite",
        storageAccountType: "Premium_LRS",
      },
      {
        id: `${restorePointId("rp1")}/diskRestorePoints/vm1_DataDisk_0_68785190-1acb-4d5e-a8ae-705b45f3dca5`,
        name: "vm1_DataDisk_0_68785190-1acb-4d5e-a8ae-705b45f3dca5",
        lun: 0,
        isOsDisk: false,
        sourceDiskId: DATA_DISK_ID,
        sizeGB: 90,
        caching: "None",
        storageAccountType: "Premium_LRS",
      },
    ]);
    expect(rp.sourceMetadata).toMatchObject({
      vmSize: "Standard_D2s_v5",
      osType: "Linux",
      hyperVGeneration: "V2",
    });
    expect(rp.sourceMetadata?.dataDisks[0]?.lun).toBe(0);
    expect(rp.replication).toBeUndefined();
  });

  it("has no disk restore points while Creating (the create response has no ids yet)", () => {
    const rp = toVmRestorePoint(
      restorePointBody("rp1", { provisioningState: "Creating", withDiskRestorePoints: false }),
    );
    expect(rp.diskRestorePoints).toEqual([]);
    expect(rp.provisioningState).toBe("Creating");
  });

  it("maps excluded disks and an unparseable timeCreated", () => {
    const body = restorePointBody("rp1", { timeCreated: "not a date" });
    (body["properties"] as Record<string, unknown>)["excludeDisks"] = [{ id: DATA_DISK_ID }];
    const rp = toVmRestorePoint(body);
    expect(rp.excludedDiskIds).toEqual([DATA_DISK_ID]);
    expect(rp.createdOn).toBeUndefined();
  });

  it("maps the recorded replicating instance view to ReplicationProgress", () => {
    const rp = toVmRestorePoint(
      restorePointBody("copy", {
        sourceRestorePointId: restorePointId("rp1", "source"),
        replication: [
          ["ReplicationState/replicating", 0],
          ["ReplicationState/replicating", 0],
        ],
      }),
    );
    expect(rp.sourceRestorePointId).toBe(restorePointId("rp1", "source"));
    expect(rp.replication).toMatchObject({ state: "InProgress", percentComplete: 0 });
    expect(rp.replication?.disks.map((d) => [d.state, d.percentComplete, d.sizeGB])).toEqual([
      ["InProgress", 0, 30],
      ["InProgress", 0, 90],
    ]);
  });

  it("sorts oldest first, then by name", () => {
    const a = toVmRestorePoint(restorePointBody("b", { timeCreated: "2026-01-02T00:00:00Z" }));
    const b = toVmRestorePoint(restorePointBody("a", { timeCreated: "2026-01-02T00:00:00Z" }));
    const c = toVmRestorePoint(restorePointBody("z", { timeCreated: "2025-12-31T00:00:00Z" }));
    expect([a, b, c].sort(compareRestorePoints).map((p) => p.name)).toEqual(["z", "a", "b"]);
  });
});

describe("VmRestorePoint objects", () => {
  it("are frozen plain objects whose unknown members are undefined", () => {
    const rp = toVmRestorePoint(restorePointBody("rp1"));
    expect(Object.isFrozen(rp)).toBe(true);
    expect(Object.getPrototypeOf(rp)).toBe(Object.prototype);
    expect(Object.isFrozen(rp.diskRestorePoints)).toBe(true);
    expect(Object.isFrozen(rp.sourceMetadata)).toBe(true);
    expect(Object.isFrozen(rp.diskRestorePoints[0])).toBe(true);
    expect(() => {
      (rp as { name: string }).name = "other";
    }).toThrow(TypeError);
    for (const absent of ["location", "sourceRestorePointId", "replication", "autoExcludedDisks"]) {
      expect(Object.keys(rp)).toContain(absent);
      expect(rp[absent as keyof typeof rp]).toBeUndefined();
    }
  });

  it("keep every member through a spread, structuredClone and JSON", () => {
    const rp = toVmRestorePoint(restorePointBody("rp1"));
    const members = Object.keys(rp).sort();
    // Every member the interface documents, so a member that is not an own property shows here.
    expect(members).toEqual(
      [
        "id",
        "name",
        "collectionName",
        "resourceGroup",
        "location",
        "createdOn",
        "provisioningState",
        "consistencyMode",
        "excludedDiskIds",
        "sourceRestorePointId",
        "instantAccessDurationMinutes",
        "sourceMetadata",
        "diskRestorePoints",
        "replication",
        "autoExcludedDisks",
        "raw",
      ].sort(),
    );
    const spread = { ...rp };
    expect(spread).toStrictEqual({ ...rp });
    expect(spread.diskRestorePoints).toHaveLength(2);
    expect(spread.sourceMetadata?.vmSize).toBe("Standard_D2s_v5");
    const cloned = structuredClone(rp);
    expect(cloned).toEqual(rp);
    expect(cloned.createdOn).toBeInstanceOf(Date);
    expect(cloned.createdOn?.getTime()).toBe(rp.createdOn?.getTime());
    expect(cloned.diskRestorePoints.map((d) => d.name)).toEqual(rp.diskRestorePoints.map((d) => d.name));
    expect(cloned.sourceMetadata?.dataDisks[0]?.lun).toBe(0);
    const json = JSON.parse(JSON.stringify(rp)) as Record<string, unknown>;
    const defined = members.filter((key) => rp[key as keyof typeof rp] !== undefined);
    expect(Object.keys(json).sort()).toEqual(defined);
  });

  it("keep a copy's replication and a create's auto-excluded disks through structuredClone", () => {
    const copy = toVmRestorePoint(
      restorePointBody("copy", {
        sourceRestorePointId: restorePointId("rp1", "source"),
        replication: [
          ["ReplicationState/replicating", 40],
          ["ReplicationState/succeeded", 100],
        ],
      }),
    );
    expect(structuredClone(copy).replication).toEqual(copy.replication);
    expect({ ...copy }.replication?.disks).toHaveLength(2);
    const created = toVmRestorePointWith(restorePointBody("rp1"), {
      autoExcludedDisks: [{ diskId: DATA_DISK_ID, reason: "shared disk (maxShares 2)" }],
    });
    expect(structuredClone(created).autoExcludedDisks).toEqual(created.autoExcludedDisks);
    expect(Object.isFrozen(created.autoExcludedDisks)).toBe(true);
  });

  it("serialize their computed members with JSON.stringify", () => {
    const rp = toVmRestorePoint(restorePointBody("rp1"));
    const json = JSON.parse(JSON.stringify(rp)) as Record<string, unknown>;
    expect(json).toMatchObject({ name: "rp1", collectionName: "rpc1", resourceGroup: "rg1" });
    expect(json["diskRestorePoints"]).toHaveLength(2);
    expect(json["sourceMetadata"]).toMatchObject({ vmSize: "Standard_D2s_v5" });
    expect(json["createdOn"]).toBe("2026-11-25T08:00:00.123Z");
    expect(json["raw"]).toEqual(restorePointBody("rp1"));
  });

  it("read names from ids whatever their casing, and fall back to the id for the name", () => {
    const body = restorePointBody("rp1");
    const id = String(body["id"])
      .replace("resourceGroups", "RESOURCEGROUPS")
      .replace("restorePointCollections", "RestorePointCollections");
    const rp = toVmRestorePoint({ ...body, id, name: undefined });
    expect(rp).toMatchObject({ name: "rp1", collectionName: "rpc1", resourceGroup: "rg1" });
    expect(toVmRestorePoint({ id: "" })).toMatchObject({ name: "", collectionName: "", resourceGroup: "" });
  });
});

describe("ReplicationProgress", () => {
  const progress = (replication: Array<[string, number]>, extra: { sourceless?: boolean } = {}) => {
    const body = restorePointBody("copy", {
      ...(extra.sourceless === true ? {} : { sourceRestorePointId: restorePointId("rp1", "source") }),
      replication,
    });
    return toReplicationProgress(body, toVmRestorePoint(body).sourceMetadata);
  };

  it("weights by disk size (30 GB at 100 %, 90 GB at 50 % = 62.5 %)", () => {
    expect(
      progress([
        ["ReplicationState/succeeded", 100],
        ["ReplicationState/replicating", 50],
      ]),
    ).toMatchObject({ state: "InProgress", percentComplete: 62.5 });
  });

  it("is Succeeded at 100 % once every disk succeeded", () => {
    expect(
      progress([
        ["ReplicationState/succeeded", 100],
        ["ReplicationState/succeeded", 100],
      ]),
    ).toMatchObject({ state: "Succeeded", percentComplete: 100 });
  });

  it("is Failed when any disk failed", () => {
    expect(
      progress([
        ["ReplicationState/failed", 10],
        ["ReplicationState/succeeded", 100],
      ]).state,
    ).toBe("Failed");
  });

  it("is NotApplicable at 100 % for a restore point that is not a copy", () => {
    const p = progress([], { sourceless: true });
    expect(p).toMatchObject({ state: "NotApplicable", percentComplete: 100 });
    expect(p.disks.every((d) => d.state === "NotApplicable")).toBe(true);
  });

  it("clamps odd percentages", () => {
    expect(
      progress([
        ["ReplicationState/replicating", 140],
        ["ReplicationState/replicating", -5],
      ]).disks.map((d) => d.percentComplete),
    ).toEqual([100, 0]);
  });
});

describe("DiskRestorePoint, DiskAccess and ManagedDisk mapping", () => {
  it("maps a copied disk restore point", () => {
    const drp = toDiskRestorePoint({
      id: `${restorePointId("vmrp", "rpc")}/diskRestorePoints/TestDisk_b70cd924`,
      name: "TestDisk_b70cd924",
      properties: {
        timeCreated: "2020-09-16T04:41:35.079872+00:00",
        sourceResourceId: OS_DISK_ID,
        osType: "Windows",
        replicationState: "Succeeded",
        completionPercent: 100,
        sourceResourceLocation: "eastus2",
        logicalSectorSize: 4096,
      },
    });
    expect(drp).toMatchObject({
      name: "TestDisk_b70cd924",
      restorePointName: "vmrp",
      collectionName: "rpc",
      resourceGroup: "rg1",
      sourceDiskId: OS_DISK_ID,
      osType: "Windows",
      replicationState: "Succeeded",
      completionPercent: 100,
      sourceResourceLocation: "eastus2",
      logicalSectorSize: 4096,
    });
  });

  it("takes the SAS expiry from se= and otherwise from the duration", () => {
    const granted = new Date("2026-01-01T00:00:00Z");
    const withSe = toDiskAccess(
      {
        accessSAS:
          "https://md-x.blob.storage.azure.net/c/abcd?sv=2014&sr=b&sig=XXX&se=2026-01-01T00:05:00Z&sp=r",
      },
      granted,
      3600,
    );
    expect(withSe.expiresOn).toEqual(new Date("2026-01-01T00:05:00Z"));
    const without = toDiskAccess(
      { accessSAS: "https://x/y?sig=Z", securityDataAccessSAS: "https://x/vmgs?sig=Q" },
      granted,
      60,
    );
    expect(without.expiresOn).toEqual(new Date("2026-01-01T00:01:00Z"));
    expect(without.securityDataAccessSas).toBe("https://x/vmgs?sig=Q");
    expect(() => toDiskAccess({}, granted, 60)).toThrow(/accessSAS/);
  });

  it("maps a restored disk (recorded DiskRP body)", () => {
    const disk = toManagedDisk({
      id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/disk_000006`,
      name: "disk_000006",
      location: "westus",
      sku: { name: "Premium_LRS", tier: "Premium" },
      zones: ["2"],
      properties: {
        creationData: { createOption: "Restore", sourceResourceId: "/drp" },
        diskSizeGB: 2,
        provisioningState: "Succeeded",
        diskState: "Unattached",
      },
    });
    expect(disk).toMatchObject({
      name: "disk_000006",
      resourceGroup: "rg",
      location: "westus",
      sku: "Premium_LRS",
      zone: "2",
      sizeGB: 2,
      createOption: "Restore",
      sourceResourceId: "/drp",
      diskState: "Unattached",
    });
  });
});
