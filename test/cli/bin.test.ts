/**
 * The built `vmrp` bin in child processes against an emulator: az-style naming and output, query,
 * error objects, defaults, safe destructive commands, --no-wait and wait, chaining output, exit codes.
 */
import { writeEmulatorConnection } from "../support/cliHarness.js";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { parse as parseYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeConnectionFile } from "../../src/cli/connectionFile.js";
import { EXIT } from "../../src/cli/exitCodes.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { RestorePointClient } from "../../src/index.js";
import { spawnVmrp, type SpawnOptions } from "../support/builtBin.js";

let emu: Emulator;
let dir: string;
let connection: string;
let vm: Awaited<ReturnType<Emulator["addVm"]>>;
let configDir: string;

const vmrp = (args: readonly string[], options: SpawnOptions = {}) =>
  spawnVmrp(["--emulator", connection, "--poll-interval-ms", "10", ...args], {
    ...options,
    env: { VMRP_CONFIG_DIR: configDir, ...options.env },
  });
const json = (text: string): unknown => JSON.parse(text);
const sub = () => emu.subscriptionId;
const collectionId = (name: string) =>
  `/subscriptions/${sub()}/resourceGroups/rg/providers/Microsoft.Compute/restorePointCollections/${name}`;
const pointId = (collection: string, name: string) => `${collectionId(collection)}/restorePoints/${name}`;

beforeAll(async () => {
  emu = await startEmulator({ operationDelayMs: 20, replicationDurationMs: 600, replicationSteps: 3 });
  dir = mkdtempSync(join(tmpdir(), "vmrp-bin-"));
  configDir = join(dir, "config");
  connection = join(dir, "connection.json");
  writeEmulatorConnection(emu, connection);
  vm = await emu.addVm({ resourceGroup: "rg", name: "web", location: "westeurope", dataDisks: [{ lun: 0 }] });
  const created = await vmrp([
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
  ]);
  expect(created.code, created.stderr).toBe(EXIT.ok);
  for (const name of ["rp-1", "rp-2"]) {
    const point = await vmrp([
      "restore-point",
      "create",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "-n",
      name,
    ]);
    expect(point.code, point.stderr).toBe(EXIT.ok);
  }
}, 60_000);

afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("az habits", () => {
  it("prints the package version with --version and -v", async () => {
    const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
    for (const flag of ["--version", "-v"]) {
      const res = await spawnVmrp([flag]);
      expect(res.code).toBe(EXIT.ok);
      expect(res.stdout.trim()).toBe(version);
    }
  });

  it("names resources with -g/-n/--collection-name, --ids (several) and the old positional form alike", async () => {
    const byFlags = await vmrp([
      "-o",
      "json",
      "restore-point",
      "show",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "-n",
      "rp-1",
    ]);
    const byPosition = await vmrp(["restore-point", "show", "rg", "web-rpc", "rp-1", "--output", "json"]);
    expect(byFlags.code, byFlags.stderr).toBe(EXIT.ok);
    expect(json(byFlags.stdout)).toEqual(json(byPosition.stdout));
    const byIds = await vmrp([
      "restore-point",
      "show",
      "--ids",
      pointId("web-rpc", "rp-1"),
      pointId("web-rpc", "rp-2"),
      "-o",
      "json",
    ]);
    expect(byIds.code, byIds.stderr).toBe(EXIT.ok);
    expect((json(byIds.stdout) as { name: string }[]).map((p) => p.name)).toEqual(["rp-1", "rp-2"]);
    const mixed = await vmrp(["restore-point", "show", "--ids", pointId("web-rpc", "rp-1"), "-n", "rp-2"]);
    expect(mixed.code).toBe(EXIT.usage);
    const wrongKind = await vmrp(["restore-point", "show", "--ids", collectionId("web-rpc")]);
    expect(wrongKind.code).toBe(EXIT.usage);
    expect(wrongKind.stderr).toMatch(/is not the id of a restore point/);
  });

  it("keeps the SDK model shape in JSON, and shows the full id in every table", async () => {
    const shown = json(
      (await vmrp(["collection", "show", "-g", "rg", "-n", "web-rpc", "-o", "json"])).stdout,
    );
    expect(shown).toMatchObject({
      id: collectionId("web-rpc"),
      name: "web-rpc",
      location: "westeurope",
      sourceId: vm.id,
    });
    expect(shown).not.toHaveProperty("raw");
    const table = await vmrp(["restore-point", "list", "-g", "rg", "--collection-name", "web-rpc"]);
    expect(table.stdout.split("\n")[0]).toMatch(/\bID$/);
    expect(table.stdout).toContain(pointId("web-rpc", "rp-1"));
  });

  it("applies --query before every output format, as az does", async () => {
    const base = ["restore-point", "list", "-g", "rg", "--collection-name", "web-rpc", "--query", "[].name"];
    expect(json((await vmrp([...base, "-o", "json"])).stdout)).toEqual(["rp-1", "rp-2"]);
    expect((await vmrp([...base, "-o", "tsv"])).stdout).toBe("rp-1\nrp-2\n");
    expect(parseYaml((await vmrp([...base, "-o", "yaml"])).stdout)).toEqual(["rp-1", "rp-2"]);
    expect((await vmrp([...base, "-o", "table"])).stdout).toMatch(/^Result\n-+\nrp-1\nrp-2\n$/);
    expect((await vmrp([...base, "-o", "none"])).stdout).toBe("");
    const jsonc = await vmrp([...base, "-o", "jsonc"]);
    expect(json(jsonc.stdout)).toEqual(["rp-1", "rp-2"]);
    const objects = await vmrp([
      "restore-point",
      "list",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "--query",
      "[].{n: name, s: provisioningState}",
      "-o",
      "tsv",
    ]);
    expect(objects.stdout).toBe("rp-1\tSucceeded\nrp-2\tSucceeded\n");
    const table = await vmrp([
      "restore-point",
      "list",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "--query",
      "[].{n: name, s: provisioningState}",
    ]);
    expect(table.stdout).toMatch(/^N\s+S\n/);
    const bad = await vmrp([...base.slice(0, -1), "[?", "-o", "json"]);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toMatch(/JMESPath/);
  });

  it("writes a JSON error object {code, message, target} to stderr with -o json", async () => {
    const missing = await vmrp(["collection", "show", "-g", "rg", "-n", "nope", "-o", "json"]);
    expect(missing.code).toBe(EXIT.service);
    expect(missing.stdout).toBe("");
    expect(json(missing.stderr)).toEqual({
      code: "ResourceNotFound",
      message: expect.stringMatching(/nope/) as unknown,
      target: collectionId("nope"),
    });
    const usage = await vmrp(["restore-point", "show", "-o", "json"]);
    expect(usage.code).toBe(EXIT.usage);
    expect(json(usage.stderr)).toMatchObject({ code: "UsageError", target: null });
  });

  it("uses configured defaults and AZURE_DEFAULTS_* (which win over the file)", async () => {
    const isolated = { VMRP_CONFIG_DIR: join(dir, "defaults") };
    const set = await vmrp(["configure", "--defaults", "group=rg", "location=westeurope"], { env: isolated });
    expect(set.code, set.stderr).toBe(EXIT.ok);
    const file = JSON.parse(readFileSync(join(dir, "defaults", "config.json"), "utf8")) as unknown;
    expect(file).toEqual({ defaults: { group: "rg", location: "westeurope" } });
    const shown = await vmrp(["-o", "json", "collection", "show", "-n", "web-rpc"], { env: isolated });
    expect(shown.code, shown.stderr).toBe(EXIT.ok);
    const fromEnv = await vmrp(["-o", "json", "collection", "show", "-n", "web-rpc"], {
      env: { ...isolated, AZURE_DEFAULTS_GROUP: "other" },
    });
    expect(json(fromEnv.stderr)).toMatchObject({
      target: expect.stringContaining("/resourceGroups/other/") as unknown,
    });
    const listed = await vmrp(["-o", "json", "configure", "--list-defaults"], { env: isolated });
    expect(json(listed.stdout)).toEqual([
      { name: "group", value: "rg", source: join(dir, "defaults", "config.json") },
      { name: "location", value: "westeurope", source: join(dir, "defaults", "config.json") },
    ]);
    const located = await vmrp(
      ["collection", "create", "-n", "defaults-rpc", "--source-vm", vm.id, "-o", "json"],
      { env: isolated },
    );
    expect(json(located.stdout)).toMatchObject({ location: "westeurope", resourceGroup: "rg" });
    const unknown = await vmrp(["configure", "--defaults", "colour=blue"], { env: isolated });
    expect(unknown.code).toBe(EXIT.usage);
  });

  it("maps --verbose and --debug to the SDK's log levels", async () => {
    const debug = await vmrp(["--debug", "collection", "show", "-g", "rg", "-n", "web-rpc", "-o", "none"]);
    expect(debug.code).toBe(EXIT.ok);
    expect(debug.stderr).toMatch(/restore-points:verbose|Request:|GET/i);
    expect(debug.stderr).not.toContain(emu.token);
    const quiet = await vmrp([
      "--only-show-errors",
      "collection",
      "show",
      "-g",
      "rg",
      "-n",
      "web-rpc",
      "-o",
      "none",
    ]);
    expect(quiet.stderr).toBe("");
  });
});

