/**
 * The CLI's commands, run in-process through `run(argv)` against an emulator: table and JSON
 * output, exit codes per failure kind, and no secrets on stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { cliHarness, type CliHarness } from "../support/cliHarness.js";

let emu: Emulator;
let cli: CliHarness;
let vm: Awaited<ReturnType<Emulator["addVm"]>>;
const vmrp = (...args: string[]) => cli.vmrp(...args);

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 5, replicationDurationMs: 300 });
  cli = cliHarness(emu);
  vm = await emu.addVm({
    resourceGroup: "rg",
    name: "app",
    location: "eastus",
    dataDisks: [{ lun: 0 }, { lun: 1 }],
  });
});
afterAll(async () => {
  await emu.close();
  cli.dispose();
});

describe("vmrp collection / restore-point / disk-restore-point", () => {
  it("creates and shows a collection as a table and as JSON", async () => {
    const created = await vmrp(
      "collection",
      "create",
      "rg",
      "app-rpc",
      "--location",
      "eastus",
      "--source-vm",
      vm.id,
      "--tag",
      "team=web",
    );
    expect(created.code).toBe(EXIT.ok);
    expect(created.stdout).toMatch(/^NAME\s+RESOURCE GROUP\s+LOCATION/);
    expect(created.stdout).toContain("app-rpc");
    const shown = await vmrp("--output", "json", "collection", "show", "rg", "app-rpc");
    expect(shown.code).toBe(EXIT.ok);
    const body = JSON.parse(shown.stdout);
    expect(body).toMatchObject({
      name: "app-rpc",
      location: "eastus",
      sourceId: vm.id,
      tags: { team: "web" },
    });
    expect(body.raw).toBeUndefined();
  });

  it("creates, lists and shows restore points; lists their disks; JSON is parseable", async () => {
    const created = await vmrp(
      "--output",
      "json",
      "restore-point",
      "create",
      "rg",
      "app-rpc",
      "rp1",
      "--exclude-disk",
      vm.dataDiskIds[1]!,
    );
    expect(created.code).toBe(EXIT.ok);
    const point = JSON.parse(created.stdout);
    expect(point).toMatchObject({ name: "rp1", provisioningState: "Succeeded" });
    expect(point.excludedDiskIds).toEqual([vm.dataDiskIds[1]]);
    expect(point.createdOn).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const list = await vmrp("restore-point", "list", "rg", "app-rpc");
    expect(list.stdout.split("\n")[2]).toMatch(/^rp1\s/);
    const disks = await vmrp("--output", "json", "restore-point", "disks", "rg", "app-rpc", "rp1");
    const parsed = JSON.parse(disks.stdout);
    expect(parsed).toHaveLength(2);
    const shown = await vmrp("collection", "show", "rg", "app-rpc", "--restore-points");
    expect(shown.stdout).toContain("rp1");
  });

  it("grants SAS on stdout only and revokes it", async () => {
    const disks = JSON.parse(
      (await vmrp("--output", "json", "restore-point", "disks", "rg", "app-rpc", "rp1")).stdout,
    );
    const id = disks[0].id as string;
    const granted = await vmrp(
      "--output",
      "json",
      "disk-restore-point",
      "grant-access",
      id,
      "--duration",
      "600",
    );
    expect(granted.code).toBe(EXIT.ok);
    expect(JSON.parse(granted.stdout).accessSas).toMatch(/^https:\/\/.*sig=/);
    expect(granted.stderr).toBe("");
    // In table mode stdout is the URL alone, so that `url=$(vmrp ... grant-access ...)` works.
    const plainGrant = await vmrp("disk-restore-point", "grant-access", id, "--duration", "600");
    expect(plainGrant.code).toBe(EXIT.ok);
    expect(plainGrant.stdout).toMatch(/^https:\/\/\S*sig=\S*\n$/);
    expect(plainGrant.stderr).toMatch(/^SAS expires \d{4}-/);
    expect(plainGrant.stderr).not.toContain("sig=");
    const deleteBlocked = await vmrp("restore-point", "delete", "rg", "app-rpc", "rp1");
    expect(deleteBlocked.code).not.toBe(EXIT.ok);
    expect(deleteBlocked.stderr).not.toMatch(/sig=[^R]/);
    expect(deleteBlocked.stderr.trim().split("\n")).toHaveLength(1);
    const revoked = await vmrp("disk-restore-point", "revoke-access", id);
    expect(revoked.code).toBe(EXIT.ok);
  });

  it("restores a disk and reports progress of a non-copy as NotApplicable", async () => {
    const disks = JSON.parse(
      (await vmrp("--output", "json", "restore-point", "disks", "rg", "app-rpc", "rp1")).stdout,
    );
    const restored = await vmrp(
      "--output",
      "json",
      "disk-restore-point",
      "restore-disk",
      disks[1].id,
      "--disk-name",
      "restored-0",
    );
    expect(restored.code).toBe(EXIT.ok);
    expect(JSON.parse(restored.stdout)).toMatchObject({ name: "restored-0", location: "eastus" });
    const pointId = disks[0].id.replace(/\/diskRestorePoints\/.*$/, "");
    const progress = await vmrp("--output", "json", "progress", pointId);
    expect(JSON.parse(progress.stdout)).toMatchObject({ state: "NotApplicable", percentComplete: 100 });
  });
});

describe("vmrp exit codes", () => {
  it("uses 2 for usage errors, 4 for service errors, with one line on stderr", async () => {
    const unknown = await vmrp("nope");
    expect(unknown.code).toBe(EXIT.usage);
    const missing = await vmrp("collection", "create", "rg", "x", "--location", "eastus");
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toMatch(/exactly one of --source-vm and --source-collection/);
    const badDuration = await vmrp("disk-restore-point", "grant-access", "x", "--duration", "0");
    expect(badDuration.code).toBe(EXIT.usage);
    const notFound = await vmrp("collection", "show", "rg", "does-not-exist");
    expect(notFound.code).toBe(EXIT.service);
    expect(notFound.stderr).toMatch(/^vmrp: ResourceNotFound: /);
    expect(notFound.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("prints help with examples and exits 0", async () => {
    const help = await vmrp("collection", "create", "--help");
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain("Example:");
  });
});
