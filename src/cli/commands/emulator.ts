/**
 * `vmrp emulator`: runs the emulator in the foreground until interrupted (or, with `--background`,
 * detached, returning once it is ready), printing its URL and the path of the connection file
 * other `vmrp` processes use with `--emulator`. `--seed FILE` fills it with resource groups and VMs;
 * `vmrp emulator add-vm` adds a VM to a running one (through its control route), and
 * `vmrp emulator stop` stops one.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { readConnectionFile, writeConnectionFile, type EmulatorConnection } from "../connectionFile.js";
import { emulatorFileOf, type CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { emulatorControl } from "../emulatorControl.js";
import { delay } from "../lro.js";
import { parseChoice, parseInteger } from "../parsers.js";
import { parseAt, parseDuration } from "./protectArgs.js";
import { dataDisksOf, readSeedFile, seedPlan, type SeedFile } from "../seedFile.js";

interface EmulatorCommandOptions {
  port: number;
  dataDir?: string;
  connectionFile?: string;
  operationDelayMs?: number;
  replicationDurationMs?: number;
  seed?: string;
  background?: boolean;
  now?: Date;
  freezeTime?: boolean;
}

/** How long `--background` waits for the emulator to write its connection file. */
const READY_TIMEOUT_MS = 30_000;

function connectionFileFor(options: EmulatorCommandOptions): string {
  return resolve(
    options.connectionFile ??
      join(options.dataDir ?? mkdtempSync(join(tmpdir(), "vmrp-emulator-")), "connection.json"),
  );
}

async function applySeed(emu: Emulator, connection: EmulatorConnection, seed: SeedFile): Promise<number> {
  const plan = seedPlan(seed);
  for (const group of plan.groups)
    await emulatorControl.addResourceGroup(connection, group.name, group.location);
  for (const vm of plan.vms) await emu.addVm(vm);
  return plan.vms.length;
}

/** The connection file named by --connection, else by the global --emulator / VMRP_EMULATOR. */
function connectionOf(
  context: CliContext,
  file: string | undefined,
): { file: string; connection: EmulatorConnection } {
  const chosen = file ?? emulatorFileOf(context.globals());
  if (chosen === undefined) throw new UsageError("Give the emulator's connection file: --connection <file>.");
  return { file: chosen, connection: readConnectionFile(chosen) };
}

async function runInBackground(context: CliContext, options: EmulatorCommandOptions): Promise<void> {
  const file = connectionFileFor(options);
  // A file left by an earlier run would look ready at once.
  rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true });
  const script = process.argv[1];
  if (script === undefined)
    throw new UsageError("--background needs to know the vmrp script; run it as 'vmrp'.");
  const args = [script, "emulator", "--port", String(options.port), "--connection-file", file];
  if (options.dataDir !== undefined) args.push("--data-dir", resolve(options.dataDir));
  if (options.operationDelayMs !== undefined)
    args.push("--operation-delay-ms", String(options.operationDelayMs));
  if (options.replicationDurationMs !== undefined)
    args.push("--replication-duration-ms", String(options.replicationDurationMs));
  if (options.seed !== undefined) args.push("--seed", resolve(options.seed));
  if (options.now !== undefined) args.push("--now", options.now.toISOString());
  if (options.freezeTime === true) args.push("--freeze-time");
  const log = `${file}.log`;
  const out = openSync(log, "w");
  const child = spawn(process.execPath, [...process.execArgv, ...args], {
    detached: true,
    stdio: ["ignore", out, out],
    env: process.env,
  });
  child.unref();
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: number | null | undefined;
  child.once("exit", (code) => {
    exited = code;
  });
  while (Date.now() < deadline) {
    if (exited !== undefined)
      throw new UsageError(`The emulator exited (${String(exited)}) before it was ready; see ${log}.`);
    if (existsSync(file)) {
      try {
        const connection = readConnectionFile(file);
        if (connection.pid === child.pid) {
          printStarted(context, connection, file);
          return;
        }
      } catch {
        // Being written; look again.
      }
    }
    await delay(50, new AbortController().signal);
  }
  throw new Error(`The emulator did not get ready within ${READY_TIMEOUT_MS / 1000} s; see ${log}.`);
}

