/**
 * Spans through the public API against the emulator, recorded by an instrumenter registered with
 * core-tracing's `useInstrumenter`, as an OpenTelemetry bridge would be.
 */
import type {
  Instrumenter,
  InstrumenterSpanOptions,
  SpanStatus,
  TracingContext,
  TracingSpan,
} from "@azure/core-tracing";
import { useInstrumenter } from "@azure/core-tracing";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import type { RestorePointClient } from "../../src/index.js";
import {
  disableBasicDataProtection,
  enableBasicDataProtection,
  runProtection,
  validateProtectionPolicy,
} from "../../src/index.js";
import { startClientOnEmulator, uniqueName } from "../support/emulatorClient.js";
import { describeEmulatorOnly, live } from "../support/target.js";

const SPAN = Symbol("recorded span");

class Context implements TracingContext {
  constructor(private readonly values = new Map<symbol, unknown>()) {}
  setValue(key: symbol, value: unknown): TracingContext {
    return new Context(new Map(this.values).set(key, value));
  }
  getValue(key: symbol): unknown {
    return this.values.get(key);
  }
  deleteValue(key: symbol): TracingContext {
    const values = new Map(this.values);
    values.delete(key);
    return new Context(values);
  }
}

class RecordedSpan implements TracingSpan {
  status: SpanStatus | undefined;
  ended = false;
  readonly attributes = new Map<string, unknown>();
  constructor(
    readonly name: string,
    readonly parent: RecordedSpan | undefined,
    readonly kind: string | undefined,
  ) {}
  setStatus(status: SpanStatus): void {
    this.status = status;
  }
  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name, value);
  }
  end(): void {
    this.ended = true;
  }
  recordException(): void {}
  isRecording(): boolean {
    return true;
  }
  /** Names of the ancestors, nearest first. */
  get ancestry(): string[] {
    const names: string[] = [];
    for (let p = this.parent; p !== undefined; p = p.parent) names.push(p.name);
    return names;
  }
}

const spans: RecordedSpan[] = [];
const instrumenter: Instrumenter = {
  startSpan(name: string, options: InstrumenterSpanOptions) {
    const parentContext = options.tracingContext ?? new Context();
    const span = new RecordedSpan(
      name,
      parentContext.getValue(SPAN) as RecordedSpan | undefined,
      options.spanKind,
    );
    spans.push(span);
    return { span, tracingContext: parentContext.setValue(SPAN, span) };
  },
  withContext: (_context, callback, ...args) => callback(...args),
  parseTraceparentHeader: () => undefined,
  createRequestHeaders: () => ({}),
};

let emu: Emulator;
let client: RestorePointClient;

// The whole file is emulator-only (see the groups below): a live run starts no emulator.
beforeAll(async () => {
  if (live) return;
  useInstrumenter(instrumenter);
  ({ emu, client } = await startClientOnEmulator({ operationDelayMs: 5 }));
});
afterAll(async () => {
  if (live) return;
  await emu.close();
});
beforeEach(() => {
  spans.length = 0;
});

const named = (name: string): RecordedSpan[] => spans.filter((s) => s.name === name);
const only = (name: string): RecordedSpan => {
  const found = named(name);
  expect(found, `spans named ${name}`).toHaveLength(1);
  return found[0]!;
};
const childrenOf = (parent: RecordedSpan): RecordedSpan[] => spans.filter((s) => s.parent === parent);

async function vmAndCollection() {
  const rg = uniqueName("rg");
  const vm = await emu.addVm({ resourceGroup: rg, name: uniqueName("vm"), location: "westeurope" });
  const collection = client.getCollectionClient(rg, uniqueName("rpc"));
  await collection.create({ location: "westeurope", sourceVmId: vm.id });
  return { rg, vm, collection };
}