describe("safe by default", () => {
  it("refuses destructive commands without a terminal (exit 2, nothing sent) unless --yes", async () => {
    const before = emu.requestLog.length;
    for (const args of [
      ["collection", "delete", "-g", "rg", "-n", "web-rpc"],
      ["restore-point", "delete", "-g", "rg", "--collection-name", "web-rpc", "-n", "rp-1"],
      ["restore-vm", pointId("web-rpc", "rp-1"), "--in-place"],
    ]) {
      const res = await vmrp(args);
      expect(res.code, res.stderr).toBe(EXIT.usage);
      expect(res.stderr).toMatch(/--yes/);
    }
    const deletes = emu.requestLog.slice(before).filter((r) => r.method !== "GET");
    expect(deletes).toEqual([]);
    const prune = await vmrp(["prune", "-g", "rg", "--collection-name", "web-rpc", "--keep-last", "1"]);
    expect(prune.code).toBe(EXIT.usage);
    expect(emu.requestLog.slice(before).filter((r) => r.method === "DELETE")).toEqual([]);
  });

  it("explains a dry-run prune point by point in every format", async () => {
    const base = ["prune", "-g", "rg", "--collection-name", "web-rpc", "--keep-last", "1", "--dry-run"];
    const asJson = json((await vmrp([...base, "-o", "json"])).stdout) as {
      dryRun: boolean;
      points: { name: string; action: string; reason: string; id: string }[];
    };
    expect(asJson.dryRun).toBe(true);
    expect(asJson.points.map((p) => [p.name, p.action])).toEqual([
      ["rp-1", "would delete"],
      ["rp-2", "keep"],
    ]);
    for (const p of asJson.points) expect(p.reason).not.toBe("");
    const asYaml = parseYaml((await vmrp([...base, "-o", "yaml"])).stdout) as typeof asJson;
    expect(asYaml.points).toEqual(asJson.points);
    const table = (await vmrp(base)).stdout;
    expect(table).toMatch(/^NAME\s+CREATED\s+ACTION\s+REASON\s+ID/);
    expect(table).toContain(asJson.points[0]?.reason ?? "?");
    const tsv = (await vmrp([...base, "-o", "tsv", "--query", "points[].[name, action, reason]"])).stdout;
    expect(tsv.split("\n")[0]).toBe(`rp-1\twould delete\t${asJson.points[0]?.reason ?? ""}`);
  });
});

