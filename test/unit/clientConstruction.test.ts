import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SDK_NAME, SDK_VERSION } from "../../src/constants.js";
import { RestorePointClient } from "../../src/index.js";
import { collectionBody } from "../support/armBodies.js";
import { createFakeClient, FakeCredential, FakeHttpClient, SUBSCRIPTION } from "../support/fakeHttpClient.js";

async function firstRequest(options: ConstructorParameters<typeof RestorePointClient>[2]) {
  const fake = new FakeHttpClient().on("GET", undefined, { status: 200, body: collectionBody() });
  const { client, credential } = createFakeClient(fake, options);
  await client.getCollectionClient("rg1", "rpc1").get();
  return { request: fake.requests[0]!, scopes: credential.scopes[0], client };
}

describe("RestorePointClient construction", () => {
  it("defaults to the public cloud with its ARM scope", async () => {
    const { request, scopes, client } = await firstRequest({});
    expect(request.url).toBe(
      `https://management.azure.com/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Compute/restorePointCollections/rpc1?api-version=2025-04-01`,
    );
    expect(scopes).toEqual(["https://management.azure.com/.default"]);
    expect(client.endpoint).toBe("https://management.azure.com");
    expect(client.subscriptionId).toBe(SUBSCRIPTION);
  });

  it.each([
    ["AzureChinaCloud", "https://management.chinacloudapi.cn"],
    ["AzureUSGovernment", "https://management.usgovcloudapi.net"],
  ] as const)("uses the endpoint and scope of %s", async (cloud, host) => {
    const { request, scopes } = await firstRequest({ cloud });
    expect(request.url.startsWith(`${host}/subscriptions/`)).toBe(true);
    expect(scopes).toEqual([`${host}/.default`]);
  });

  it("derives the scope from a custom endpoint unless credentialScopes is given", async () => {
    const custom = await firstRequest({ endpoint: "https://127.0.0.1:8443/" });
    expect(custom.request.url.startsWith("https://127.0.0.1:8443/subscriptions/")).toBe(true);
    expect(custom.scopes).toEqual(["https://127.0.0.1:8443/.default"]);
    const explicit = await firstRequest({
      endpoint: "https://127.0.0.1:8443",
      credentialScopes: ["api://emu/.default"],
    });
    expect(explicit.scopes).toEqual(["api://emu/.default"]);
  });

  it("sends the bearer token and identifies the package in the User-Agent", async () => {
    const { request } = await firstRequest({ userAgentOptions: { userAgentPrefix: "my-app/2.0" } });
    expect(request.headers["authorization"]).toMatch(/^Bearer /);
    expect(request.headers["user-agent"]).toMatch(
      new RegExp(`^my-app/2\\.0 ${SDK_NAME}/${SDK_VERSION.replace(/\./g, "\\.")} `),
    );
  });

  it("lets the api-versions be overridden", async () => {
    const { request } = await firstRequest({ computeApiVersion: "2024-11-01", diskApiVersion: "2024-03-02" });
    expect(request.url).toMatch(/api-version=2024-11-01$/);
  });

  it("rejects bad arguments before any request", () => {
    const cred = new FakeCredential();
    expect(() => new RestorePointClient(SUBSCRIPTION, cred, { computeApiVersion: "2021-02-01" })).toThrow(
      RangeError,
    );
    expect(() => new RestorePointClient(SUBSCRIPTION, cred, { computeApiVersion: "latest" })).toThrow(
      RangeError,
    );
    expect(
      () => new RestorePointClient(SUBSCRIPTION, cred, { computeApiVersion: "2021-03-01" }),
    ).not.toThrow();
    expect(() => new RestorePointClient("", cred)).toThrow(TypeError);
    expect(() => new RestorePointClient(SUBSCRIPTION, {} as unknown as FakeCredential)).toThrow(TypeError);
    expect(() => new RestorePointClient(SUBSCRIPTION, cred, { endpoint: "http://127.0.0.1:1" })).toThrow(
      /https/,
    );
    expect(() => new RestorePointClient(SUBSCRIPTION, cred, { endpoint: "not a url" })).toThrow(TypeError);
    expect(() => new RestorePointClient(SUBSCRIPTION, cred, { cloud: "Mars" as "AzureChinaCloud" })).toThrow(
      RangeError,
    );
    expect(() => new RestorePointClient(SUBSCRIPTION, cred, { updateIntervalInMs: -1 })).toThrow(RangeError);
    expect(() => new RestorePointClient(SUBSCRIPTION, cred, { copyRegions: "all" as "any" })).toThrow(
      TypeError,
    );
  });

  it("keeps SDK_VERSION in sync with package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      name: string;
      version: string;
    };
    expect([SDK_NAME, SDK_VERSION]).toEqual([pkg.name, pkg.version]);
  });
});

describe("restoreVm / restoreVmInPlace arguments", () => {
  it("reject bad arguments with TypeError before any request", async () => {
    const fake = new FakeHttpClient();
    const { client } = createFakeClient(fake);
    await expect(client.restoreVm({ restorePointId: "/x", vmName: "vm" })).rejects.toThrow(TypeError);
    await expect(client.restoreVmInPlace({ restorePointId: "/x", vmId: "/y" })).rejects.toThrow(TypeError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("sub-client getters", () => {
  const fake = new FakeHttpClient();
  const { client } = createFakeClient(fake);

  it("are synchronous, send nothing and expose ids", () => {
    const collection = client.getCollectionClient("rg1", "rpc1");
    const point = collection.getRestorePointClient("rp1");
    const disk = point.getDiskRestorePointClient("vm1_OsDisk_1_22b4bdfe-6c54-4f72-84d8-85d8860f0c57");
    expect(collection.id).toBe(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg1/providers/Microsoft.Compute/restorePointCollections/rpc1`,
    );
    expect([point.name, point.collectionName, point.resourceGroup]).toEqual(["rp1", "rpc1", "rg1"]);
    expect(point.id).toBe(`${collection.id}/restorePoints/rp1`);
    expect(disk.id).toBe(`${point.id}/diskRestorePoints/vm1_OsDisk_1_22b4bdfe-6c54-4f72-84d8-85d8860f0c57`);
    expect(disk.name).toBe("vm1_OsDisk_1_22b4bdfe-6c54-4f72-84d8-85d8860f0c57");
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    [() => client.getCollectionClient("", "c"), TypeError],
    [() => client.getCollectionClient(1 as unknown as string, "c"), TypeError],
    [() => client.getCollectionClient("rg", ""), TypeError],
    [() => client.getCollectionClient("rg", "a".repeat(81)), RangeError],
    [() => client.getCollectionClient("rg", "ends.with.dot."), RangeError],
    [() => client.getCollectionClient("rg", "has/slash"), RangeError],
    [() => client.getCollectionClient("r".repeat(91), "c"), RangeError],
    [() => client.getCollectionClient("rg.", "c"), RangeError],
    [() => client.getCollectionClient("rg", "c").getRestorePointClient("bad name"), RangeError],
    [
      () =>
        client.getCollectionClient("rg", "c").getRestorePointClient("rp").getDiskRestorePointClient("a?b"),
      RangeError,
    ],
  ])("validates names locally (%#)", (call, errorType) => {
    expect(call).toThrow(errorType);
  });

  it("accepts ARM-legal names at the limits", () => {
    expect(() => client.getCollectionClient("Rg_(x)-1.ü", "a".repeat(80))).not.toThrow();
    expect(() => client.getCollectionClient("r".repeat(90), "c-1_2.3")).not.toThrow();
  });
});