function printStarted(context: CliContext, connection: EmulatorConnection, file: string): void {
  const shown = {
    url: connection.url,
    subscriptionId: connection.subscriptionId,
    connectionFile: file,
    pid: connection.pid,
  };
  context.printer.object(shown, shown);
  context.printer.aside(`Use it with: vmrp --emulator ${file} <command> (or export VMRP_EMULATOR=${file}).`);
}

export function registerEmulatorCommand(program: Command, context: CliContext): void {
  const emulator = program
    .command("emulator")
    .description("Run the local ARM emulator in the foreground (Ctrl-C stops it), or manage a running one.")
    .option("--port <port>", "TCP port on 127.0.0.1 (0 = any free port)", parseInteger("--port", 0, 65535), 0)
    .option("--data-dir <dir>", "persist state in this directory so it survives a restart")
    .option(
      "--connection-file <file>",
      "where to write the connection file (default: <data-dir>/connection.json or a temp dir)",
    )
    .option(
      "--seed <file>",
      "start with the resource groups and VMs of this JSON or YAML file (see docs/cli.md)",
    )
    .option(
      "--operation-delay-ms <ms>",
      "how long long-running operations stay InProgress (default 500)",
      parseInteger("--operation-delay-ms", 0),
    )
    .option(
      "--replication-duration-ms <ms>",
      "how long a cross-region copy takes to reach 100 % (default 30000)",
      parseInteger("--replication-duration-ms", 0),
    )
    .option(
      "--now <time>",
      "start the emulator's clock at this time (ISO 8601); move it with 'vmrp emulator time'",
      parseAt,
    )
    .option("--freeze-time", "the clock stands still except when 'vmrp emulator time' moves it")
    .option("--background", "start detached and return once it is ready (stop it with 'vmrp emulator stop')")
    .addHelpText(
      "after",
      `
Examples:
  $ vmrp emulator --port 8443 --data-dir ./emu-state --seed seed.yaml
  $ vmrp emulator --data-dir ./emu --background
  $ vmrp emulator --now 2026-01-05T00:00:00Z --background --connection-file emu.json
  $ vmrp --emulator ./emu/connection.json collection list`,
    )
    .action(async (options: EmulatorCommandOptions) => {
      if (options.background === true) {
        await runInBackground(context, options);
        return;
      }
      const seed = options.seed === undefined ? undefined : readSeedFile(options.seed);
      const emu = await startEmulator({
        ...seed?.options,
        port: options.port,
        ...(options.operationDelayMs === undefined ? {} : { operationDelayMs: options.operationDelayMs }),
        ...(options.replicationDurationMs === undefined
          ? {}
          : { replicationDurationMs: options.replicationDurationMs }),
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        ...(options.now === undefined ? {} : { now: options.now }),
        ...(options.freezeTime === true ? { freezeTime: true } : {}),
      });
      const stopped = new Promise<void>((resolveStop) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolveStop();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      try {
        const file = connectionFileFor(options);
        const connection: EmulatorConnection = {
          url: emu.url,
          subscriptionId: emu.subscriptionId,
          token: emu.token,
          certificatePem: emu.certificatePem,
          replicationPollIntervalInMs: emu.clientOptions.replicationPollIntervalInMs,
          pid: process.pid,
        };
        // Seeded before the connection file exists: whoever waits for the file finds the VMs there.
        const seeded = seed === undefined ? 0 : await applySeed(emu, connection, seed);
        writeConnectionFile(file, connection);
        printStarted(context, connection, file);
        if (seeded > 0) context.printer.aside(`Seeded ${seeded} VM(s) from ${options.seed ?? ""}.`);
        context.printer.aside("Press Ctrl-C to stop.");
        await stopped;
      } finally {
        await emu.close();
      }
    });

  emulator
    .command("add-vm")
    .description("Add a VM with managed disks (and a NIC) to a running emulator.")
    .option("--connection <file>", "the emulator's connection file (default: --emulator / VMRP_EMULATOR)")
    .option("-g, --resource-group <name>", "resource group (created when missing; default: 'vmrp configure')")
    .requiredOption("-n, --name <name>", "VM name")
    .option("-l, --location <region>", "region (default: 'vmrp configure --defaults location=')")
    .option("--data-disks <n>", "number of data disks, LUNs 0..n-1", parseInteger("--data-disks", 0, 64), 0)
    .option(
      "--os-disk-size <GB>",
      "OS disk size in GiB (default 30)",
      parseInteger("--os-disk-size", 1, 4096),
    )
    .option(
      "--data-disk-size <GB>",
      "data disk size in GiB (default 64)",
      parseInteger("--data-disk-size", 1, 65536),
    )
    .option("--vm-size <size>", "VM size (default Standard_D2s_v5)")
    .option("--os-type <type>", "Linux or Windows", parseChoice("--os-type", ["Linux", "Windows"] as const))
    .option("--zone <zone>", "availability zone")
    .addHelpText(
      "after",
      "\nExample:\n  $ vmrp emulator add-vm --connection ./emu/connection.json -g rg -n web -l westeurope --data-disks 2",
    )
    .action(
      async (o: {
        connection?: string;
        resourceGroup?: string;
        name: string;
        location?: string;
        dataDisks: number;
        osDiskSize?: number;
        dataDiskSize?: number;
        vmSize?: string;
        osType?: "Linux" | "Windows";
        zone?: string;
      }) => {
        const { connection } = connectionOf(context, o.connection);
        const resourceGroup = o.resourceGroup ?? context.defaults("group");
        const location = o.location ?? context.defaults("location");
        if (resourceGroup === undefined) throw new UsageError("Missing -g <resource group>.");
        if (location === undefined) throw new UsageError("Missing -l <location>.");
        const added = await emulatorControl.addVm(connection, {
          resourceGroup,
          name: o.name,
          location,
          dataDisks: dataDisksOf(o.dataDisks, o.dataDiskSize),
          ...(o.osDiskSize === undefined ? {} : { osDisk: { sizeGB: o.osDiskSize } }),
          ...(o.vmSize === undefined ? {} : { vmSize: o.vmSize }),
          ...(o.osType === undefined ? {} : { osType: o.osType }),
          ...(o.zone === undefined ? {} : { zone: o.zone }),
        });
        context.printer.object(
          {
            id: added.id,
            osDiskId: added.osDiskId,
            dataDiskIds: added.dataDiskIds,
            networkInterfaceId: added.networkInterfaceId,
          },
          added,
        );
      },
    );

  emulator
    .command("time")
    .description("Show the running emulator's clock, or move it forward (--set or --advance).")
    .option("--connection <file>", "the emulator's connection file (default: --emulator / VMRP_EMULATOR)")
    .option("--set <time>", "move the clock to this time (ISO 8601; it never goes back)", parseAt)
    .option("--advance <duration>", "move the clock forward, e.g. 4h, 90d, 30m, 1500ms", parseDuration)
    .addHelpText(
      "after",
      "\nExamples:\n  $ vmrp emulator time --advance 4h\n  $ vmrp emulator time --set 2026-02-01T00:00:00Z",
    )
    .action(async (o: { connection?: string; set?: Date; advance?: number }) => {
      const { connection } = connectionOf(context, o.connection);
      if (o.set !== undefined && o.advance !== undefined)
        throw new UsageError("Give --set or --advance, not both.");
      const time =
        o.set !== undefined
          ? await emulatorControl.moveTime(connection, { now: o.set.toISOString() })
          : o.advance !== undefined
            ? await emulatorControl.moveTime(connection, { advanceMs: o.advance })
            : await emulatorControl.time(connection);
      context.printer.object({ now: time.now, frozen: time.frozen });
    });

  emulator
    .command("stop")
    .description("Stop an emulator started with 'vmrp emulator' (e.g. --background).")
    .option("--connection <file>", "the emulator's connection file (default: --emulator / VMRP_EMULATOR)")
    .action(async (o: { connection?: string }) => {
      const { file, connection } = connectionOf(context, o.connection);
      if (connection.pid === undefined) throw new UsageError(`${file} names no process to stop.`);
      try {
        process.kill(connection.pid, "SIGTERM");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
      }
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && alive(connection.pid)) await delay(50, new AbortController().signal);
      rmSync(file, { force: true });
      context.printer.object({ stopped: connection.url });
    });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