describe("--no-wait and wait", () => {
  it("creates without waiting, then waits with the printed command; deletes likewise", async () => {
    const started = await vmrp([
      "restore-point",
      "create",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "-n",
      "rp-nw",
      "--no-wait",
    ]);
    expect(started.code, started.stderr).toBe(EXIT.ok);
    expect(started.stdout).toMatch(/Creating/);
    const hint = /wait for it with: (.*)$/m.exec(started.stderr)?.[1];
    expect(hint).toContain(`restore-point wait --ids ${pointId("web-rpc", "rp-nw")} --created`);
    const waited = await vmrp([
      "restore-point",
      "wait",
      "--ids",
      pointId("web-rpc", "rp-nw"),
      "--created",
      "--interval",
      "0.02",
    ]);
    expect(waited.code, waited.stderr).toBe(EXIT.ok);
    const deleting = await vmrp([
      "restore-point",
      "delete",
      "--ids",
      pointId("web-rpc", "rp-nw"),
      "--yes",
      "--no-wait",
      "-o",
      "json",
    ]);
    expect(json(deleting.stdout)).toEqual({ id: pointId("web-rpc", "rp-nw"), status: "Deleting" });
    const gone = await vmrp([
      "restore-point",
      "wait",
      "--ids",
      pointId("web-rpc", "rp-nw"),
      "--deleted",
      "--interval",
      "0.02",
    ]);
    expect(gone.code, gone.stderr).toBe(EXIT.ok);
  });

  it("gives up after --timeout with exit 6", async () => {
    const res = await vmrp([
      "restore-point",
      "wait",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "-n",
      "rp-1",
      "--deleted",
      "--interval",
      "0.05",
      "--timeout",
      "0.2",
    ]);
    expect(res.code).toBe(EXIT.timeout);
    expect(res.stderr).toMatch(/Gave up after 0.2 s/);
    const none = await vmrp([
      "restore-point",
      "wait",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "-n",
      "rp-1",
    ]);
    expect(none.code).toBe(EXIT.usage);
  });
});

describe("commands that chain", () => {
  it("copy --no-wait shows target collection, region, id and the replication state; wait --replicated finishes it", async () => {
    const res = await vmrp([
      "copy",
      "--ids",
      pointId("web-rpc", "rp-1"),
      "--target-location",
      "northeurope",
      "--no-wait",
    ]);
    expect(res.code, res.stderr).toBe(EXIT.ok);
    const [header, , row] = res.stdout.split("\n");
    expect(header).toMatch(/^NAME\s+TARGET COLLECTION\s+REGION\s+REPLICATION\s+ID$/);
    expect(row).toMatch(/rg\/web-rpc-northeurope\s+northeurope\s+InProgress \d+%/);
    expect(row).not.toMatch(/\sSucceeded\s/);
    const copyId = `${collectionId("web-rpc-northeurope")}/restorePoints/rp-1`;
    expect(row).toContain(copyId);
    expect(res.stderr).toContain(`restore-point wait --ids ${copyId} --replicated`);
    const waited = await vmrp([
      "restore-point",
      "wait",
      "--ids",
      copyId,
      "--replicated",
      "--interval",
      "0.05",
    ]);
    expect(waited.code, waited.stderr).toBe(EXIT.ok);
    const asJson = json(
      (await vmrp(["-o", "json", "copy", pointId("web-rpc", "rp-2"), "--target-location", "northeurope"]))
        .stdout,
    );
    expect(asJson).toMatchObject({
      collectionName: "web-rpc-northeurope",
      location: "northeurope",
      replication: { state: "Succeeded" },
    });
  });

  it("names the CLI flag, not the SDK option, in hints", async () => {
    const res = await vmrp(["copy", pointId("web-rpc", "rp-1"), "--target-location", "atlantis"]);
    expect(res.code).toBe(EXIT.rule);
    expect(res.stderr).toContain("--copy-regions any");
    expect(res.stderr).not.toContain("copyRegions");
  });

  it("restore-vm says which resources it re-used from an interrupted run", async () => {
    const subnet = `/subscriptions/${sub()}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-westeurope/subnets/default`;
    const first = await vmrp([
      "-o",
      "json",
      "restore-vm",
      pointId("web-rpc", "rp-1"),
      "--vm-name",
      "again",
      "--subnet-id",
      subnet,
      "--tags",
      "team=web",
    ]);
    expect(first.code, first.stderr).toBe(EXIT.ok);
    expect(json(first.stdout)).toMatchObject({ reusedResourceIds: [] });
    expect(first.stderr).toBe("");
    // The same restore again finds everything the first run made, as after an interruption.
    const again = await vmrp([
      "restore-vm",
      "--ids",
      pointId("web-rpc", "rp-1"),
      "--vm-name",
      "again",
      "--subnet-id",
      subnet,
      "--tags",
      "team=web",
    ]);
    expect(again.code, again.stderr).toBe(EXIT.ok);
    expect(again.stderr).toMatch(/^Re-used \d+ resource\(s\) of an earlier, interrupted run/);
    expect(again.stderr).toContain("again-osdisk");
  });

  it("restores in place with --yes", async () => {
    const res = await vmrp(["-o", "json", "restore-vm", pointId("web-rpc", "rp-2"), "--in-place", "--yes"]);
    expect(res.code, res.stderr).toBe(EXIT.ok);
    expect(json(res.stdout)).toMatchObject({ vmId: vm.id, originalDiskIds: expect.any(Array) as unknown });
  });
});

