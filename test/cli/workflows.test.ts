/**
 * The CLI's long-running workflows against an emulator, in-process: copy, restore-vm, prune and
 * snapshot (progress bars on a terminal: terminal.test.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { cliHarness, type CliHarness } from "../support/cliHarness.js";

let emu: Emulator;
let cli: CliHarness;
const vmrp = (...args: string[]) => cli.vmrp(...args);

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 5, replicationDurationMs: 1500, replicationSteps: 5 });
  cli = cliHarness(emu);
  const vm = await emu.addVm({
    resourceGroup: "rg",
    name: "web",
    location: "westeurope",
    dataDisks: [{ lun: 0, sizeGB: 100 }, { lun: 1 }],
  });
  expect(
    (await vmrp("collection", "create", "rg", "web-rpc", "--location", "westeurope", "--source-vm", vm.id))
      .code,
  ).toBe(EXIT.ok);
  for (const name of ["rp-1", "rp-2", "rp-3"]) {
    expect((await vmrp("restore-point", "create", "rg", "web-rpc", name)).code).toBe(EXIT.ok);
  }
});
afterAll(async () => {
  await emu.close();
  cli.dispose();
});

const pointId = (name: string): string =>
  `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/web-rpc/restorePoints/${name}`;

describe("vmrp workflows", () => {
  it("copies to another region", async () => {
    const res = await vmrp("copy", pointId("rp-1"), "--target-location", "northeurope");
    expect(res.code, res.stderr).toBe(EXIT.ok);
    expect(res.stdout).toMatch(/rp-1\s+rg\/web-rpc-northeurope\s+northeurope\s+Succeeded 100%/);
  });

  it("shows replication progress as JSON", async () => {
    const copyId = `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/web-rpc-northeurope/restorePoints/rp-1`;
    const res = await vmrp("--output", "json", "progress", copyId);
    expect(res.code, res.stderr).toBe(EXIT.ok);
    expect(JSON.parse(res.stdout)).toMatchObject({ state: "Succeeded", percentComplete: 100 });
  });

  it("restores a whole VM", async () => {
    // The default network emu.addVm made for "web": the emulator refuses subnets that do not exist.
    const subnet = `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-westeurope/subnets/default`;
    const res = await vmrp(
      "--output",
      "json",
      "restore-vm",
      pointId("rp-2"),
      "--vm-name",
      "web-restored",
      "--subnet-id",
      subnet,
    );
    expect(res.code, res.stderr).toBe(EXIT.ok);
    const result = JSON.parse(res.stdout);
    expect(result.vmId).toMatch(/virtualMachines\/web-restored$/);
    expect(result.dataDisks.map((d: { lun: number }) => d.lun)).toEqual([0, 1]);
    // The same restore again is an idempotent re-run; another restore into the same VM name is refused.
    const clash = await vmrp(
      "restore-vm",
      pointId("rp-3"),
      "--vm-name",
      "web-restored",
      "--subnet-id",
      subnet,
    );
    expect(clash.code).not.toBe(EXIT.ok);
    expect(clash.stderr.trim().split("\n")).toHaveLength(1);
    const usage = await vmrp("restore-vm", pointId("rp-2"), "--vm-name", "x");
    expect(usage.code).toBe(EXIT.usage);
  });

  it("prunes: a dry run deletes nothing, the real run deletes what the plan said", async () => {
    const dry = await vmrp("--output", "json", "prune", "rg", "web-rpc", "--keep-last", "1", "--dry-run");
    expect(dry.code, dry.stderr).toBe(EXIT.ok);
    const plan = JSON.parse(dry.stdout);
    expect(plan.deleted).toEqual([]);
    expect(Object.keys(plan.reasons).sort()).toEqual(["rp-1", "rp-2", "rp-3"]);
    const listed = await vmrp("--output", "json", "restore-point", "list", "rg", "web-rpc");
    expect(JSON.parse(listed.stdout)).toHaveLength(3);
    const table = await vmrp("prune", "rg", "web-rpc", "--keep-last", "1", "--protect", "rp-2", "--yes");
    expect(table.code, table.stderr).toBe(EXIT.ok);
    expect(table.stdout).toMatch(/rp-3\s.*keep/);
    const after = JSON.parse(
      (await vmrp("--output", "json", "restore-point", "list", "rg", "web-rpc")).stdout,
    );
    expect(after.map((p: { name: string }) => p.name)).toContain("rp-3");
    expect(after.map((p: { name: string }) => p.name)).toContain("rp-2");
    expect((await vmrp("prune", "rg", "web-rpc")).code).toBe(EXIT.usage);
  });

  it("snapshots several VMs and reports each", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await emu.addVm({ resourceGroup: "fleet", name: `f${i}`, location: "eastus" })).id);
    const file = join(cli.dir, "vms.txt");
    writeFileSync(file, `# fleet\n${ids.slice(1).join("\n")}\n`);
    const res = await vmrp(
      "--output",
      "json",
      "snapshot",
      ids[0]!,
      "--file",
      file,
      "--restore-point-name",
      "nightly",
    );
    expect(res.code, res.stderr).toBe(EXIT.ok);
    const results = JSON.parse(res.stdout);
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    expect(results[0].restorePointId).toMatch(/restorePoints\/nightly$/);
  });
});
