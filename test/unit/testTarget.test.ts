import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { LIVE_VARIABLES, readTargetConfig, TARGET_DOCS } from "../support/targetConfig.js";
import setup from "../support/targetSetup.js";

const vmId = "/subscriptions/sub-1/resourceGroups/app/providers/Microsoft.Compute/virtualMachines/web-1";
const complete = {
  RP_LIVE: "1",
  AZURE_SUBSCRIPTION_ID: "sub-1",
  RP_LIVE_RESOURCE_GROUP: "rp-tests",
  RP_LIVE_VM_ID: vmId,
  RP_LIVE_LOCATION: "westeurope",
};

describe("the test target switch", () => {
  it("uses the emulator without RP_LIVE, or with RP_LIVE empty or 0", () => {
    expect(readTargetConfig({})).toEqual({ kind: "emulator" });
    expect(readTargetConfig({ RP_LIVE: "", AZURE_SUBSCRIPTION_ID: "sub-1" })).toEqual({ kind: "emulator" });
    expect(readTargetConfig({ RP_LIVE: "0" })).toEqual({ kind: "emulator" });
  });

  it("reads a complete live configuration, the copy region optional", () => {
    expect(readTargetConfig(complete)).toEqual({
      kind: "live",
      subscriptionId: "sub-1",
      resourceGroup: "rp-tests",
      vmId,
      location: "westeurope",
      copyLocation: undefined,
    });
    expect(readTargetConfig({ ...complete, RP_LIVE_COPY_LOCATION: "northeurope" })).toMatchObject({
      copyLocation: "northeurope",
    });
  });

  it("fails fast with RP_LIVE=1 and variables missing, naming each of them and the docs", () => {
    const none = (): unknown => readTargetConfig({ RP_LIVE: "1" });
    expect(none).toThrow(
      `RP_LIVE=1 but these variables are not set: ${Object.keys(LIVE_VARIABLES).join(", ")}`,
    );
    expect(none).toThrow(TARGET_DOCS);
    const { RP_LIVE_VM_ID: _vm, ...withoutVm } = complete;
    expect(() => readTargetConfig({ ...withoutVm, RP_LIVE_LOCATION: "  " })).toThrow(
      /this variable|these variables/,
    );
    expect(() => readTargetConfig({ ...withoutVm, RP_LIVE_LOCATION: "  " })).toThrow(
      "not set: RP_LIVE_VM_ID, RP_LIVE_LOCATION\n",
    );
    expect(() => readTargetConfig(withoutVm)).toThrow("this variable is not set: RP_LIVE_VM_ID\n");
  });

  it("refuses switch values that look like yes but are not 1, and a VM id that is not one", () => {
    expect(() => readTargetConfig({ ...complete, RP_LIVE: "true" })).toThrow("RP_LIVE must be 1");
    expect(() => readTargetConfig({ ...complete, RP_LIVE_VM_ID: "web-1" })).toThrow(
      "RP_LIVE_VM_ID is not a virtual machine id: web-1",
    );
  });

  it("stops the whole run in globalSetup before any test file loads", () => {
    const saved = { ...process.env };
    try {
      process.env.RP_LIVE = "1";
      delete process.env.AZURE_SUBSCRIPTION_ID;
      delete process.env.RP_LIVE_RESOURCE_GROUP;
      expect(() => {
        setup();
      }).toThrow(/not set: AZURE_SUBSCRIPTION_ID, RP_LIVE_RESOURCE_GROUP/);
    } finally {
      process.env = saved;
    }
  });
});

describe("the client test files", () => {
  const root = resolve(import.meta.dirname, "..");
  const files = ["client", "copy", "guards", "restore"].flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((f) => f.endsWith(".test.ts"))
      .map((f) => `${folder}/${f}`),
  );

  it("reach an emulator of their own only in groups or tests declared emulator-only", () => {
    const undeclared = files.filter((file) => {
      const text = readFileSync(join(root, file), "utf8");
      if (!/\bstart(Emulator|ClientOnEmulator)\(/.test(text)) return false;
      // Either every top-level group is declared, or the file runs on the target and declares
      // the tests that start an emulator themselves.
      const plainGroups = /^describe\(/m.test(text);
      return plainGroups && !(text.includes("useTarget(") && text.includes("itEmulatorOnly("));
    });
    expect(files.length).toBeGreaterThan(15);
    expect(undeclared).toEqual([]);
  });
});