describe("exit codes", () => {
  it("a missing or unreadable connection file is a usage error", async () => {
    const res = await spawnVmrp(["--emulator", join(dir, "missing.json"), "collection", "list"]);
    expect(res.code).toBe(EXIT.usage);
    expect(res.stderr).toMatch(/does not exist/);
    writeFileSync(join(dir, "garbage.json"), "{");
    expect((await spawnVmrp(["--emulator", join(dir, "garbage.json"), "collection", "list"])).code).toBe(
      EXIT.usage,
    );
  });

  it("an endpoint that cannot be reached has its own exit code and is named", async () => {
    const closed = join(dir, "closed.json");
    const probe = await startEmulator();
    const url = probe.url;
    writeConnectionFile(closed, {
      url,
      subscriptionId: probe.subscriptionId,
      token: probe.token,
      certificatePem: probe.certificatePem,
    });
    await probe.close();
    const res = await spawnVmrp(["--emulator", closed, "collection", "list", "-o", "json"], {
      timeoutMs: 60_000,
    });
    expect(res.code).toBe(EXIT.unreachable);
    expect(json(res.stderr)).toMatchObject({
      code: "EndpointUnreachable",
      message: expect.stringContaining(url) as unknown,
    });
  }, 60_000);

  it("a TLS certificate that does not verify is unreachable too (exit 5), naming the endpoint", async () => {
    const other = await startEmulator();
    try {
      const mismatched = join(dir, "wrong-certificate.json");
      // The right URL and token, but another emulator's certificate: the TLS handshake fails.
      writeConnectionFile(mismatched, {
        url: emu.url,
        subscriptionId: emu.subscriptionId,
        token: emu.token,
        certificatePem: other.certificatePem,
      });
      const res = await spawnVmrp(["--emulator", mismatched, "collection", "list", "-g", "rg"], {
        timeoutMs: 60_000,
      });
      expect(res.code, res.stderr).toBe(EXIT.unreachable);
      expect(res.stderr).toContain(`cannot reach ${emu.url}`);
    } finally {
      await other.close();
    }
  }, 60_000);
});

