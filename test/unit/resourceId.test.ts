import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseResourceId } from "../../src/index.js";

describe("parseResourceId", () => {
  it("splits a disk restore point id", () => {
    const id =
      "/subscriptions/sub-1/resourceGroups/my-rg/providers/Microsoft.Compute/restorePointCollections/rpc" +
      "/restorePoints/rp1/diskRestorePoints/osDisk123_22b4bdfe-6c54-4f72-84d8-85d8860f0c57";
    expect(parseResourceId(id)).toEqual({
      id,
      subscriptionId: "sub-1",
      resourceGroup: "my-rg",
      provider: "Microsoft.Compute",
      resourceType: "Microsoft.Compute/restorePointCollections/restorePoints/diskRestorePoints",
      name: "osDisk123_22b4bdfe-6c54-4f72-84d8-85d8860f0c57",
      collectionName: "rpc",
      restorePointName: "rp1",
      diskRestorePointName: "osDisk123_22b4bdfe-6c54-4f72-84d8-85d8860f0c57",
    });
  });

  it("matches segment names case-insensitively and keeps value case (ARM upper-cases RGs in lists)", () => {
    const parsed = parseResourceId(
      "/SUBSCRIPTIONS/s/resourcegroups/CRPTESTAR384/PROVIDERS/microsoft.compute/RESTOREPOINTCOLLECTIONS/Rpc1",
    );
    expect(parsed.resourceGroup).toBe("CRPTESTAR384");
    expect(parsed.collectionName).toBe("Rpc1");
    expect(parsed.provider).toBe("microsoft.compute");
  });

  it("names VMs, disks, NICs, subnets and operation locations", () => {
    expect(
      parseResourceId("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm")
        .vmName,
    ).toBe("vm");
    expect(
      parseResourceId("/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d").diskName,
    ).toBe("d");
    const subnet = parseResourceId(
      "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default",
    );
    expect(subnet).toMatchObject({
      virtualNetworkName: "vnet",
      subnetName: "default",
      resourceType: "Microsoft.Network/virtualNetworks/subnets",
    });
    expect(
      parseResourceId("/subscriptions/s/providers/Microsoft.Compute/locations/eastus/operations/x"),
    ).toMatchObject({
      location: "eastus",
      name: "x",
    });
  });

  it("accepts a trailing slash and a resource group id", () => {
    expect(parseResourceId("/subscriptions/s/resourceGroups/r/")).toMatchObject({
      subscriptionId: "s",
      resourceGroup: "r",
    });
  });

  it.each([
    ["", "empty"],
    ["subscriptions/s", "no leading slash"],
    ["/subscription/s/resourceGroups/r", "wrong first segment"],
    ["/subscriptions", "no subscription"],
    ["/subscriptions/s/resourceGroups", "no group name"],
    ["/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks", "type without name"],
    ["/subscriptions/s//resourceGroups/r", "empty segment"],
  ])("throws TypeError for %j (%s)", (id) => {
    expect(() => parseResourceId(id)).toThrow(TypeError);
  });

  it("throws TypeError for non-strings", () => {
    expect(() => parseResourceId(42 as unknown as string)).toThrow(TypeError);
    expect(() => parseResourceId(undefined as unknown as string)).toThrow(TypeError);
  });

  it("round-trips any generated collection/restore point id", () => {
    // `.` and `..` are refused (see below), every other segment of these characters round-trips.
    const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/).filter((s) => s !== "." && s !== "..");
    fc.assert(
      fc.property(segment, segment, segment, segment, (sub, rg, c, rp) => {
        const id = `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Compute/restorePointCollections/${c}/restorePoints/${rp}`;
        const parsed = parseResourceId(id);
        return (
          parsed.subscriptionId === sub &&
          parsed.resourceGroup === rg &&
          parsed.collectionName === c &&
          parsed.restorePointName === rp &&
          parsed.name === rp
        );
      }),
    );
  });

  it("refuses . and .. segments, queries, fragments and line breaks anywhere in an id", () => {
    const base = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/c";
    for (const bad of [
      "/subscriptions/./resourceGroups/rg",
      "/subscriptions/s/resourceGroups/../providers/Microsoft.Compute/restorePointCollections/c",
      `${base}/restorePoints/.`,
      `${base}/restorePoints/..`,
      `${base}?x=1`,
      `${base}#f`,
      `${base}\n`,
      `${base}/restorePoints/p\u0000`,
    ]) {
      expect(() => parseResourceId(bad), JSON.stringify(bad)).toThrow(TypeError);
    }
    expect(parseResourceId(`${base}/restorePoints/.p.`).restorePointName).toBe(".p.");
  });
});
