/**
 * Contract tests, recordings: every recorded scenario of `test/fixtures/contract/` (azure-cli, Go and
 * .NET SDK traffic) is replayed in order against a fresh emulator and each answer is compared with
 * what Azure sent (`checkExchange`). Placeholders are bound to our own names and ids; operation URLs
 * come from the previous answer's headers, as a client would follow them.
 *
 * What is not compared is listed per scenario as an {@link Adjustment} with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { armFetch, paths, waitForOperation } from "../support/armFetch.js";
import { fixtureVars, loadFixtures, type LoadedFixture } from "../support/contract.js";
import {
  formatOutcome,
  placeholdersOf,
  ScenarioReplay,
  type Adjustment,
  type ExchangeOutcome,
  type Vars,
} from "../support/contractReplay.js";

const RECORDINGS = loadFixtures().filter((f) => !f.file.startsWith("spec-"));

/** Our names for the fixture placeholders (the ids follow from them). */
const NAMES = {
  vmName: "vm1",
  collection: "rpc1",
  collection2: "rpc2",
  targetCollection: "rpc-copy",
  restorePoint: "rp1",
  diskName: "disk-restored",
} as const;

/** Placeholders bound from the setup or the emulator, learned from responses, or left wildcards. */
const BOUND_ELSEWHERE = [
  "subscriptionId",
  "resourceGroup",
  "vmId",
  "location",
  "targetLocation",
  "collectionId",
  "restorePointId",
  "sourceRestorePointId",
  "dataDiskId",
  "diskRestorePoint",
  "diskRestorePointId",
  "operationId",
] as const;

interface Scenario {
  readonly emu: Emulator;
  readonly replay: ScenarioReplay;
}

interface RecordingPlan {
  /** Emulator options; delays are small so the suite stays fast. */
  readonly emulator: EmulatorOptions;
  /** Whether `rateLimitPolicies` (and the `x-ms-ratelimit-remaining-*` headers) are compared. */
  readonly checkRateLimits: boolean;
  /** Fail (instead of skip) when an `InProgress` poll finds the operation already done. */
  readonly requireInProgress?: boolean;
  readonly adjustments: readonly Adjustment[];
  /** Exchanges that cannot be replayed yet, with the reason (they are reported as todo). */
  readonly todo?: Readonly<Record<string, string>>;
  /** What the recording did before its first exchange (outside the excerpt). */
  readonly before?: (emu: Emulator, vars: Vars) => Promise<void>;
}

/**
 * Small operation delays: the whole file must run in a few seconds. Replication is long (and in one
 * step) because nothing waits for it, and net-16 reads a copy right after its operation: still
 * `replicating` at 0 %, as recorded.
 */
const FAST = { operationDelayMs: 20, replicationDurationMs: 60_000, replicationSteps: 1 } as const;

const OS_PROFILE_CREDENTIALS: Adjustment = {
  exchanges: [],
  reason:
    "deployment setup: the recorded VMs were deployed with an SSH key (azure-cli); emu.addVm does not model admin credentials",
  ignoreKeys: ["properties.sourceMetadata.osProfile.linuxConfiguration.ssh"],
};

function forExchanges(adjustment: Adjustment, exchanges: readonly string[]): Adjustment {
  return { ...adjustment, exchanges };
}