describe("copy with a disk encryption set, then wait --replicated --timeout", () => {
  it("encrypts every disk of the copy with the set; a wait that outlasts --timeout exits 6, a longer one succeeds", async () => {
    // Its own emulator on a frozen clock: operations complete at once, and the copy replicates only
    // when the test moves time, so the first wait surely meets it in progress however frozen the host.
    const frozen = await startEmulator({
      freezeTime: true,
      operationDelayMs: 0,
      replicationDurationMs: 60_000,
      replicationSteps: 4,
    });
    try {
      const file = join(dir, "frozen.json");
      writeConnectionFile(file, {
        url: frozen.url,
        subscriptionId: frozen.subscriptionId,
        token: frozen.token,
        certificatePem: frozen.certificatePem,
      });
      const source = await frozen.addVm({
        resourceGroup: "rg",
        name: "db",
        location: "westeurope",
        dataDisks: [{ lun: 3 }],
      });
      const client = new RestorePointClient(frozen.subscriptionId, frozen.credential, {
        ...frozen.clientOptions,
        updateIntervalInMs: 5,
      });
      const collection = client.getCollectionClient("rg", "db-rpc");
      await collection.create({ location: "westeurope", sourceVmId: source.id });
      const point = await collection.getRestorePointClient("rp-1").beginCreate();
      const des = `/subscriptions/${frozen.subscriptionId}/resourceGroups/keys/providers/Microsoft.Compute/diskEncryptionSets/des-ne`;
      const run = (args: readonly string[]) =>
        spawnVmrp(["--emulator", file, "--poll-interval-ms", "10", ...args], {
          env: { VMRP_CONFIG_DIR: configDir },
        });

      const copied = await run([
        "-o",
        "json",
        "copy",
        point.id,
        "--target-location",
        "northeurope",
        "--disk-encryption-set",
        des,
        "--encryption-type",
        "EncryptionAtRestWithPlatformAndCustomerKeys",
        "--no-wait",
      ]);
      expect(copied.code, copied.stderr).toBe(EXIT.ok);
      const copy = json(copied.stdout) as { id: string; replication?: { state: string } };
      expect(copy.replication?.state).toBe("InProgress");
      const copyClient = client.getRestorePointClientById(copy.id);
      const disks = (await copyClient.get()).diskRestorePoints;
      expect(disks.map((d) => d.lun)).toEqual([undefined, 3]);
      for (const disk of disks) {
        expect((await copyClient.getDiskRestorePointClient(disk.name).get()).encryption).toEqual({
          type: "EncryptionAtRestWithPlatformAndCustomerKeys",
          diskEncryptionSetId: des,
        });
      }

      const wait = ["restore-point", "wait", "--ids", copy.id, "--replicated", "--interval", "0.05"];
      const gaveUp = await run([...wait, "--timeout", "0.3"]);
      expect(gaveUp.code, gaveUp.stderr).toBe(EXIT.timeout);
      expect(gaveUp.stderr).toMatch(/Gave up after 0.3 s/);
      expect((await copyClient.getReplicationProgress()).state).toBe("InProgress");
      frozen.advanceTime(60_000);
      const waited = await run([...wait, "--timeout", "60"]);
      expect(waited.code, waited.stderr).toBe(EXIT.ok);
      expect((await copyClient.getReplicationProgress()).state).toBe("Succeeded");

      const refused = await run([
        "copy",
        point.id,
        "--target-location",
        "northeurope",
        "--encryption-type",
        "EncryptionAtRestWithCustomerKey",
      ]);
      expect(refused.code).toBe(EXIT.usage);
      expect(refused.stderr).toMatch(/--encryption-type needs --disk-encryption-set/);
    } finally {
      await frozen.close();
    }
  }, 60_000);
});

/**
 * A forward proxy that refuses every tunnel and records where each went: through it a child `vmrp`
 * shows which host its credential signs in at, without any network.
 */
async function refusingProxy(): Promise<{ url: string; hosts: string[]; close: () => Promise<void> }> {
  const hosts: string[] = [];
  const proxy = createServer((req, res) => {
    hosts.push(new URL(req.url ?? "/", "http://unknown").host);
    res.writeHead(502).end();
  });
  proxy.on("connect", (req: IncomingMessage, socket: Duplex) => {
    hosts.push((req.url ?? "").replace(/:443$/, ""));
    socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
  });
  await new Promise<void>((resolveListen) => proxy.listen(0, "127.0.0.1", resolveListen));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hosts,
    close: () =>
      new Promise((resolveClose) =>
        proxy.close(() => {
          resolveClose();
        }),
      ),
  };
}

describe("--cloud", () => {
  // A service principal in the environment: DefaultAzureCredential tries it first and stops there.
  const principal = {
    AZURE_TENANT_ID: "11111111-1111-1111-1111-111111111111",
    AZURE_CLIENT_ID: "22222222-2222-2222-2222-222222222222",
    AZURE_CLIENT_SECRET: "not-a-secret",
    AZURE_AUTHORITY_HOST: "",
    NO_PROXY: "",
    no_proxy: "",
  };
  const subscription = ["--subscription", "00000000-0000-0000-0000-000000000000"];

  it.each([
    [
      "--cloud AzureChinaCloud",
      "https://login.chinacloudapi.cn",
      /(^|\.)(chinacloudapi\.cn|microsoftonline\.cn)$/,
    ],
    ["--cloud AzureUSGovernment", "https://login.microsoftonline.us", /^login\.microsoftonline\.us$/],
    ["no --cloud", "https://login.microsoftonline.com", /^login\.microsoftonline\.com$/],
  ] as const)(
    "with %s, signs in at that cloud's authority; not reaching it is exit 5 naming it",
    async (flag, authority, host) => {
      const proxy = await refusingProxy();
      try {
        const res = await spawnVmrp(
          [
            ...(flag.startsWith("--") ? flag.split(" ") : []),
            ...subscription,
            "collection",
            "list",
            "-g",
            "rg",
            "-o",
            "json",
          ],
          { env: { ...principal, HTTPS_PROXY: proxy.url, https_proxy: proxy.url }, timeoutMs: 60_000 },
        );
        expect(proxy.hosts.length, res.stderr).toBeGreaterThan(0);
        // Only the sign-in was tried (MSAL may use the cloud's alias host), never the public cloud's.
        for (const tried of proxy.hosts) expect(tried).toMatch(host);
        expect(res.code, res.stderr).toBe(EXIT.unreachable);
        expect(json(res.stderr)).toMatchObject({
          code: "EndpointUnreachable",
          message: expect.stringContaining(`cannot reach the sign-in authority ${authority}`) as unknown,
        });
        expect(res.stderr).not.toContain(principal.AZURE_CLIENT_SECRET);
      } finally {
        await proxy.close();
      }
    },
    60_000,
  );
});

