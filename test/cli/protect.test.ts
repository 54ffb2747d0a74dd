/**
 * `vmrp protect` through the built bin against the emulator: validate, plan, run, status and
 * report; two runs at once on the same slot, three shards as three processes, a run killed with
 * SIGKILL half way and run again. The emulator's clock drives the slots (`--at` follows it), and
 * `vmrp emulator time` / `vmrp emulator --now` move and start that clock from the command line.
 */
import { writeEmulatorConnection } from "../support/cliHarness.js";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exitCodes.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { protectionShardOf } from "../../src/index.js";
import { builtBin, childEnv, spawnVmrp } from "../support/builtBin.js";

const HOUR = 3_600_000;
const OTHER_SUB = "33333333-3333-3333-3333-333333333333";
const VM_COUNT = 12;

let emu: Emulator;
let dir: string;
let connection: string;
let policyFile: string;
const vmIds: string[] = [];

const vmrp = (args: readonly string[], timeoutMs = 60_000) =>
  spawnVmrp(["--emulator", connection, "--poll-interval-ms", "5", ...args], {
    timeoutMs,
    env: { VMRP_CONFIG_DIR: join(dir, "config") },
  });
// The expected shape is named at each call, where it documents the output being checked.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
const json = <T>(text: string): T => JSON.parse(text) as T;
/** The emulator's time, one minute into the current 4-hour slot. */
const at = (): string => emu.now().toISOString();

interface StoredPoint {
  id: string;
  name: string;
}

/** Restore points of the policy named `name`, per VM (by the collection the engine names after the VM). */
function pointsNamed(name: string): Map<string, number> {
  const state = emu.exportState() as { restorePoints: Record<string, StoredPoint> };
  const perVm = new Map<string, number>();
  for (const point of Object.values(state.restorePoints)) {
    if (point.name !== name) continue;
    const collection = point.id.split("/restorePoints/")[0] ?? "";
    perVm.set(collection.toLowerCase(), (perVm.get(collection.toLowerCase()) ?? 0) + 1);
  }
  return perVm;
}

