import { describe, expect, it } from "vitest";
import { ArmContext } from "../../src/internal/armContext.js";
import {
  deleteResource,
  getVirtualMachine,
  putNetworkInterface,
  putVirtualMachine,
} from "../../src/lro/armResources.js";
import { getDisk, getResource, putDisk } from "../support/armResourceHelpers.js";
import { createArmPipeline } from "../../src/client/pipeline.js";
import { OPERATION_URL, VM_ID } from "../support/armBodies.js";
import { ARM, FakeCredential, FakeHttpClient, RG_PATH, SUBSCRIPTION } from "../support/fakeHttpClient.js";

function context(fake: FakeHttpClient): ArmContext {
  return new ArmContext({
    pipeline: createArmPipeline(new FakeCredential(), [`${ARM}/.default`], {
      retryOptions: { retryDelayInMs: 1 },
    }),
    httpClient: fake,
    endpoint: ARM,
    subscriptionId: SUBSCRIPTION,
    computeApiVersion: "2025-04-01",
    diskApiVersion: "2025-01-02",
    updateIntervalInMs: 0,
    replicationPollIntervalInMs: 0,
    copyRegions: "any",
  });
}

describe("internal resource helpers for the high-level operations", () => {
  it("reads VMs and disks with the right api-versions", async () => {
    const fake = new FakeHttpClient()
      .on("GET", `${ARM}${VM_ID}?api-version=2025-04-01&$expand=instanceView`, {
        body: { id: VM_ID, name: "vm1" },
      })
      .on("GET", `${ARM}${RG_PATH}/disks/d1?api-version=2025-01-02`, {
        body: {
          id: `${RG_PATH}/disks/d1`,
          name: "d1",
          location: "westeurope",
          properties: { diskSizeGB: 64 },
        },
      })
      .on(
        "GET",
        `${ARM}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/n1?api-version=2024-05-01`,
        {
          body: { id: "nic" },
        },
      );
    const ctx = context(fake);
    expect((await getVirtualMachine(ctx, "rg1", "vm1", { instanceView: true }))["name"]).toBe("vm1");
    expect((await getDisk(ctx, "rg1", "d1")).sizeGB).toBe(64);
    const nicId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/n1`;
    expect(await getResource(ctx, nicId)).toEqual({ id: "nic" });
  });

  it("writes disks, NICs and VMs as pollers and deletes any resource by id", async () => {
    const diskUrl = `${ARM}${RG_PATH}/disks/d2?api-version=2025-01-02`;
    const vmUrl = `${ARM}${RG_PATH}/virtualMachines/vm2?api-version=2025-04-01`;
    const nicUrl = `${ARM}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/n2?api-version=2024-05-01`;
    const op = `${OPERATION_URL}?api-version=2025-04-01`;
    const fake = new FakeHttpClient()
      .on("PUT", diskUrl, {
        status: 200,
        body: { id: `${RG_PATH}/disks/d2`, name: "d2", properties: { provisioningState: "Succeeded" } },
      })
      .on("PUT", nicUrl, {
        status: 201,
        body: { id: "nic2", properties: { provisioningState: "Succeeded" } },
      })
      .on("PUT", vmUrl, { status: 201, headers: { "azure-asyncoperation": op }, body: {} })
      .on("GET", op, { body: { status: "Succeeded" } }, 2)
      .on("GET", vmUrl, { body: { id: "vm2", properties: { provisioningState: "Succeeded" } } })
      .on("DELETE", vmUrl, { status: 202, headers: { "azure-asyncoperation": op } });
    const ctx = context(fake);
    expect((await putDisk(ctx, "rg1", "d2", { location: "westeurope" })).name).toBe("d2");
    expect((await putNetworkInterface(ctx, "rg1", "n2", { location: "westeurope" }))["id"]).toBe("nic2");
    expect((await putVirtualMachine(ctx, "rg1", "vm2", { location: "westeurope" }))["id"]).toBe("vm2");
    await deleteResource(ctx, `${RG_PATH}/virtualMachines/vm2`);
    expect(fake.requests.map((r) => r.method)).toEqual(["PUT", "PUT", "PUT", "GET", "GET", "DELETE", "GET"]);
    expect(fake.requests[0]!.body).toEqual({ location: "westeurope" });
  });
});