describe("the rest of the command set", () => {
  it("updates, shows with restore points, and deletes a collection, then waits for it to be gone", async () => {
    const create = await vmrp([
      "collection",
      "create",
      "rg",
      "tmp-rpc",
      "-l",
      "westeurope",
      "--source-vm",
      vm.id,
      "--tag",
      "a=1",
    ]);
    expect(create.code, create.stderr).toBe(EXIT.ok);
    const updated = await vmrp([
      "-o",
      "json",
      "collection",
      "update",
      "--ids",
      collectionId("tmp-rpc"),
      "--tags",
      "team=ops",
      "env=test",
    ]);
    expect(json(updated.stdout)).toMatchObject({ tags: { team: "ops", env: "test" } });
    expect(
      (await vmrp(["collection", "update", "-g", "rg", "-n", "tmp-rpc", "--instant-access", "maybe"])).code,
    ).toBe(EXIT.usage);
    const withPoints = await vmrp(["collection", "show", "-g", "rg", "-n", "web-rpc", "--restore-points"]);
    expect(withPoints.stdout).toMatch(/web-rpc[\s\S]*rp-1/);
    const withPointsJson = json(
      (await vmrp(["-o", "json", "collection", "show", "-g", "rg", "-n", "web-rpc", "--restore-points"]))
        .stdout,
    );
    expect(withPointsJson).toMatchObject({ name: "web-rpc", restorePoints: expect.any(Array) as unknown });
    const listed = json((await vmrp(["-o", "json", "collection", "list", "-g", "rg"])).stdout) as {
      name: string;
    }[];
    expect(listed.map((c) => c.name)).toContain("tmp-rpc");
    const deleting = await vmrp(["collection", "delete", "-g", "rg", "-n", "tmp-rpc", "-y", "--no-wait"]);
    expect(deleting.code, deleting.stderr).toBe(EXIT.ok);
    expect(deleting.stdout).toMatch(/Deleting/);
    const gone = await vmrp([
      "collection",
      "wait",
      "--ids",
      collectionId("tmp-rpc"),
      "--deleted",
      "--interval",
      "0.02",
    ]);
    expect(gone.code, gone.stderr).toBe(EXIT.ok);
    const created = await vmrp(["collection", "wait", "-g", "rg", "-n", "web-rpc", "--created"]);
    expect(created.code, created.stderr).toBe(EXIT.ok);
    expect((await vmrp(["collection", "wait", "-g", "rg", "-n", "web-rpc", "--replicated"])).code).toBe(
      EXIT.usage,
    );
  }, 60_000);

  it("lists disks, grants and revokes SAS by --ids, and restores a disk without waiting", async () => {
    const disks = json(
      (await vmrp(["-o", "json", "restore-point", "disks", "--ids", pointId("web-rpc", "rp-1")])).stdout,
    ) as { id: string }[];
    expect(disks.length).toBeGreaterThan(0);
    const id = disks[0]?.id ?? "";
    const shown = await vmrp(["disk-restore-point", "show", "--ids", id]);
    expect(shown.stdout).toContain(id);
    const granted = await vmrp(["disk-restore-point", "grant-access", "--ids", id, "--duration", "60"]);
    expect(granted.code, granted.stderr).toBe(EXIT.ok);
    expect(granted.stdout).toMatch(/^https:\/\/\S+\n$/);
    expect(granted.stderr).not.toContain("sig=");
    const revoked = await vmrp(["disk-restore-point", "revoke-access", id, "--no-wait"]);
    expect(revoked.code, revoked.stderr).toBe(EXIT.ok);
    const restored = await vmrp([
      "-o",
      "json",
      "disk-restore-point",
      "restore-disk",
      "--ids",
      id,
      "--disk-name",
      "from-cli",
      "--tags",
      "k=v",
    ]);
    expect(restored.code, restored.stderr).toBe(EXIT.ok);
    expect(json(restored.stdout)).toMatchObject({ name: "from-cli" });
    const started = await vmrp([
      "disk-restore-point",
      "restore-disk",
      id,
      "--disk-name",
      "from-cli-2",
      "--no-wait",
    ]);
    expect(started.code, started.stderr).toBe(EXIT.ok);
    expect(started.stdout).toMatch(/Creating/);
    const byName = await vmrp([
      "disk-restore-point",
      "show",
      "-g",
      "rg",
      "--collection-name",
      "web-rpc",
      "--restore-point-name",
      "rp-1",
      "-n",
      id.split("/").at(-1) ?? "",
    ]);
    expect(byName.code, byName.stderr).toBe(EXIT.ok);
    expect((await vmrp(["disk-restore-point", "show", "not-an-id"])).code).toBe(EXIT.usage);
  }, 60_000);

  it("snapshots VMs and reports replication progress once and watched", async () => {
    const snap = await vmrp([
      "-o",
      "json",
      "snapshot",
      vm.id,
      "--restore-point-name",
      "snap-1",
      "--collection-name",
      "web-rpc",
    ]);
    expect(snap.code, snap.stderr).toBe(EXIT.ok);
    expect(json(snap.stdout)).toEqual([expect.objectContaining({ status: "succeeded" })]);
    // Not a copy: nothing to replicate.
    const once = await vmrp(["progress", "--ids", pointId("web-rpc", "rp-1")]);
    expect(once.stdout).toMatch(/^NotApplicable 100%/);
    const watched = await vmrp([
      "-o",
      "yaml",
      "progress",
      pointId("web-rpc", "rp-1"),
      "--watch",
      "--interval-ms",
      "10",
    ]);
    expect(parseYaml(watched.stdout)).toMatchObject({ state: "NotApplicable" });
  });

  it("refuses a restore-vm without the options it needs", async () => {
    expect((await vmrp(["restore-vm", pointId("web-rpc", "rp-1")])).code).toBe(EXIT.usage);
    expect((await vmrp(["restore-vm", "--vm-name", "x", "--subnet-id", "/s"])).code).toBe(EXIT.usage);
    const inPlace = await vmrp([
      "restore-vm",
      pointId("web-rpc", "rp-1"),
      "--in-place",
      "--vm-name",
      "x",
      "-y",
    ]);
    expect(inPlace.code).toBe(EXIT.usage);
    expect(inPlace.stderr).toMatch(/--in-place restores into an existing VM/);
  });

  it("--skip-preflight sends the create without the SDK's pre-flight reads", async () => {
    const created = await vmrp([
      "collection",
      "create",
      "-g",
      "rg",
      "-n",
      "preflight-rpc",
      "-l",
      "westeurope",
      "--source-vm",
      vm.id,
    ]);
    expect(created.code, created.stderr).toBe(EXIT.ok);
    const vmReadsDuring = async (extra: readonly string[], name: string): Promise<number> => {
      const before = emu.requestLog.length;
      const res = await vmrp([
        "restore-point",
        "create",
        "-g",
        "rg",
        "--collection-name",
        "preflight-rpc",
        "-n",
        name,
        ...extra,
      ]);
      expect(res.code, res.stderr).toBe(EXIT.ok);
      const sent = emu.requestLog.slice(before);
      const put = sent.findIndex((r) => r.method === "PUT" && r.path.endsWith(`/restorePoints/${name}`));
      expect(put).toBeGreaterThanOrEqual(0);
      // Reads of the source VM before the PUT are the pre-flight's (limits, disks, running creations).
      return sent.slice(0, put).filter((r) => r.method === "GET" && /\/virtualMachines\/web$/i.test(r.path))
        .length;
    };
    expect(await vmReadsDuring([], "checked")).toBeGreaterThan(0);
    expect(await vmReadsDuring(["--skip-preflight"], "unchecked")).toBe(0);
  }, 60_000);
});
