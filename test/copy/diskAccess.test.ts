import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { AzureLogger, getLogLevel, setLogLevel } from "@azure/logger";
import type { AzureLogLevel } from "@azure/logger";
import type { Emulator } from "../../src/emulator/index.js";
import type { DiskRestorePointClient, RestorePointClient, VmRestorePointClient } from "../../src/index.js";
import { isRestError, withDiskAccess } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

let emu: Emulator;
let client: RestorePointClient;

// Every log line of every level, to prove no SAS ever reaches one.
const logLines: string[] = [];
const sasSeen: string[] = [];
const originalLog = AzureLogger.log.bind(AzureLogger);
let originalLevel: AzureLogLevel | undefined;

beforeAll(async () => {
  originalLevel = getLogLevel();
  setLogLevel("verbose");
  AzureLogger.log = (...args: unknown[]) => {
    logLines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  };
  // Operations take 30 ms, so an abort can land while a grant is still running.
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 30 }));
});
afterAll(async () => {
  AzureLogger.log = originalLog;
  setLogLevel(originalLevel);
  await emu.close();
});

let point: VmRestorePointClient;
let disk: DiskRestorePointClient;

beforeEach(async () => {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope" });
  const collection = client.getCollectionClient(rg, uniqueName("rpc"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  point = collection.getRestorePointClient(uniqueName("rp"));
  const created = await point.beginCreate();
  disk = point.getDiskRestorePointClient(created.diskRestorePoints[0]!.name);
});

function accessCalls(since: number): string[] {
  return emu.requestLog
    .slice(since)
    .filter((r) => r.method === "POST")
    .map((r) => r.path.split("/").pop()!);
}

/** Whether the restore point can be deleted, i.e. no SAS is active on its disks. */
async function deletable(): Promise<boolean> {
  try {
    await point.beginDelete().submitted();
    return true;
  } catch (e) {
    if (isRestError(e) && e.code === "DiskRestorePointUsedByCustomer") return false;
    throw e;
  }
}

describeEmulatorOnly("request log", "SAS access to a disk restore point", () => {
  it("grants a URL, extends it with a second grant, refuses deletion until revoked", async () => {
    const access = await disk.beginGrantAccess({ durationInSeconds: 600 });
    sasSeen.push(access.accessSas);
    expect(access.accessSas).toMatch(/^https:\/\/.+\?.*sig=/);
    expect(access.expiresOn.getTime()).toBeGreaterThan(Date.now() + 590_000);
    const again = await disk.beginGrantAccess({ durationInSeconds: 1200, access: "Read" });
    expect(again.accessSas).toBe(access.accessSas);

    const error = await point
      .beginDelete()
      .submitted()
      .catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 409, code: "DiskRestorePointUsedByCustomer" });
    expect((error as Error).message).toMatch(
      /Revoke the disk restore point's access first .*beginRevokeAccess/,
    );
    expect((error as Error).message).not.toContain(access.accessSas);

    await disk.beginRevokeAccess();
    expect(await deletable()).toBe(true);
  });

  it("withDiskAccess revokes after the callback returns", async () => {
    const start = emu.requestLog.length;
    const result = await withDiskAccess(disk, { durationInSeconds: 300 }, async (access) => {
      sasSeen.push(access.accessSas);
      expect(await deletable()).toBe(false);
      return access.accessSas.length;
    });
    expect(result).toBeGreaterThan(0);
    expect(accessCalls(start)).toEqual(["beginGetAccess", "endGetAccess"]);
    expect(await deletable()).toBe(true);
  });

  it("withDiskAccess revokes when the callback throws, and rethrows its error", async () => {
    const start = emu.requestLog.length;
    const boom = new Error("copy failed");
    await expect(
      withDiskAccess(disk, { durationInSeconds: 300 }, (access) => {
        sasSeen.push(access.accessSas);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(accessCalls(start)).toEqual(["beginGetAccess", "endGetAccess"]);
    expect(await deletable()).toBe(true);
  });

  it("withDiskAccess revokes at once when aborted during the callback", async () => {
    const start = emu.requestLog.length;
    const controller = new AbortController();
    let finished = false;
    const call = withDiskAccess(
      disk,
      { durationInSeconds: 300, abortSignal: controller.signal },
      async (access) => {
        sasSeen.push(access.accessSas);
        controller.abort();
        await new Promise((r) => setTimeout(r, 300));
        finished = true;
      },
    );
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    // The revoke did not wait for the callback, which ignores the signal.
    expect(finished).toBe(false);
    expect(accessCalls(start)).toEqual(["beginGetAccess", "endGetAccess"]);
    expect(await deletable()).toBe(true);
  });

  it("withDiskAccess revokes when aborted while the grant is still running", async () => {
    const start = emu.requestLog.length;
    const controller = new AbortController();
    let called = false;
    const call = withDiskAccess(disk, { durationInSeconds: 300, abortSignal: controller.signal }, () => {
      called = true;
    });
    while (!accessCalls(start).includes("beginGetAccess")) await new Promise((r) => setTimeout(r, 2));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(called).toBe(false);
    expect(accessCalls(start)).toEqual(["beginGetAccess", "endGetAccess"]);
    // The grant completed in Azure after the revoke was sent? The revoke runs after it: no SAS left.
    await new Promise((r) => setTimeout(r, 60));
    expect(await deletable()).toBe(true);
  });

  it("overlapping withDiskAccess calls share one SAS and revoke it exactly once, after the last", async () => {
    const start = emu.requestLog.length;
    const urls: string[] = [];
    await withDiskAccess(disk, { durationInSeconds: 300 }, async (outer) => {
      urls.push(outer.accessSas);
      await withDiskAccess(disk, { durationInSeconds: 600 }, (inner) => {
        urls.push(inner.accessSas);
      });
      // The inner call ended; the outer one still holds the (same) SAS.
      expect(accessCalls(start)).toEqual(["beginGetAccess", "beginGetAccess"]);
      expect(await deletable()).toBe(false);
    });
    sasSeen.push(...urls);
    expect(urls[1]).toBe(urls[0]);
    expect(accessCalls(start)).toEqual(["beginGetAccess", "beginGetAccess", "endGetAccess"]);
    expect(await deletable()).toBe(true);
  });

  // Runs last in this file: the tests above granted, polled, revoked and failed with SAS around.
  it("never writes a SAS to the log, at any level", () => {
    expect(sasSeen.length).toBeGreaterThan(4);
    expect(logLines.some((l) => l.includes("Granting access"))).toBe(true);
    expect(logLines.some((l) => l.startsWith("azure:restore-points:info Request: POST"))).toBe(true);
    const secrets = sasSeen.flatMap((sas) => {
      const signature = new URL(sas).searchParams.get("sig") ?? "";
      expect(signature.length).toBeGreaterThan(10);
      return [sas, signature, encodeURIComponent(signature)];
    });
    const leaks = logLines.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  });

  it("withDiskAccess checks its arguments before any request", async () => {
    const start = emu.requestLog.length;
    await expect(withDiskAccess(disk, { durationInSeconds: 0 }, () => undefined)).rejects.toThrow(RangeError);
    await expect(withDiskAccess(disk, { durationInSeconds: 60 }, "x" as never)).rejects.toThrow(TypeError);
    expect(emu.requestLog.length).toBe(start);
  });
});
