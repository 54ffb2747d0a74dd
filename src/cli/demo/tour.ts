/**
 * `vmrp demo`: the whole tour on an embedded emulator, with no Azure subscription. Each step uses
 * only the SDK's public API, prints what it does and what came back, and feeds the final summary.
 */
import { isRestorePointError, RestorePointClient, type RestorePointCollectionClient } from "../../index.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { formatTable } from "../output.js";
import { createProgress, etaText } from "../progress.js";

export interface DemoOptions {
  readonly progress: boolean;
  readonly write: (text: string) => void;
  /** How long operations stay InProgress (default 300 ms): slow enough to watch, by default. */
  readonly operationDelayMs?: number;
  /** How long a copy takes to replicate (default 5000 ms). */
  readonly replicationDurationMs?: number;
  /** How often to poll (default 150 ms). */
  readonly pollIntervalMs?: number;
}

interface StepResult {
  step: string;
  result: string;
  ms: number;
}

const RG = "demo-rg";
const REGION = "westeurope";
const TARGET_REGION = "northeurope";

export async function runDemo(options: DemoOptions): Promise<void> {
  const say = (text: string): void => {
    options.write(`${text}\n`);
  };
  const results: StepResult[] = [];
  const step = async <T>(name: string, run: () => Promise<[T, string]>): Promise<T> => {
    say(`\n▶ ${name}`);
    const started = Date.now();
    const [value, result] = await run();
    results.push({ step: name, result, ms: Date.now() - started });
    say(`  ✔ ${result}`);
    return value;
  };

  const poll = options.pollIntervalMs ?? 150;
  const emu: Emulator = await startEmulator({
    operationDelayMs: options.operationDelayMs ?? 300,
    replicationDurationMs: options.replicationDurationMs ?? 5000,
    replicationSteps: 5,
  });
  try {
    say(`Emulator listening on ${emu.url} (HTTPS, self-signed certificate, bearer token required).`);
    const client = new RestorePointClient(emu.subscriptionId, emu.credential, {
      ...emu.clientOptions,
      updateIntervalInMs: poll,
    });

    const vm = await step("Create a VM with an OS disk and three data disks (one shared)", async () => {
      const added = await emu.addVm({
        resourceGroup: RG,
        name: "web-01",
        location: REGION,
        osType: "Linux",
        osDisk: { sizeGB: 30 },
        dataDisks: [
          { lun: 0, sizeGB: 128 },
          { lun: 1, sizeGB: 64, caching: "ReadOnly" },
          { lun: 2, sizeGB: 32, maxShares: 2 },
        ],
      });
      return [
        added,
        `${added.id.split("/").at(-1) ?? ""}: 1 OS disk + ${added.dataDiskIds.length} data disks (LUN 2 is shared, maxShares 2)`,
      ];
    });

    const collection: RestorePointCollectionClient = client.getCollectionClient(RG, "web-01-rpc");
    await step("Create a restore point collection for the VM", async () => {
      const created = await collection.create({ location: REGION, sourceVmId: vm.id, tags: { app: "web" } });
      return [
        created,
        `${created.name} in ${created.location}, source ${created.sourceId?.split("/").at(-1) ?? ""}`,
      ];
    });

    const point = await step(
      "Create a restore point (unsupported shared disk excluded automatically)",
      async () => {
        const created = await collection
          .getRestorePointClient("rp-001")
          .beginCreate({ excludeUnsupportedDisks: true });
        say(
          `  note: the shared disk (LUN 2) cannot be captured; it was excluded: ${created.excludedDiskIds.map((d) => d.split("/").at(-1)).join(", ")}`,
        );
        return [
          created,
          `${created.name}: ${created.provisioningState ?? ""}, ${created.consistencyMode ?? ""}, ${created.diskRestorePoints.length} disk restore points`,
        ];
      },
    );

    await step("List restore points and disk restore points", async () => {
      const names: string[] = [];
      for await (const p of collection.listRestorePoints()) names.push(p.name);
      const disks: string[] = [];
      for await (const d of collection.getRestorePointClient(point.name).listDiskRestorePoints())
        disks.push(d.name);
      for (const d of disks) say(`    ${d}`);
      return [
        undefined,
        `${names.length} restore point(s): ${names.join(", ")}; ${disks.length} disk restore points`,
      ];
    });

    const copy = await step(`Copy to ${TARGET_REGION} and wait for real replication`, async () => {
      const bar = createProgress(options.progress, "replicating");
      let lastPrinted = -1;
      // The replication phase starts only once Azure has reported the copy itself `Succeeded`.
      const seen = { succeededBeforeFullyReplicated: false };
      const poller = client.beginCopyToRegion(point.id, {
        targetLocation: TARGET_REGION,
        updateIntervalInMs: poll,
      });
      poller.onProgress((state) => {
        const replication = state.replication;
        if (replication === undefined) return;
        bar.update(replication.percentComplete, etaText(replication.estimatedCompletionOn));
        if (!options.progress && replication.percentComplete !== lastPrinted) {
          lastPrinted = replication.percentComplete;
          const eta =
            replication.percentComplete >= 100 ? "done" : etaText(replication.estimatedCompletionOn);
          say(`    replication ${replication.percentComplete}% ${eta}`);
        }
        if (replication.percentComplete < 100) seen.succeededBeforeFullyReplicated = true;
      });
      // While the copy replicates, show what the raw API would have told us: "Succeeded".
      await poller.submitted();
      const copied = await poller;
      bar.stop();
      if (seen.succeededBeforeFullyReplicated)
        say(
          "    (Azure reported the copy 'Succeeded' long before the data arrived; the poller waited for 100 %)",
        );
      return [copied, `${copied.id.split("/").slice(-3).join("/")} fully replicated`];
    });

    await step("Refuse a disk restore from a half-replicated copy", async () => {
      const target = client.getCollectionClient(copy.resourceGroup, copy.collectionName);
      const fresh = await client
        .getCollectionClient(RG, "web-01-rpc")
        .getRestorePointClient("rp-002")
        .beginCreate({ excludeUnsupportedDisks: true });
      const started = client.beginCopyToRegion(fresh.id, {
        targetLocation: TARGET_REGION,
        targetCollectionName: target.name,
        waitForReplication: false,
      });
      const halfCopy = await started;
      const first = halfCopy.diskRestorePoints[0];
      if (first === undefined) throw new Error("the copy has no disk restore points");
      const drp = target.getRestorePointClient(halfCopy.name).getDiskRestorePointClient(first.name);
      const logBefore = emu.requestLog.length;
      try {
        await drp.beginRestoreDisk({ diskName: "too-early" });
        throw new Error("expected ReplicationIncompleteError");
      } catch (error) {
        if (!isRestorePointError(error, "ReplicationIncomplete")) throw error;
        say(`  refused: ${error.message}`);
      }
      const writes = emu.requestLog.slice(logBefore).filter((entry) => entry.method !== "GET").length;
      await target.getRestorePointClient(halfCopy.name).waitForReplication({ intervalInMs: poll });
      return [undefined, `ReplicationIncompleteError, ${writes} write requests sent`];
    });

    await step("Restore a single data disk from its disk restore point", async () => {
      const dataDisk = point.diskRestorePoints.find((d) => d.lun === 0);
      if (dataDisk === undefined) throw new Error("no data disk restore point at LUN 0");
      const disk = await collection
        .getRestorePointClient(point.name)
        .getDiskRestorePointClient(dataDisk.name)
        .beginRestoreDisk({ diskName: "web-01-data0-restored" });
      return [disk, `${disk.name}: ${disk.sizeGB ?? "?"} GB ${disk.sku ?? ""} in ${disk.location}`];
    });

    await step("Restore the whole VM from the restore point", async () => {
      // The restored VM's NIC needs a subnet that exists, as in Azure.
      const network = await emu.addVirtualNetwork({ resourceGroup: RG, name: "demo-vnet", location: REGION });
      const result = await client.restoreVm({
        restorePointId: point.id,
        vmName: "web-01-restored",
        subnetId: `${network.id}/subnets/default`,
        allowMissingDisks: true,
        onProgress: (event) => {
          say(
            `    ${String(Math.round(event.percentComplete)).padStart(3)}% ${event.step}: ${event.message}`,
          );
        },
      });
      return [
        result,
        `VM ${result.vmId.split("/").at(-1) ?? ""}: OS disk + ${result.dataDisks.length} data disks at LUNs ${result.dataDisks.map((d) => d.lun).join(", ")}`,
      ];
    });

    await step("Grant and revoke SAS access to a disk restore point", async () => {
      const first = point.diskRestorePoints[0];
      if (first === undefined) throw new Error("no disk restore point");
      const drp = collection.getRestorePointClient(point.name).getDiskRestorePointClient(first.name);
      const access = await drp.beginGrantAccess({ durationInSeconds: 3600 });
      say(
        `  SAS issued, expires ${access.expiresOn.toISOString()} (the URL itself is never printed in logs)`,
      );
      await drp.beginRevokeAccess();
      return [undefined, "granted for 1 h, then revoked"];
    });

    await step("Prune: keep the newest restore point only", async () => {
      for (const name of ["rp-003", "rp-004"]) {
        await collection.getRestorePointClient(name).beginCreate({ excludeUnsupportedDisks: true });
      }
      const plan = await collection.planPrune({ keepLast: 1 });
      const outcome = await collection.prune({ keepLast: 1 });
      return [
        plan,
        `kept ${outcome.kept.join(", ")}; deleted ${outcome.deleted.length}: ${outcome.deleted.join(", ")}`,
      ];
    });

    await step("Clean up", async () => {
      await collection.beginDelete();
      await client.getCollectionClient(copy.resourceGroup, copy.collectionName).beginDelete();
      return [undefined, "collections and their restore points deleted"];
    });

    say("\nSummary");
    say(
      formatTable(results, [
        { header: "STEP", value: (r: StepResult) => r.step },
        { header: "RESULT", value: (r: StepResult) => r.result },
        { header: "MS", value: (r: StepResult) => r.ms },
      ]),
    );
    const summary = emu.requestLog.reduce<Record<string, number>>((acc, e) => {
      acc[e.method] = (acc[e.method] ?? 0) + 1;
      return acc;
    }, {});
    say(
      `\n${emu.requestLog.length} HTTPS requests served by the emulator (${Object.entries(summary)
        .map(([m, n]) => `${m} ${n}`)
        .join(", ")}).`,
    );
  } finally {
    await emu.close();
  }
}