describeEmulatorOnly("VM shapes", "spans of client methods", () => {
  it("names the span <ClientClass>.<method>, in the Microsoft.Compute namespace, with the HTTP span as its child", async () => {
    const { collection } = await vmAndCollection();
    spans.length = 0;
    await collection.get();
    const span = only("RestorePointCollectionClient.get");
    expect(span.parent).toBeUndefined();
    expect(span.attributes.get("az.namespace")).toBe("Microsoft.Compute");
    expect(span.status).toEqual({ status: "success" });
    expect(span.ended).toBe(true);
    const http = childrenOf(span);
    expect(http.map((s) => [s.name, s.kind])).toEqual([["HTTP GET", "client"]]);
    expect(http[0]!.attributes.get("http.status_code")).toBe(200);
  });

  it("sets the error status when the call fails", async () => {
    const missing = client
      .getCollectionClient(uniqueName("rg"), uniqueName("rpc"))
      .getRestorePointClient("rp");
    await expect(missing.get()).rejects.toMatchObject({ statusCode: 404 });
    const span = only("VmRestorePointClient.get");
    expect(span.status?.status).toBe("error");
    expect((span.status as { error?: unknown }).error).toMatchObject({ statusCode: 404 });
    expect(span.ended).toBe(true);
  });

  it("nests under the caller's tracingContext", async () => {
    const { collection } = await vmAndCollection();
    const { span: parent, tracingContext } = instrumenter.startSpan("app.operation", {
      packageName: "app",
    });
    await collection.exists({ tracingOptions: { tracingContext } });
    expect(only("RestorePointCollectionClient.exists").parent).toBe(parent);
  });

  it("traces a list page by page", async () => {
    const { rg } = await vmAndCollection();
    spans.length = 0;
    for await (const c of client.listCollections({ resourceGroup: rg })) expect(c.resourceGroup).toBe(rg);
    const pages = named("RestorePointClient.listCollections");
    expect(pages).toHaveLength(1);
    expect(childrenOf(pages[0]!).map((s) => s.name)).toEqual(["HTTP GET"]);
  });

  it("covers the start of a long-running operation; its polls are HTTP spans under it", async () => {
    const { collection } = await vmAndCollection();
    spans.length = 0;
    const poller = collection.getRestorePointClient("rp").beginCreate();
    await poller.submitted();
    const span = only("VmRestorePointClient.beginCreate");
    expect(span.ended).toBe(true);
    expect(span.status).toEqual({ status: "success" });
    const atStart = childrenOf(span).map((s) => s.name);
    expect(atStart).toContain("HTTP PUT");
    await poller;
    const all = childrenOf(span).map((s) => s.name);
    expect(all.length).toBeGreaterThan(atStart.length);
    expect(all.slice(atStart.length).every((name) => name === "HTTP GET")).toBe(true);
    expect(spans.every((s) => s.ended)).toBe(true);
  });

  it("ends a begin span with the error of a refused start", async () => {
    const missing = client
      .getCollectionClient(uniqueName("rg"), uniqueName("rpc"))
      .getRestorePointClient("rp");
    const poller = missing.beginCreate();
    await expect(poller.submitted()).rejects.toThrow();
    await expect(poller).rejects.toThrow();
    const span = only("VmRestorePointClient.beginCreate");
    expect(span.status?.status).toBe("error");
    expect(span.ended).toBe(true);
  });
});

