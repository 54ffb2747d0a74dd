/**
 * Which target the client tests run against, read from the environment once: the emulator (the
 * default) or a live Azure subscription (`RP_LIVE=1` plus the variables below). Pure, so a unit
 * test pins the rules; test/support/target.ts builds the clients from it.
 */

/** The variables a live run needs, in the order the error message names them. */
export const LIVE_VARIABLES = {
  AZURE_SUBSCRIPTION_ID: "the subscription the tests write to",
  RP_LIVE_RESOURCE_GROUP: "a resource group the tests may create collections and disks in",
  RP_LIVE_VM_ID: "the ARM id of a running VM with managed disks in that subscription",
  RP_LIVE_LOCATION: "the VM's region",
} as const;

/** Optional live variables: each unlocks tests that need it, the rest skip visibly without it. */
export const OPTIONAL_LIVE_VARIABLES = {
  RP_LIVE_COPY_LOCATION: "a second region, for cross-region copies (a CROSS_REGION_SUPPORTED_REGIONS pair)",
} as const;

export type TargetConfig =
  | { readonly kind: "emulator" }
  | {
      readonly kind: "live";
      readonly subscriptionId: string;
      readonly resourceGroup: string;
      readonly vmId: string;
      readonly location: string;
      readonly copyLocation: string | undefined;
    };

/** Where the live variables are explained; named in every error about them. */
export const TARGET_DOCS = "docs/guides/testing-with-the-emulator.md#one-suite-two-targets";

/**
 * Reads the target from `env`. `RP_LIVE=1` with a variable missing (or empty) throws, naming every
 * missing variable, so a live run fails before any test instead of quietly testing the emulator.
 * Any other `RP_LIVE` value than "1" or unset is refused too: `RP_LIVE=true` must not mean "emulator".
 */
export function readTargetConfig(env: Readonly<Record<string, string | undefined>>): TargetConfig {
  const switchValue = env.RP_LIVE;
  if (switchValue === undefined || switchValue === "" || switchValue === "0") return { kind: "emulator" };
  if (switchValue !== "1") {
    throw new Error(`RP_LIVE must be 1 (live Azure) or unset (emulator), not ${JSON.stringify(switchValue)}`);
  }
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };
  const missing = Object.keys(LIVE_VARIABLES).filter((name) => value(name) === undefined);
  if (missing.length > 0) {
    const lines = missing.map((name) => `  ${name}: ${LIVE_VARIABLES[name as keyof typeof LIVE_VARIABLES]}`);
    throw new Error(
      `RP_LIVE=1 but ${missing.length === 1 ? "this variable is" : "these variables are"} not set: ${missing.join(", ")}\n${lines.join("\n")}\nSee ${TARGET_DOCS}`,
    );
  }
  const vmId = value("RP_LIVE_VM_ID")!;
  if (
    !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i.test(
      vmId,
    )
  ) {
    throw new Error(`RP_LIVE_VM_ID is not a virtual machine id: ${vmId}\nSee ${TARGET_DOCS}`);
  }
  return {
    kind: "live",
    subscriptionId: value("AZURE_SUBSCRIPTION_ID")!,
    resourceGroup: value("RP_LIVE_RESOURCE_GROUP")!,
    vmId,
    location: value("RP_LIVE_LOCATION")!,
    copyLocation: value("RP_LIVE_COPY_LOCATION"),
  };
}
