import { inspect } from "node:util";
import { AzureLogger, getLogLevel, setLogLevel } from "@azure/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restorePointBody, restorePointId, SIGNED_OPERATION_URL } from "../support/armBodies.js";
import { ARM, createFakeClient, FAKE_TOKEN, FakeHttpClient } from "../support/fakeHttpClient.js";

const SAS_SIGNATURE = "SAS-SIGNATURE-abc123";
const SAS = `https://md-x.partition.blob.storage.azure.net/c/abcd?sv=2014-02-14&sr=b&sk=key1&sig=${SAS_SIGNATURE}&se=2030-01-01T00:00:00Z&sp=r`;
const OPERATION_SIGNATURE = "Sig-Value_with";

describe("logging at verbose level", () => {
  const lines: string[] = [];
  const originalLog = AzureLogger.log;
  const originalLevel = getLogLevel();

  beforeAll(() => {
    AzureLogger.log = (...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 6 }))).join(" "));
    };
    setLogLevel("verbose");
  });

  afterAll(() => {
    AzureLogger.log = originalLog;
    setLogLevel(originalLevel);
  });

  it("logs every request at info and never a token, an Authorization value or a SAS", async () => {
    const rpUrl = `${ARM}${restorePointId("rp1")}?api-version=2025-04-01`;
    const drpName = "vm1_OsDisk_1_22b4bdfe";
    const drpUrl = `${ARM}${restorePointId("rp1")}/diskRestorePoints/${drpName}`;
    const location = `${SIGNED_OPERATION_URL}&monitor=true`;
    const fake = new FakeHttpClient()
      .on("PUT", rpUrl, { status: 201, headers: { "azure-asyncoperation": SIGNED_OPERATION_URL }, body: {} })
      .on("GET", location, { status: 200, body: { accessSAS: SAS } })
      .on("GET", SIGNED_OPERATION_URL, { status: 200, body: { status: "Succeeded" } }, 2)
      .on("GET", rpUrl, { status: 200, body: restorePointBody("rp1") })
      .on("POST", `${drpUrl}/beginGetAccess`, {
        status: 202,
        headers: { "azure-asyncoperation": SIGNED_OPERATION_URL, location },
      })
      .on("GET", `${drpUrl}?`, {
        status: 401,
        body: { error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." } },
      });
    const { client } = createFakeClient(fake);
    const rp = client.getCollectionClient("rg1", "rpc1").getRestorePointClient("rp1");
    await rp.beginCreate({ skipPreflight: true });
    const access = await rp.getDiskRestorePointClient(drpName).beginGrantAccess({ durationInSeconds: 60 });
    expect(access.accessSas).toBe(SAS);
    const error: unknown = await rp
      .getDiskRestorePointClient(drpName)
      .get()
      .catch((e: unknown) => e);

    const text = lines.join("\n");
    const ours = lines.filter((l) => l.startsWith("azure:restore-points:"));
    expect(ours.filter((l) => l.includes(" Request: ")).length).toBe(fake.requests.length);
    expect(ours.filter((l) => l.includes(" Response: ")).length).toBe(fake.requests.length);
    expect(text).toContain("p=REDACTED");
    expect(ours.some((l) => l.includes("Creating restore point 'rp1'"))).toBe(true);
    expect(text).not.toContain(FAKE_TOKEN);
    expect(text).not.toMatch(/Bearer\s/);
    expect(text).not.toContain(SAS_SIGNATURE);
    expect(text).not.toContain("sig=");
    // Request logs and our own lines never show the operation URL's signature parameters either.
    const requestAndOwnLines = lines.filter((l) => !l.startsWith("azure:core-lro:"));
    expect(requestAndOwnLines.join("\n")).not.toContain(OPERATION_SIGNATURE);

    // The error thrown to the caller is just as clean, however it is printed.
    for (const rendered of [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 8, showHidden: true }),
    ]) {
      expect(rendered).not.toContain(FAKE_TOKEN);
      expect(rendered).not.toMatch(/Bearer\s/);
    }
    const request = (error as { request?: { headers: { get(n: string): string | undefined } } }).request;
    expect(request?.headers.get("authorization")).toBeUndefined();
  });
});
