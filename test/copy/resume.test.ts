import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient, RestorePointClientOptions, VmRestorePoint } from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly } from "../support/target.js";

const CHILD = fileURLToPath(new URL("./support/copyChild.ts", import.meta.url));

let emu: Emulator;
let client: RestorePointClient;
let newClient: (options?: RestorePointClientOptions) => RestorePointClient;

beforeAll(async () => {
  // Ten steps of 10 % over 1 s: the child stops at 30 %, well before the end.
  const started = await startClientOnEmulator({ replicationDurationMs: 1000, replicationSteps: 10 });
  ({ emu, client } = started);
  newClient = started.newClient;
});
afterAll(async () => {
  await emu.close();
});

/** Runs the child (asynchronously: the emulator answers it from this process's event loop). */
function runChild(args: string[]): Promise<{ percent: number; serialized: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env: {
        ...process.env,
        EMU_URL: emu.url,
        EMU_TOKEN: emu.token,
        EMU_CA: emu.certificatePem,
        EMU_SUBSCRIPTION: emu.subscriptionId,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`child exited with ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}"));
    });
  });
}

async function sourcePoint(): Promise<VmRestorePoint> {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({
    resourceGroup: rg,
    name: uniqueName("vm"),
    location: "westeurope",
    dataDisks: [{ lun: 0, sizeGB: 100 }],
  });
  const collection = client.getCollectionClient(rg, uniqueName("src"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  return collection.getRestorePointClient(uniqueName("rp")).beginCreate();
}

describeEmulatorOnly("request log", "resuming a copy in another process", () => {
  it("finishes in this process a copy serialized at ~30 % in a child, without a second copy PUT", async () => {
    const source = await sourcePoint();
    const start = emu.requestLog.length;
    const { percent, serialized } = await runChild([source.id, "northeurope", "30"]);
    expect(percent).toBeGreaterThanOrEqual(30);
    expect(percent).toBeLessThan(100);
    expect(serialized).not.toContain(emu.token);

    // A fresh client, as a new process would have.
    const resumedClient = newClient();
    const poller = resumedClient.beginCopyToRegion(source.id, {
      targetLocation: "northeurope",
      resumeFrom: serialized,
    });
    const seen: number[] = [];
    poller.onProgress((s) => {
      if (s.replication) seen.push(s.replication.percentComplete);
    });
    const copy = await poller;

    expect(copy.sourceRestorePointId).toBe(source.id);
    expect(copy.replication).toMatchObject({ state: "Succeeded", percentComplete: 100 });
    // It continued the replication wait: it saw progress below 100 before the end.
    expect(seen[0]).toBeGreaterThanOrEqual(percent);
    expect(seen.some((p) => p < 100)).toBe(true);
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const writes = emu.requestLog.slice(start).filter((r) => r.method !== "GET");
    const copyPath = `/restorePoints/${source.name}`;
    expect(writes.filter((r) => r.method === "PUT" && r.path.endsWith(copyPath))).toHaveLength(1);
    expect(
      writes.filter((r) => r.method === "PUT" && /\/restorePointCollections\/[^/]+$/.test(r.path)),
    ).toHaveLength(1);
    expect(writes).toHaveLength(2);
    // And it serializes again, for yet another process.
    expect(JSON.parse(await poller.serialize())).toMatchObject({
      copyToRegion: {
        sourceRestorePointId: source.id,
        targetLocation: "northeurope",
        waitForReplication: true,
      },
    });
  });

  it("refuses a resumeFrom of another copy, synchronously", async () => {
    const source = await sourcePoint();
    const poller = client.beginCopyToRegion(source.id, {
      targetLocation: "eastus",
      waitForReplication: false,
    });
    await poller.submitted();
    const serialized = await poller.serialize();
    await poller;
    expect(() =>
      client.beginCopyToRegion(source.id, { targetLocation: "westus", resumeFrom: serialized }),
    ).toThrow(/target region is 'eastus'/);
    expect(() =>
      client.beginCopyToRegion(source.id, {
        targetLocation: "eastus",
        targetRestorePointName: "other",
        resumeFrom: serialized,
      }),
    ).toThrow(RangeError);
    const other = await sourcePoint();
    expect(() =>
      client.beginCopyToRegion(other.id, { targetLocation: "eastus", resumeFrom: serialized }),
    ).toThrow(/source restore point/);
  });
});
