/**
 * Runs an emulator in its own process for benchmarks, so that the client being measured does not
 * pay for the server's CPU. Prints one JSON line with the connection, then serves until stdin ends.
 * The argument is JSON: `{ options: EmulatorOptions, vms: AddVmOptions[] }`, or `@FILE` naming a file
 * that holds it (an estate of thousands of VMs is too long for a command line).
 */
import { readFileSync } from "node:fs";
import { startEmulator, type AddVmOptions, type EmulatorOptions } from "../src/emulator/index.js";

const argument = process.argv[2] ?? "{}";
const { options, vms } = JSON.parse(
  argument.startsWith("@") ? readFileSync(argument.slice(1), "utf8") : argument,
) as {
  options?: EmulatorOptions;
  vms?: AddVmOptions[];
};
// JSON carries the start of the clock as a string.
const now: unknown = options?.now;
const emu = await startEmulator({ ...options, ...(typeof now === "string" ? { now: new Date(now) } : {}) });
const added = [];
for (const vm of vms ?? []) added.push(await emu.addVm(vm));
process.stdout.write(
  `${JSON.stringify({ url: emu.url, subscriptionId: emu.subscriptionId, token: emu.token, certificatePem: emu.certificatePem, vms: added })}\n`,
);
const cpuAtReady = process.cpuUsage();
const requestsAtReady = emu.requestLog.length;
process.stdin.resume();
process.stdin.on("end", () => {
  if (process.env["VMRP_BENCH_EMULATOR_CPU"] === "1") {
    // Whether the emulator was the bottleneck: its CPU while serving, per request.
    const used = process.cpuUsage(cpuAtReady);
    const requests = emu.requestLog.length - requestsAtReady;
    const ms = (used.user + used.system) / 1000;
    process.stderr.write(
      `  emulator: ${requests} requests, ${(ms / 1000).toFixed(1)} s CPU, ${(ms / Math.max(1, requests)).toFixed(2)} ms each\n`,
    );
  }
  void emu.close().then(() => process.exit(0));
});
