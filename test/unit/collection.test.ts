import { describe, expect, it } from "vitest";
import { isRestError } from "../../src/index.js";
import { collectionBody, collectionUrlPath, restorePointBody, VM_ID } from "../support/armBodies.js";
import { ARM, createFakeClient, FakeHttpClient, SUBSCRIPTION } from "../support/fakeHttpClient.js";

const URL_ = `${ARM}${collectionUrlPath()}?api-version=2025-04-01`;

describe("RestorePointCollectionClient", () => {
  it("create sends location, source and tags (PUT 201, synchronous)", async () => {
    const fake = new FakeHttpClient().on("PUT", URL_, { status: 201, body: collectionBody() });
    const { client } = createFakeClient(fake);
    const created = await client.getCollectionClient("rg1", "rpc1").create({
      location: "westeurope",
      sourceVmId: VM_ID,
      tags: { team: "infra" },
      instantAccess: true,
      skipPreflight: true,
    });
    expect(created.sourceId).toBe(VM_ID);
    expect(fake.requests[0]!.body).toEqual({
      location: "westeurope",
      tags: { team: "infra" },
      properties: { source: { id: VM_ID }, instantAccess: true },
    });
  });

  it("create validates its options before any request", async () => {
    const fake = new FakeHttpClient();
    const collection = createFakeClient(fake).client.getCollectionClient("rg1", "rpc1");
    await expect(collection.create({ location: "westeurope" })).rejects.toThrow(TypeError);
    await expect(
      collection.create({
        location: "westeurope",
        sourceVmId: VM_ID,
        sourceCollectionId: collectionUrlPath("x"),
      }),
    ).rejects.toThrow(TypeError);
    await expect(collection.create({ location: "", sourceVmId: VM_ID })).rejects.toThrow(TypeError);
    await expect(
      collection.create({ location: "westeurope", sourceVmId: collectionUrlPath("x") }),
    ).rejects.toThrow(/virtualMachines/);
    await expect(
      collection.create({ location: "westeurope", sourceVmId: VM_ID, tags: { a: 1 as unknown as string } }),
    ).rejects.toThrow(TypeError);
    expect(fake.requests).toHaveLength(0);
  });

  it("update PATCHes tags and instant access", async () => {
    const fake = new FakeHttpClient().on("PATCH", URL_, {
      status: 200,
      body: collectionBody("rpc1", { tags: { x: "y" } }),
    });
    const updated = await createFakeClient(fake)
      .client.getCollectionClient("rg1", "rpc1")
      .update({ tags: { x: "y" }, instantAccess: false });
    expect(updated.tags).toEqual({ x: "y" });
    expect(fake.requests[0]!.body).toEqual({ tags: { x: "y" }, properties: { instantAccess: false } });
  });

  it("exists() maps 404 to false and other errors to RestError", async () => {
    const notFound = {
      status: 404,
      headers: { "x-ms-failure-cause": "gateway" },
      body: {
        error: {
          code: "ResourceNotFound",
          message:
            "The Resource 'Microsoft.Compute/restorePointCollections/rpc1' under resource group 'rg1' was not found.",
        },
      },
    };
    const fake = new FakeHttpClient()
      .on("GET", URL_, { status: 200, body: collectionBody() })
      .on("GET", URL_, notFound)
      .on("GET", URL_, notFound)
      .on("GET", URL_, { status: 403, body: { error: { code: "AuthorizationFailed", message: "no" } } });
    const collection = createFakeClient(fake).client.getCollectionClient("rg1", "rpc1");
    expect(await collection.exists()).toBe(true);
    expect(await collection.exists()).toBe(false);
    const error: unknown = await collection.get().catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404, code: "ResourceNotFound", details: notFound.body });
    await expect(collection.exists()).rejects.toMatchObject({ statusCode: 403, code: "AuthorizationFailed" });
  });

  it("listRestorePoints reads $expand=restorePoints and yields oldest first", async () => {
    const fake = new FakeHttpClient().on("GET", `${URL_}&$expand=restorePoints`, {
      status: 200,
      body: collectionBody("rpc1", {
        properties: {
          ...(collectionBody().properties as object),
          restorePoints: [
            restorePointBody("late", { timeCreated: "2026-11-25T10:00:00Z" }),
            restorePointBody("b", { timeCreated: "2026-11-25T09:00:00Z" }),
            restorePointBody("a", { timeCreated: "2026-11-25T09:00:00Z" }),
          ],
        },
      }),
    });
    const collection = createFakeClient(fake).client.getCollectionClient("rg1", "rpc1");
    const names: string[] = [];
    for await (const p of collection.listRestorePoints()) names.push(p.name);
    expect(names).toEqual(["a", "b", "late"]);
    const pages: number[] = [];
    fake.on("GET", `${URL_}&$expand=restorePoints`, { status: 200, body: collectionBody() });
    for await (const page of collection.listRestorePoints().byPage()) pages.push(page.length);
    expect(pages).toEqual([0]);
  });
});

describe("RestorePointClient.listCollections", () => {
  it("lists the subscription by nextLink, or one resource group", async () => {
    const all = `${ARM}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Compute/restorePointCollections?api-version=2025-04-01`;
    const page2 = `${all}&$skiptoken=abc`;
    const fake = new FakeHttpClient()
      .on("GET", page2, { status: 200, body: { value: [collectionBody("c2")] } })
      .on("GET", all, { status: 200, body: { value: [collectionBody("c1")], nextLink: page2 } })
      .on(
        "GET",
        `${ARM}/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Compute/restorePointCollections?`,
        {
          status: 200,
          body: { value: [collectionBody("c3")] },
        },
      );
    const { client } = createFakeClient(fake);
    const names: string[] = [];
    for await (const c of client.listCollections()) names.push(c.name);
    expect(names).toEqual(["c1", "c2"]);
    const inGroup: string[] = [];
    for await (const c of client.listCollections({ resourceGroup: "rg1" })) inGroup.push(c.name);
    expect(inGroup).toEqual(["c3"]);
    expect(() => client.listCollections({ resourceGroup: "bad/rg" })).toThrow(RangeError);
  });
});