const PLANS: Readonly<Record<string, RecordingPlan>> = {
  "cli-copy-vm-restore-point.json": {
    emulator: FAST,
    // The 2023-10 recording names the current Compute policies, which the emulator's throttling emits.
    checkRateLimits: true,
    adjustments: [
      forExchanges(OS_PROFILE_CREDENTIALS, [
        "copy-03-put-restore-point",
        "copy-06-get-restore-point",
        "copy-07-put-copy-restore-point",
        "copy-10-get-copy-restore-point",
      ]),
    ],
  },
  "cli-restore-point.json": {
    emulator: FAST,
    // Recorded 2023-12 with the current policy names (also on the 2022-08-01 delete).
    checkRateLimits: true,
    adjustments: [],
  },
  "cli-disk-from-restore-point.json": {
    emulator: FAST,
    // Recorded 2025-03 with the current restore-point policies and the Disk RP's 3Min/30Min pairs.
    checkRateLimits: true,
    adjustments: [
      forExchanges(OS_PROFILE_CREDENTIALS, ["disk-01-get-restore-point"]),
      {
        exchanges: ["disk-02-get-resource-group"],
        reason:
          "test setup: the azure-cli test framework tags its resource groups (product, cause, test, date, module, Creator, DateCreated); emu.addVm makes an untagged group",
        ignoreKeys: ["tags"],
      },
    ],
    // The collection and the restore point were made earlier in the cassette (not in the excerpt).
    before: async (emu, vars) => {
      const p = paths(emu, vars.resourceGroup ?? "");
      const api = "api-version=2024-11-01";
      const rpc = await armFetch(emu, "PUT", `${p.collection(NAMES.collection)}?${api}`, {
        body: { location: vars.location, properties: { source: { id: vars.vmId } } },
      });
      expect(rpc.status).toBe(201);
      const rp = await armFetch(
        emu,
        "PUT",
        `${p.restorePoint(NAMES.collection, NAMES.restorePoint)}?${api}`,
        {
          body: {},
        },
      );
      expect(rp.status).toBe(201);
      const done = await waitForOperation(emu, rp.headers["azure-asyncoperation"] ?? "");
      expect(done.body?.status).toBe("Succeeded");
    },
  },
  "go-restore-point-suite.json": {
    // The scenario that must observe InProgress: a delay long enough for the first poll to see it.
    emulator: { ...FAST, operationDelayMs: 300 },
    requireInProgress: true,
    // Recorded 2023-02 with the retired policy names (CreateRestorePoints3Min/30Min, ...); the emulator
    // mirrors today's service, which names PutRestorePointResource etc. (see the 2023-07+ recordings).
    checkRateLimits: false,
    adjustments: [],
  },
  "net-create-rpc-and-restore-points.json": {
    // centraluseuap -> eastus2euap (canary regions) are outside the default copy allow-list.
    emulator: { ...FAST, rules: { copyRegions: "any" } },
    // Recorded 2021-12 with the retired policy names; see go-restore-point-suite.json.
    checkRateLimits: false,
    adjustments: [
      {
        exchanges: [
          "net-07-put-restore-point-exclude-disks",
          "net-13-put-copy-restore-point",
          "net-17-delete-restore-point",
          "net-20-delete-copy-restore-point",
        ],
        reason:
          "2021 service behaviour: restore point creates and deletes had no azure-asyncnotification then; every later recording has it (2023-02 at api 2023-03-01, 2023-12 on a 2022-08-01 delete), and the emulator mirrors today's service",
        dropHeadersAbsent: ["azure-asyncnotification"],
      },
      {
        exchanges: [
          "net-07-put-restore-point-exclude-disks",
          "net-10-get-restore-point",
          "net-13-put-copy-restore-point",
          "net-15-get-copy-restore-point",
          "net-16-get-copy-instance-view",
        ],
        reason:
          "2021 era: api 2021-11-01 answered an undocumented properties.internalData (sequence number, isIncremental, collection id); no later recording or spec version has it",
        ignoreKeys: ["properties.internalData"],
      },
      {
        exchanges: [
          "net-07-put-restore-point-exclude-disks",
          "net-10-get-restore-point",
          "net-12-get-collection-expand-restore-points",
          "net-13-put-copy-restore-point",
          "net-15-get-copy-restore-point",
          "net-16-get-copy-instance-view",
        ],
        reason:
          "deployment setup: the .NET test created its VM with boot diagnostics on a storage account; emu.addVm does not model diagnosticsProfile",
        ignoreKeys: [
          "properties.sourceMetadata.diagnosticsProfile",
          "properties.restorePoints[].properties.sourceMetadata.diagnosticsProfile",
        ],
      },
    ],
  },
};

function setUpVars(
  emu: Emulator,
  fixture: LoadedFixture,
  vm: { id: string; dataDiskIds: readonly string[] },
): Vars {
  const resourceGroup = `rg-${fixture.file.replace(/\.json$/, "")}`;
  const p = paths(emu, resourceGroup);
  const vars: Vars = {
    ...fixtureVars(fixture),
    subscriptionId: emu.subscriptionId,
    resourceGroup,
    vmName: NAMES.vmName,
    vmId: vm.id,
    collection: NAMES.collection,
    collection2: NAMES.collection2,
    targetCollection: NAMES.targetCollection,
    collectionId: p.collection(NAMES.collection),
    restorePoint: NAMES.restorePoint,
    restorePointId: p.restorePoint(NAMES.collection, NAMES.restorePoint),
    sourceRestorePointId: p.restorePoint(NAMES.collection, NAMES.restorePoint),
    diskName: NAMES.diskName,
  };
  const dataDisk = vm.dataDiskIds[0];
  if (dataDisk !== undefined) vars.dataDiskId = dataDisk;
  return vars;
}

