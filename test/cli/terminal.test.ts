/**
 * What only a terminal shows, on a real pseudo-terminal (python3's pty module; no util-linux
 * `script`): confirmation prompts, progress bars, and Ctrl-C during a long command printing what
 * still runs in Azure and the command that picks it up, which then works.
 */
import { writeEmulatorConnection } from "../support/cliHarness.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { spawnVmrp } from "../support/builtBin.js";
import { hasPython, inTerminal } from "../support/terminal.js";

// Without python3 these tests cannot run; they say so, and CI (which has python3) never skips them.
const describeTerminal = hasPython || process.env["CI"] !== undefined ? describe : describe.skip;
if (!hasPython)
  console.warn("terminal.test.ts: python3 with the pty module is missing; terminal tests skipped");

let emu: Emulator;
let dir: string;
let connection: string;
const ids = {
  collection: "",
  point: (name: string) => `${ids.collection}/restorePoints/${name}`,
};

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 1500, replicationDurationMs: 2500, replicationSteps: 5 });
  dir = mkdtempSync(join(tmpdir(), "vmrp-tty-"));
  connection = join(dir, "connection.json");
  writeEmulatorConnection(emu, connection);
  const vm = await emu.addVm({
    resourceGroup: "rg",
    name: "web",
    location: "westeurope",
    dataDisks: [{ lun: 0, sizeGB: 100 }],
  });
  ids.collection = `/subscriptions/${emu.subscriptionId}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/web-rpc`;
  const args = ["--emulator", connection, "--poll-interval-ms", "50"];
  expect(
    (
      await spawnVmrp([
        ...args,
        "collection",
        "create",
        "-g",
        "rg",
        "-n",
        "web-rpc",
        "-l",
        "westeurope",
        "--source-vm",
        vm.id,
      ])
    ).code,
  ).toBe(0);
  for (const name of ["rp-1", "rp-2"]) {
    const res = await spawnVmrp([...args, "restore-point", "create", "--ids", ids.point(name)]);
    expect(res.code, res.stderr).toBe(0);
  }
}, 60_000);

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => ["--emulator", connection, "--poll-interval-ms", "50"];

describeTerminal("on a terminal", () => {
  // First: the prune needs both restore points (the test after this one deletes rp-2).
  it("asks before a prune, a collection delete and an in-place restore too; 'n' sends nothing", async () => {
    const writes = () => emu.requestLog.filter((r) => r.method !== "GET").length;
    const before = writes();
    for (const [command, question] of [
      [
        ["prune", "--ids", ids.collection, "--keep-last", "1"],
        /Delete 1 restore point\(s\) of .*web-rpc: rp-1\?/,
      ],
      [["collection", "delete", "--ids", ids.collection], /Delete .*web-rpc and every restore point in it\?/],
      [["restore-vm", ids.point("rp-1"), "--in-place"], /Replace the disks of VM/],
    ] as const) {
      const declined = await inTerminal(
        [...base(), ...command],
        [{ when: /Continue\? \[y\/N\] /, type: "n\r" }],
      );
      expect(declined.code, declined.output).toBe(EXIT.usage);
      expect(declined.output).toMatch(question);
      expect(declined.output).toMatch(/Not confirmed; nothing was sent/);
    }
    expect(writes()).toBe(before);
  }, 60_000);

  it("asks before deleting: 'n' sends nothing, 'y' deletes", async () => {
    const before = emu.requestLog.filter((r) => r.method === "DELETE").length;
    const declined = await inTerminal(
      [...base(), "restore-point", "delete", "--ids", ids.point("rp-2")],
      [{ when: /Continue\? \[y\/N\] /, type: "n\r" }],
    );
    expect(declined.code, declined.output).toBe(EXIT.usage);
    expect(declined.output).toMatch(/Not confirmed; nothing was sent/);
    expect(emu.requestLog.filter((r) => r.method === "DELETE").length).toBe(before);
    const accepted = await inTerminal(
      [...base(), "restore-point", "delete", "--ids", ids.point("rp-2")],
      [{ when: /Continue\? \[y\/N\] /, type: "y\r" }],
    );
    expect(accepted.code, accepted.output).toBe(EXIT.ok);
    expect(accepted.output).toContain(`Delete restore point ${ids.point("rp-2")}?`);
    expect(emu.requestLog.filter((r) => r.method === "DELETE").length).toBe(before + 1);
  }, 30_000);

  it("draws a copy's progress bar that advances", async () => {
    const { code, output } = await inTerminal([
      ...base(),
      "copy",
      ids.point("rp-1"),
      "--target-location",
      "northeurope",
    ]);
    expect(code, output).toBe(0);
    const percents = [...output.matchAll(/replicating \|[^|]*\| (\d+)%/g)].map((m) => Number(m[1]));
    expect(new Set(percents).size, output).toBeGreaterThanOrEqual(3);
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(output).toMatch(/web-rpc-northeurope\s+northeurope\s+Succeeded 100%/);
  }, 30_000);

  it("Ctrl-C while a restore point is being created: exit 130, what still runs, and a command that picks it up", async () => {
    const point = ids.point("rp-interrupted");
    const { code, output } = await inTerminal(
      [...base(), "restore-point", "create", "--ids", point],
      [{ when: /50% running/, type: "\u0003" }],
    );
    expect(code, output).toBe(EXIT.interrupted);
    expect(output).toContain(`Still running in Azure: restore point ${point} (being created).`);
    const resume = /Pick it up with: (.*?)\r?$/m.exec(output)?.[1];
    expect(resume).toBe(`vmrp --emulator ${connection} restore-point wait --ids ${point} --created`);
    const args = (resume ?? "").split(" ").slice(1);
    const waited = await spawnVmrp([...args, "--interval", "0.1"]);
    expect(waited.code, waited.stderr).toBe(EXIT.ok);
    const shown = await spawnVmrp([...base(), "-o", "json", "restore-point", "show", "--ids", point]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ provisioningState: "Succeeded" });
  }, 30_000);

  it("Ctrl-C during a copy prints a resume token that continues it", async () => {
    const { code, output } = await inTerminal(
      [...base(), "copy", ids.point("rp-1"), "--target-location", "eastus", "--target-name", "rp-1-east"],
      [{ when: /replicating \|[^|]*\| [1-9]\d*%/, type: "\u0003" }],
    );
    expect(code, output).toBe(EXIT.interrupted);
    expect(output).toMatch(/Still running in Azure: the copy of .*rp-1 to eastus/);
    const resume = /Pick it up with: vmrp (.*?)\r?$/m.exec(output)?.[1];
    expect(resume).toMatch(/ copy --ids \S+ --target-location eastus --resume '.+'$/);
    const token = /--resume '(.*)'$/.exec(resume ?? "")?.[1] ?? "";
    const continued = await spawnVmrp([
      ...base(),
      "-o",
      "json",
      "copy",
      "--ids",
      ids.point("rp-1"),
      "--target-location",
      "eastus",
      "--resume",
      token,
    ]);
    expect(continued.code, continued.stderr).toBe(EXIT.ok);
    expect(JSON.parse(continued.stdout)).toMatchObject({
      name: "rp-1-east",
      replication: { state: "Succeeded" },
    });
  }, 40_000);
});
