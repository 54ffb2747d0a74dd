import { createEmptyPipeline, createPipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { armRetryPolicy, markIdempotent, parseRetryAfterHeaders } from "../../src/internal/retryPolicy.js";
import { collectionBody, collectionUrlPath } from "../support/armBodies.js";
import { ARM, createFakeClient, FakeHttpClient } from "../support/fakeHttpClient.js";

const URL_ = `${ARM}${collectionUrlPath()}?api-version=2025-04-01`;
const throttled = {
  status: 429,
  body: {
    error: {
      code: "OperationNotAllowed",
      details: [{ code: "TooManyRequests", target: "HighCostGetRestorePoint3Min" }],
    },
  },
};
const ok = { status: 200, body: collectionBody() };

async function getCollection(fake: FakeHttpClient, maxRetries?: number) {
  const { client } = createFakeClient(
    fake,
    maxRetries === undefined ? {} : { retryOptions: { maxRetries, retryDelayInMs: 1, maxRetryDelayInMs: 2 } },
  );
  return client.getCollectionClient("rg1", "rpc1").get();
}

describe("retries through the client pipeline", () => {
  it("retries a 429 that has no Retry-After (the stock policy does not)", async () => {
    const fake = new FakeHttpClient().sequence("GET", URL_, throttled, throttled, ok);
    await expect(getCollection(fake)).resolves.toMatchObject({ name: "rpc1" });
    expect(fake.requests).toHaveLength(3);
  });

  it("honours Retry-After / retry-after-ms on 429 and 503", async () => {
    const fake = new FakeHttpClient().sequence(
      "GET",
      URL_,
      { ...throttled, headers: { "retry-after-ms": "20" } },
      { status: 503, headers: { "retry-after": "0" } },
      ok,
    );
    await getCollection(fake);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(15);
  });

  it("retries 5xx and network errors on idempotent requests", async () => {
    const fake = new FakeHttpClient().sequence(
      "GET",
      URL_,
      { status: 500 },
      { networkError: "ECONNRESET" },
      { status: 408 },
      ok,
    );
    await getCollection(fake);
    expect(fake.requests).toHaveLength(4);
  });

  it("gives up after maxRetries and throws the last 429 as RestError", async () => {
    const fake = new FakeHttpClient().on("GET", URL_, throttled, Infinity);
    await expect(getCollection(fake, 2)).rejects.toMatchObject({
      name: "RestError",
      statusCode: 429,
      code: "OperationNotAllowed",
    });
    expect(fake.requests).toHaveLength(3);
  });

  it("throws a transport error after the retries without the Authorization header on it", async () => {
    const fake = new FakeHttpClient().on("GET", URL_, { networkError: "ECONNREFUSED" }, Infinity);
    const error: unknown = await getCollection(fake, 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RestError", code: "ECONNREFUSED" });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.headers["authorization"]).toMatch(/^Bearer /);
    const request = (error as { request?: { url: string; headers: { get(n: string): string | undefined } } })
      .request;
    expect(request?.headers.get("authorization")).toBeUndefined();
    expect(request?.url).toBe(URL_);
  });

  it("does not retry 4xx other than 408/429", async () => {
    const fake = new FakeHttpClient().on("GET", URL_, {
      status: 400,
      body: { error: { code: "BadRequest", message: "api-version" } },
    });
    await expect(getCollection(fake)).rejects.toMatchObject({ statusCode: 400, code: "BadRequest" });
    expect(fake.requests).toHaveLength(1);
  });
});

describe("armRetryPolicy and idempotency", () => {
  const send = async (fake: FakeHttpClient, idempotent: boolean) => {
    const pipeline = createEmptyPipeline();
    pipeline.addPolicy(armRetryPolicy({ retryDelayInMs: 1, maxRetryDelayInMs: 2 }));
    const request = createPipelineRequest({ url: "https://h/x/beginGetAccess", method: "POST" });
    if (idempotent) markIdempotent(request);
    return pipeline.sendRequest(fake, request);
  };

  it("never resends a POST that is not marked idempotent after a 5xx or network error", async () => {
    const fake = new FakeHttpClient().sequence("POST", "https://h/x", { status: 500 }, { status: 200 });
    expect((await send(fake, false)).status).toBe(500);
    const network = new FakeHttpClient().sequence(
      "POST",
      "https://h/x",
      { networkError: "ECONNRESET" },
      { status: 200 },
    );
    await expect(send(network, false)).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(network.requests).toHaveLength(1);
  });

  it("does resend an idempotent POST, and any POST that was throttled", async () => {
    const fake = new FakeHttpClient().sequence("POST", "https://h/x", { status: 500 }, { status: 200 });
    expect((await send(fake, true)).status).toBe(200);
    const throttledPost = new FakeHttpClient().sequence(
      "POST",
      "https://h/x",
      { status: 429 },
      { status: 200 },
    );
    expect((await send(throttledPost, false)).status).toBe(200);
  });

  it("parses the three Retry-After header forms", () => {
    const h = (headers: Record<string, string>) => (name: string) => headers[name];
    expect(parseRetryAfterHeaders(h({ "retry-after": "2" }))).toBe(2000);
    expect(parseRetryAfterHeaders(h({ "retry-after-ms": "150", "retry-after": "9" }))).toBe(150);
    expect(parseRetryAfterHeaders(h({ "x-ms-retry-after-ms": "7" }))).toBe(7);
    const inFuture = new Date(Date.now() + 5000).toUTCString();
    expect(parseRetryAfterHeaders(h({ "retry-after": inFuture }))).toBeGreaterThan(3000);
    expect(parseRetryAfterHeaders(h({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfterHeaders(h({}))).toBeUndefined();
  });
});