function slotName(time: Date): string {
  const iso = time.toISOString();
  return `gold-${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

function currentSlot(): Date {
  const now = emu.now().getTime();
  return new Date(now - (now % (4 * HOUR)));
}

async function advanceToNextSlot(): Promise<void> {
  const next = currentSlot().getTime() + 4 * HOUR + 60_000;
  emu.setTime(new Date(next));
  return Promise.resolve();
}

beforeAll(async () => {
  emu = await startEmulator({
    now: new Date("2026-09-01T00:01:00Z"),
    operationDelayMs: 30,
    replicationDurationMs: 50,
  });
  dir = mkdtempSync(join(tmpdir(), "vmrp-protect-"));
  connection = join(dir, "connection.json");
  writeEmulatorConnection(emu, connection);
  for (let i = 0; i < VM_COUNT; i++) {
    const vm = await emu.addVm({
      ...(i % 3 === 2 ? { subscriptionId: OTHER_SUB } : {}),
      resourceGroup: "rg-prod",
      name: `vm${String(i).padStart(2, "0")}`,
      location: "westeurope",
      tags: { backup: "gold" },
    });
    vmIds.push(vm.id);
  }
  await emu.addVm({
    resourceGroup: "rg-prod",
    name: "silver",
    location: "westeurope",
    tags: { backup: "silver" },
  });
  policyFile = join(dir, "gold.yaml");
  writeFileSync(
    policyFile,
    [
      "name: gold",
      "selector:",
      `  subscriptions: [${emu.subscriptionId}, ${OTHER_SUB}]`,
      "  resourceGroups: [rg-prod]",
      "  tags: { backup: gold }",
      "schedule: { everyHours: 4 }",
      "retention: { keepLast: 6, keepDaily: 7 }",
      "rpo: { hours: 8 }",
      "",
    ].join("\n"),
  );
  await builtBin();
}, 120_000);

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("vmrp protect validate", () => {
  it("accepts the policy and names every problem of a bad one, with its fix (exit 2)", async () => {
    const ok = await vmrp(["protect", "validate", policyFile, "-o", "json"]);
    expect(ok.code, ok.stderr).toBe(EXIT.ok);
    expect(json<{ valid: boolean; policy: { name: string } }>(ok.stdout)).toMatchObject({
      valid: true,
      policy: { name: "gold" },
    });

    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ name: "gold", selector: {}, schedule: { everyHours: 0 } }));
    const refused = await vmrp(["protect", "validate", bad, "-o", "json"]);
    expect(refused.code).toBe(EXIT.usage);
    const issues = json<{ valid: boolean; issues: Array<{ path: string; fix: string }> }>(refused.stdout);
    expect(issues.valid).toBe(false);
    expect(issues.issues.map((i) => i.path)).toContain("/schedule/everyHours");
    expect(issues.issues.every((i) => i.fix.length > 0)).toBe(true);

    const table = await vmrp(["protect", "validate", bad]);
    expect(table.stdout).toMatch(/FIELD\s+PROBLEM\s+FIX/);
    expect(table.stderr).toContain("problem(s)");

    const missing = await vmrp(["protect", "validate", join(dir, "nope.yaml")]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain("Cannot read the policy file");
  });

  it("refuses a malformed --at or --shard as usage errors before reading Azure", async () => {
    for (const args of [
      ["--at", "yesterday"],
      ["--shard", "3/3"],
      ["--shard", "1-3"],
    ]) {
      const result = await vmrp(["protect", "plan", policyFile, ...args]);
      expect(result.code, args.join(" ")).toBe(EXIT.usage);
    }
  });
});

describe("vmrp protect plan, run, status, report", () => {
  it("plans as of --at: one create per selected VM, in both subscriptions; --query reshapes", async () => {
    const plan = await vmrp(["protect", "plan", policyFile, "--at", at(), "-o", "json"]);
    expect(plan.code, plan.stderr).toBe(EXIT.ok);
    const parsed = json<{
      slot: string;
      vms: Array<{ vmId: string; subscriptionId: string; create?: { restorePointName: string } }>;
    }>(plan.stdout);
    expect(parsed.vms.map((v) => v.vmId.toLowerCase()).sort()).toEqual(
      vmIds.map((id) => id.toLowerCase()).sort(),
    );
    expect(new Set(parsed.vms.map((v) => v.subscriptionId))).toEqual(
      new Set([emu.subscriptionId, OTHER_SUB]),
    );
    const name = slotName(currentSlot());
    expect(parsed.vms.every((v) => v.create?.restorePointName === name)).toBe(true);

    const count = await vmrp([
      "protect",
      "plan",
      policyFile,
      "--at",
      at(),
      "--query",
      "length(vms)",
      "-o",
      "tsv",
    ]);
    expect(count.stdout.trim()).toBe(String(VM_COUNT));

    const table = await vmrp(["protect", "plan", policyFile, "--at", at()]);
    expect(table.stdout.split("\n").filter((l) => l.includes(`create ${name}`))).toHaveLength(VM_COUNT);
    // Planning sends only reads.
    expect(pointsNamed(name).size).toBe(0);
  });

  it("two runs started together on the same slot create exactly one restore point per VM", async () => {
    const name = slotName(currentSlot());
    const [a, b] = await Promise.all([
      vmrp(["protect", "run", policyFile, "--at", at(), "-o", "json"]),
      vmrp(["protect", "run", policyFile, "--at", at(), "-o", "json"]),
    ]);
    expect(a.code, a.stderr).toBe(EXIT.ok);
    expect(b.code, b.stderr).toBe(EXIT.ok);
    const perVm = pointsNamed(name);
    expect(perVm.size).toBe(VM_COUNT);
    expect([...perVm.values()].every((n) => n === 1)).toBe(true);
    for (const run of [a, b]) {
      const result = json<{ summary: { vms: number; failed: number } }>(run.stdout);
      expect(result.summary).toMatchObject({ vms: VM_COUNT, failed: 0 });
    }
    // A third run finds the slot taken and has nothing to do.
    const again = await vmrp(["protect", "run", policyFile, "--at", at(), "-o", "json"]);
    expect(json<{ summary: { created: number } }>(again.stdout).summary.created).toBe(0);
  });

  it("shards 0/3, 1/3 and 2/3 as three processes together cover every VM exactly once", async () => {
    await advanceToNextSlot();
    const name = slotName(currentSlot());
    const runs = await Promise.all(
      [0, 1, 2].map((i) =>
        vmrp(["protect", "run", policyFile, "--at", at(), "--shard", `${i}/3`, "-o", "json"]),
      ),
    );
    const seen: string[] = [];
    runs.forEach((run, index) => {
      expect(run.code, run.stderr).toBe(EXIT.ok);
      const result = json<{ vms: Array<{ vmId: string; created?: string }> }>(run.stdout);
      for (const vm of result.vms) {
        expect(protectionShardOf(vm.vmId, 3)).toBe(index);
        expect(vm.created).toBe(name);
        seen.push(vm.vmId.toLowerCase());
      }
    });
    expect(seen.sort()).toEqual(vmIds.map((id) => id.toLowerCase()).sort());
    const perVm = pointsNamed(name);
    expect(perVm.size).toBe(VM_COUNT);
    expect([...perVm.values()].every((n) => n === 1)).toBe(true);
  });

  it("a run killed with SIGKILL half way is finished by the next run", async () => {
    await advanceToNextSlot();
    const name = slotName(currentSlot());
    const creates = (): number =>
      new Set(
        emu.requestLog
          .filter((e) => e.method === "PUT" && e.path.endsWith(`/restorePoints/${name}`))
          .map((e) => e.path.toLowerCase()),
      ).size;
    const bin = await builtBin();
    const child: ChildProcess = spawn(
      process.execPath,
      [
        bin,
        "--emulator",
        connection,
        "--poll-interval-ms",
        "5",
        "protect",
        "run",
        policyFile,
        "--at",
        at(),
        "--concurrency",
        "1",
      ],
      { env: childEnv({ VMRP_CONFIG_DIR: join(dir, "config") }), stdio: "ignore" },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => {
        resolve(signal);
      }),
    );
    const deadline = Date.now() + 30_000;
    while (creates() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const before = pointsNamed(name).size;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(VM_COUNT);

    const rerun = await vmrp(["protect", "run", policyFile, "--at", at(), "-o", "json"]);
    expect(rerun.code, rerun.stderr).toBe(EXIT.ok);
    const perVm = pointsNamed(name);
    expect(perVm.size).toBe(VM_COUNT);
    expect([...perVm.values()].every((n) => n === 1)).toBe(true);
    const result = json<{ summary: { created: number; failed: number } }>(rerun.stdout);
    expect(result.summary.failed).toBe(0);
    expect(result.summary.created).toBe(VM_COUNT - before);
  });

  it("status says every VM is protected, and out of RPO once the clock moves 9 hours", async () => {
    const status = await vmrp(["protect", "status", policyFile, "--at", at(), "-o", "json"]);
    expect(status.code, status.stderr).toBe(EXIT.ok);
    const parsed = json<{ summary: { total: number; protected: number }; vms: Array<{ state: string }> }>(
      status.stdout,
    );
    expect(parsed.summary).toMatchObject({ total: VM_COUNT, protected: VM_COUNT });

    const later = new Date(emu.now().getTime() + 9 * HOUR).toISOString();
    const late = await vmrp([
      "protect",
      "status",
      policyFile,
      "--at",
      later,
      "--query",
      "summary.outOfRpo",
      "-o",
      "tsv",
    ]);
    expect(late.stdout.trim()).toBe(String(VM_COUNT));

    const table = await vmrp(["protect", "status", policyFile, "--at", at()]);
    expect(table.stdout.split("\n").filter((l) => / protected /.test(l))).toHaveLength(VM_COUNT);
    expect(table.stderr).toContain(`${VM_COUNT} VM(s): ${VM_COUNT} protected`);
  });

  it("report --html writes one self-contained page with a row per VM", async () => {
    const file = join(dir, "report.html");
    const report = await vmrp(["protect", "report", policyFile, "--at", at(), "--html", file, "-o", "json"]);
    expect(report.code, report.stderr).toBe(EXIT.ok);
    expect(json<{ report: string; summary: { total: number } }>(report.stdout)).toMatchObject({
      report: file,
      summary: { total: VM_COUNT },
    });
    const html = readFileSync(file, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    for (let i = 0; i < VM_COUNT; i++) expect(html).toContain(`vm${String(i).padStart(2, "0")}`);

    const missing = await vmrp(["protect", "report", policyFile]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain("--html");
  });
});

describe("the emulator's clock from the command line", () => {
  it("vmrp emulator time shows and moves the running emulator's clock", async () => {
    const before = emu.now().getTime();
    const shown = await vmrp(["emulator", "time", "-o", "json"]);
    expect(shown.code, shown.stderr).toBe(EXIT.ok);
    expect(Date.parse(json<{ now: string }>(shown.stdout).now)).toBeGreaterThanOrEqual(before);

    const moved = await vmrp(["emulator", "time", "--advance", "90d", "-o", "json"]);
    expect(moved.code, moved.stderr).toBe(EXIT.ok);
    expect(emu.now().getTime() - before).toBeGreaterThanOrEqual(90 * 24 * HOUR);

    const back = await vmrp(["emulator", "time", "--set", "2026-01-01T00:00:00Z"]);
    expect(back.code).toBe(EXIT.service);
    expect(back.stderr).toContain("only moves forward");
  });

  it("vmrp emulator --now starts a background emulator at that time", async () => {
    const file = join(dir, "clocked.json");
    const started = await vmrp([
      "emulator",
      "--now",
      "2030-05-01T12:00:00Z",
      "--freeze-time",
      "--background",
      "--connection-file",
      file,
      "-o",
      "json",
    ]);
    expect(started.code, started.stderr).toBe(EXIT.ok);
    try {
      const time = await spawnVmrp([
        "emulator",
        "time",
        "--connection",
        file,
        "--advance",
        "4h",
        "-o",
        "json",
      ]);
      expect(time.code, time.stderr).toBe(EXIT.ok);
      expect(json<{ now: string; frozen: boolean }>(time.stdout)).toEqual({
        now: "2030-05-01T16:00:00.000Z",
        frozen: true,
      });
    } finally {
      await spawnVmrp(["emulator", "stop", "--connection", file]);
    }
  });
});
