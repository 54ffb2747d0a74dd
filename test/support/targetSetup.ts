/**
 * vitest globalSetup: reads the test target before any test file loads, so `RP_LIVE=1` with a
 * variable missing stops the run at once with one message naming them (not once per file), and a
 * run says which target it uses (and so what it skipped).
 */
import { LIVE_VARIABLES, readTargetConfig, TARGET_DOCS } from "./targetConfig.js";

export default function setup(): void {
  const config = readTargetConfig(process.env);
  if (config.kind === "live") {
    console.log(
      `Tests run against LIVE Azure: subscription ${config.subscriptionId}, group ${config.resourceGroup}, VM ${config.vmId} (${config.location}); tests marked [emulator only] are skipped`,
    );
  } else {
    // Said once per run, so a green run never pretends to have touched Azure.
    console.warn(
      `Tests run against the emulator; tests marked [live only] are SKIPPED. To run the client tests against Azure: RP_LIVE=1 with ${Object.keys(LIVE_VARIABLES).join(", ")} (${TARGET_DOCS})`,
    );
  }
}
