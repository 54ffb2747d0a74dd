/**
 * Runs an emulator in its own process for benchmarks, so that the client being measured does not
 * pay for the server's CPU. Prints one JSON line with the connection, then serves until stdin ends.
 * The argument is JSON: `{ options: EmulatorOptions, vms: AddVmOptions[] }`.
 */
import { startEmulator, type AddVmOptions, type EmulatorOptions } from "../src/emulator/index.js";

const { options, vms } = JSON.parse(process.argv[2] ?? "{}") as {
  options?: EmulatorOptions;
  vms?: AddVmOptions[];
};
const emu = await startEmulator(options ?? {});
const added = [];
for (const vm of vms ?? []) added.push(await emu.addVm(vm));
process.stdout.write(
  `${JSON.stringify({ url: emu.url, subscriptionId: emu.subscriptionId, token: emu.token, certificatePem: emu.certificatePem, vms: added })}\n`,
);
process.stdin.resume();
process.stdin.on("end", () => {
  void emu.close().then(() => process.exit(0));
});
