/**
 * The emulator from the command line alone: `vmrp emulator --seed FILE --background`, `emulator
 * add-vm` against a running emulator (its `/_emulator/` control route), and `emulator stop`.
 */
import { writeEmulatorConnection } from "../support/cliHarness.js";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConnectionFile } from "../../src/cli/connectionFile.js";
import { EXIT } from "../../src/cli/exitCodes.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { spawnVmrp } from "../support/builtBin.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "vmrp-emu-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("vmrp emulator --seed --background, and stop", () => {
  it("starts seeded from YAML, serves the seeded VMs, and stops", async () => {
    const seed = join(dir, "seed.yaml");
    writeFileSync(
      seed,
      [
        "options:",
        "  operationDelayMs: 10",
        "  replicationDurationMs: 200",
        "resourceGroups:",
        "  - name: rg",
        "    location: westeurope",
        "    virtualMachines:",
        "      - name: web",
        "        osDisk: { sizeGB: 64 }",
        "        dataDisks: [{ lun: 0, sizeGB: 128 }, { lun: 1 }]",
        "      - name: db",
        "        dataDisks: 3",
        "  - name: empty",
        "    location: northeurope",
        "",
      ].join("\n"),
    );
    const data = join(dir, "state");
    const started = await spawnVmrp([
      "-o",
      "json",
      "emulator",
      "--seed",
      seed,
      "--data-dir",
      data,
      "--background",
    ]);
    expect(started.code, started.stderr).toBe(EXIT.ok);
    const shown = JSON.parse(started.stdout) as { connectionFile: string; url: string; pid: number };
    expect(shown.connectionFile).toBe(join(data, "connection.json"));
    const connection = readConnectionFile(shown.connectionFile);
    expect(connection.url).toBe(shown.url);
    try {
      const vmrp = (...args: string[]) =>
        spawnVmrp(["--emulator", shown.connectionFile, "--poll-interval-ms", "10", ...args]);
      const vmId = `/subscriptions/${connection.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/db`;
      expect(
        (
          await vmrp(
            "collection",
            "create",
            "-g",
            "rg",
            "-n",
            "db-rpc",
            "-l",
            "westeurope",
            "--source-vm",
            vmId,
          )
        ).code,
      ).toBe(0);
      const point = await vmrp(
        "-o",
        "json",
        "restore-point",
        "create",
        "-g",
        "rg",
        "--collection-name",
        "db-rpc",
        "-n",
        "rp-1",
      );
      expect(point.code, point.stderr).toBe(EXIT.ok);
      expect((JSON.parse(point.stdout) as { diskRestorePoints: unknown[] }).diskRestorePoints).toHaveLength(
        4,
      );
      const web = await vmrp(
        "-o",
        "json",
        "collection",
        "create",
        "-g",
        "rg",
        "-n",
        "web-rpc",
        "-l",
        "westeurope",
        "--source-vm",
        vmId.replace(/db$/, "web"),
      );
      expect(web.code, web.stderr).toBe(EXIT.ok);
      const again = await vmrp("emulator", "add-vm", "-g", "rg", "-n", "web", "-l", "westeurope");
      expect(again.code).toBe(EXIT.service);
      expect(again.stderr).toMatch(/already exists/);
    } finally {
      const stopped = await spawnVmrp(["emulator", "stop", "--connection", shown.connectionFile]);
      expect(stopped.code, stopped.stderr).toBe(EXIT.ok);
    }
    expect(existsSync(shown.connectionFile)).toBe(false);
    expect(() => process.kill(shown.pid, 0)).toThrow();
  }, 60_000);

  it("refuses a seed file with an unknown key, naming where", async () => {
    const seed = join(dir, "bad.json");
    writeFileSync(seed, JSON.stringify({ resourceGroups: [{ name: "rg", location: "eastus", vms: [] }] }));
    const res = await spawnVmrp(["emulator", "--seed", seed]);
    expect(res.code).toBe(EXIT.usage);
    expect(res.stderr).toMatch(/\/resourceGroups\/0 must NOT have additional properties/);
    expect((await spawnVmrp(["emulator", "--seed", join(dir, "missing.yaml")])).code).toBe(EXIT.usage);
  });
});

describe("vmrp emulator add-vm", () => {
  let emu: Emulator;
  let connection: string;
  beforeAll(async () => {
    emu = await startEmulator({ operationDelayMs: 5 });
    connection = join(dir, "running.json");
    writeEmulatorConnection(emu, connection);
  });
  afterAll(async () => {
    await emu.close();
  });

  it("adds a VM with data disks of the given sizes to a running emulator", async () => {
    const res = await spawnVmrp([
      "-o",
      "json",
      "emulator",
      "add-vm",
      "--connection",
      connection,
      "-g",
      "rg2",
      "-n",
      "app",
      "-l",
      "eastus",
      "--data-disks",
      "2",
      "--os-disk-size",
      "40",
      "--data-disk-size",
      "256",
    ]);
    expect(res.code, res.stderr).toBe(EXIT.ok);
    const added = JSON.parse(res.stdout) as { id: string; dataDiskIds: string[]; osDiskId: string };
    expect(added.id).toMatch(/\/resourceGroups\/rg2\/providers\/Microsoft\.Compute\/virtualMachines\/app$/);
    expect(added.dataDiskIds).toHaveLength(2);
    const state = emu.exportState() as { disks: Record<string, { name: string; sizeGB: number }> };
    const sizes = Object.values(state.disks)
      .map((d) => d.sizeGB)
      .sort((a, b) => a - b);
    expect(sizes).toEqual([40, 256, 256]);
  });

  it("needs the token: a request without it is refused", async () => {
    const forged = join(dir, "forged.json");
    const real = JSON.parse(readFileSync(connection, "utf8")) as Record<string, unknown>;
    writeFileSync(forged, JSON.stringify({ ...real, token: "emulator.wrongwrongwrongwrong" }));
    const res = await spawnVmrp([
      "emulator",
      "add-vm",
      "--connection",
      forged,
      "-g",
      "rg",
      "-n",
      "x",
      "-l",
      "eastus",
    ]);
    expect(res.code).toBe(EXIT.service);
    expect(res.stderr).not.toContain("wrongwrong");
  });

  it("needs a connection file", async () => {
    const res = await spawnVmrp(["emulator", "add-vm", "-g", "rg", "-n", "x", "-l", "eastus"]);
    expect(res.code).toBe(EXIT.usage);
  });
});