async function startScenario(fixture: LoadedFixture, plan: RecordingPlan): Promise<Scenario> {
  const emu = await startEmulator(plan.emulator);
  const setup = fixture.setup ?? {};
  const location = setup.location ?? "westeurope";
  const sizeGB = typeof setup.dataDiskSizeGB === "number" ? setup.dataDiskSizeGB : undefined;
  const vm = await emu.addVm({
    resourceGroup: `rg-${fixture.file.replace(/\.json$/, "")}`,
    name: NAMES.vmName,
    location,
    osType: setup.osType ?? "Linux",
    ...(typeof setup.vmSize === "string" ? { vmSize: setup.vmSize } : {}),
    dataDisks: Array.from({ length: setup.dataDisks ?? 0 }, (_, lun) => ({
      lun,
      ...(sizeGB === undefined ? {} : { sizeGB }),
    })),
    ...(setup.vmTags === undefined ? {} : { tags: setup.vmTags as Record<string, string> }),
  });
  const vars = setUpVars(emu, fixture, vm);
  await plan.before?.(emu, vars);
  const replay = new ScenarioReplay({
    emu,
    vars,
    adjustments: plan.adjustments,
    checkRateLimits: plan.checkRateLimits,
    ...(plan.requireInProgress === undefined ? {} : { requireInProgress: plan.requireInProgress }),
    pollIntervalMs: 5,
  });
  return { emu, replay };
}

describe("contract fixtures: every recording has a replay plan", () => {
  it.each(RECORDINGS.map((f) => [f.file, f] as const))("%s", (file, fixture) => {
    const plan = PLANS[file];
    expect(plan, `no replay plan for ${file}`).toBeDefined();
    const ids = new Set(fixture.exchanges.map((e) => e.id));
    for (const a of plan?.adjustments ?? []) {
      for (const id of a.exchanges) expect(ids.has(id), `adjustment names unknown exchange ${id}`).toBe(true);
      expect(a.reason.length).toBeGreaterThan(20);
    }
    for (const id of Object.keys(plan?.todo ?? {}))
      expect(ids.has(id), `todo names unknown exchange ${id}`).toBe(true);
    // Every placeholder the fixture uses is one this file binds (setUpVars), the replay learns
    // ({diskRestorePointId}, {operationId}) or deliberately leaves a wildcard ({diskRestorePoint}).
    const known = new Set<string>([...Object.keys(NAMES), ...BOUND_ELSEWHERE]);
    for (const name of placeholdersOf(fixture.exchanges)) {
      expect(known.has(name), `placeholder {${name}} of ${file}`).toBe(true);
    }
  });
});

const observed: ExchangeOutcome[] = [];

for (const fixture of RECORDINGS) {
  const plan = PLANS[fixture.file];
  if (plan === undefined) continue;
  describe(`contract replay: ${fixture.file}`, () => {
    let scenario: Scenario | undefined;
    let blockedBy: string | undefined;
    beforeAll(async () => {
      scenario = await startScenario(fixture, plan);
    });
    afterAll(async () => {
      await scenario?.emu.close();
    });
    for (const exchange of fixture.exchanges) {
      const todo = plan.todo?.[exchange.id];
      if (todo !== undefined) {
        it.todo(`${exchange.id}: ${todo}`);
        continue;
      }
      it(`${exchange.id} (${exchange.method} ${exchange.operation})`, async (ctx) => {
        if (scenario === undefined) throw new Error("scenario did not start");
        if (blockedBy !== undefined) ctx.skip(`an earlier exchange failed: ${blockedBy}`);
        const outcome = await scenario.replay.play(exchange);
        observed.push(outcome);
        if (outcome.skipped !== undefined) ctx.skip(outcome.skipped);
        // A write answered with another status than recorded leaves the scenario in another state than
        // the recording's: the exchanges after it would only report follow-on differences.
        if (exchange.method !== "GET" && outcome.response?.status !== exchange.response.status) {
          blockedBy = exchange.id;
        }
        expect(outcome.problems, formatOutcome(outcome)).toEqual([]);
        expect(
          outcome.unneeded.map((a) => a.reason),
          "adjustments that changed nothing",
        ).toEqual([]);
      });
    }
  });
}

describe("contract replay: coverage", () => {
  it("observed at least one operation InProgress (not every poll may be skipped)", () => {
    const inProgress = observed.filter(
      (o) => o.skipped === undefined && o.exchange.response.bodyValues?.status === "InProgress",
    );
    expect(inProgress.length).toBeGreaterThan(0);
  });
});