describeEmulatorOnly("VM shapes", "spans of helpers and their steps", () => {
  it("restoreVm: a span per step, the steps' requests and client calls under them", async () => {
    const { vm, collection } = await vmAndCollection();
    const point = await collection.getRestorePointClient("rp").beginCreate();
    spans.length = 0;
    await client.restoreVm({
      restorePointId: point.id,
      vmName: uniqueName("restored"),
      subnetId: vm.subnetId,
    });
    const root = only("RestorePointClient.restoreVm");
    expect(root.parent).toBeUndefined();
    expect(childrenOf(root).map((s) => s.name)).toEqual([
      "restoreVm.preparing",
      "restoreVm.restoringDisks",
      "restoreVm.creatingNetworkInterface",
      "restoreVm.creatingVm",
    ]);
    for (const step of childrenOf(root)) expect(step.status).toEqual({ status: "success" });
    // Every HTTP request of the call belongs to one of its steps.
    const http = spans.filter((s) => s.name.startsWith("HTTP "));
    expect(http.length).toBeGreaterThan(4);
    for (const s of http) expect(s.ancestry.at(-1)).toBe("RestorePointClient.restoreVm");
    expect(http.every((s) => s.ancestry[0] !== "RestorePointClient.restoreVm")).toBe(true);
  });

  it("restoreVm: a failing step has the error status, and so has the call", async () => {
    const { vm, collection } = await vmAndCollection();
    const point = await collection.getRestorePointClient("rp").beginCreate();
    emu.injectFault({
      method: "PUT",
      pathPattern: "/virtualMachines/",
      status: 500,
      code: "InternalError",
      times: 5,
    });
    spans.length = 0;
    await expect(
      client.restoreVm({ restorePointId: point.id, vmName: uniqueName("restored"), subnetId: vm.subnetId }),
    ).rejects.toMatchObject({ step: "creatingVm" });
    expect(only("restoreVm.creatingVm").status?.status).toBe("error");
    expect(only("restoreVm.rollingBack").status).toEqual({ status: "success" });
    expect(only("RestorePointClient.restoreVm").status?.status).toBe("error");
  });

  it("beginCopyToRegion: its steps and the copy's own span under the start span", async () => {
    const { collection } = await vmAndCollection();
    const point = await collection.getRestorePointClient("rp").beginCreate();
    spans.length = 0;
    await client.beginCopyToRegion(point.id, { targetLocation: "northeurope" });
    const root = only("RestorePointClient.beginCopyToRegion");
    expect(childrenOf(root).map((s) => s.name)).toEqual(
      expect.arrayContaining([
        "beginCopyToRegion.checkingSource",
        "beginCopyToRegion.targetCollection",
        "VmRestorePointClient.beginCopy",
      ]),
    );
    expect(
      spans.filter((s) => s.name.startsWith("HTTP ")).every((s) => s.ancestry.at(-1) === root.name),
    ).toBe(true);
  });

  it("createRestorePoints: every request of the fleet run belongs to its span", async () => {
    const rg = uniqueName("rg");
    const vms = await Promise.all(
      [1, 2].map((i) => emu.addVm({ resourceGroup: rg, name: `vm${i}`, location: "westeurope" })),
    );
    spans.length = 0;
    await client.createRestorePoints(vms.map((v) => v.id));
    const root = only("RestorePointClient.createRestorePoints");
    const http = spans.filter((s) => s.name.startsWith("HTTP "));
    expect(http.length).toBeGreaterThan(2);
    expect(http.every((s) => s.ancestry.at(-1) === root.name)).toBe(true);
    expect(root.status).toEqual({ status: "success" });
  });

  it("prune: planning and each deletion under the call", async () => {
    const { collection } = await vmAndCollection();
    for (const name of ["a", "b", "c"]) await collection.getRestorePointClient(name).beginCreate();
    spans.length = 0;
    await collection.prune({ keepLast: 1 });
    const root = only("RestorePointCollectionClient.prune");
    const children = childrenOf(root).map((s) => s.name);
    expect(children[0]).toBe("prune.planning");
    expect(children.filter((n) => n === "VmRestorePointClient.beginDelete")).toHaveLength(2);
  });

  it("runProtection: gathering the facts, then one span per VM with the client calls under it", async () => {
    const { rg } = await vmAndCollection();
    const policy = validateProtectionPolicy({
      name: "traced",
      selector: { resourceGroups: [rg] },
      schedule: { everyHours: 4 },
      retention: { keepLast: 2 },
    });
    spans.length = 0;
    const result = await runProtection(client, policy);
    expect(result.summary.created).toBe(1);
    const root = only("runProtection");
    expect(childrenOf(root).map((s) => s.name)).toEqual(["runProtection.gatherFacts", "runProtection.runVm"]);
    const vmSpan = only("runProtection.runVm");
    expect(childrenOf(vmSpan).map((s) => s.name)).toContain("VmRestorePointClient.beginCreate");
  });
  it("Basic data protection: the switch's reads and PATCH under one span per call", async () => {
    const vm = await emu.addVm({
      resourceGroup: uniqueName("rg"),
      name: uniqueName("vm"),
      location: "northeurope",
    });
    spans.length = 0;
    await enableBasicDataProtection(client, vm.id);
    await disableBasicDataProtection(client, vm.id);
    for (const name of ["enableBasicDataProtection", "disableBasicDataProtection"]) {
      const root = only(name);
      const http = childrenOf(root).filter((s) => s.name.startsWith("HTTP "));
      expect(http.map((s) => s.name)).toContain("HTTP PATCH");
      expect(root.status).toEqual({ status: "success" });
    }
  });
});
