import type { HttpClient } from "@azure/core-rest-pipeline";
import { RestError } from "@azure/core-rest-pipeline";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { mapServiceError } from "../../src/errors/mapServiceError.js";
import { checkCopy } from "../../src/guards/copyGuards.js";
import { selectCaptureDisks } from "../../src/guards/exclusionGuards.js";
import type { DiskFacts, PointFacts } from "../../src/guards/guardTypes.js";
import { checkCopyRegions } from "../../src/guards/regionGuards.js";
import {
  isRegionSupportedForCrossRegion,
  isRestorePointError,
  normalizeRegion,
  parseResourceId,
  RestorePointClient,
} from "../../src/index.js";
import type { RestorePointClientOptions } from "../../src/index.js";

/**
 * Bad input of every kind, generated: it must give TypeError, RangeError or a RestorePointError,
 * never another exception, never a request, and never echo a secret it carried.
 */

const SECRET = "S3CRETVALUE";
let requests = 0;
let badInputs = 0;
const failing: HttpClient = {
  sendRequest: () => {
    requests++;
    return Promise.reject(new Error("no request may be sent for bad input"));
  },
};
const credential = { getToken: () => Promise.reject(new Error("no token may be asked for")) };
const SUB = "00000000-0000-0000-0000-000000000001";
const RG_PATH = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute`;
const GOOD_POINT = `${RG_PATH}/restorePointCollections/c/restorePoints/p`;
const RUNS = 2000;

function client(options: RestorePointClientOptions = {}): RestorePointClient {
  return new RestorePointClient(SUB, credential, { httpClient: failing, ...options });
}

const secretText = fc.constantFrom(
  `sig=${SECRET}`,
  `https://acct.blob.core.windows.net/c/d.vhd?sv=2024-05-04&sr=b&sig=${SECRET}&se=2026-12-01`,
  `Bearer ${SECRET}`,
  `eyJ${SECRET}.eyJ${SECRET}.abc`,
  `x?token=${SECRET}`,
);
const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.string(), { maxLength: 3 }),
);
const forbiddenChar = fc.constantFrom(" ", "/", "?", "#", "%", "&", "*", ":", "\\", "<", "=", "\n", "'", '"');
const badName = fc.oneof(
  nonString,
  fc.constant(""),
  fc.tuple(fc.string({ maxLength: 10 }), forbiddenChar, fc.string({ maxLength: 10 })).map((p) => p.join("")),
  fc.stringMatching(/^[a-z][a-z0-9]{0,20}$/).map((s) => `${s}.`),
  fc.integer({ min: 129, max: 200 }).map((n) => "a".repeat(n)),
  // A JWT alone is a well-formed name; a space makes every secret an invalid one.
  secretText.map((s) => `${s} `),
);
/** Not an ARM id at all. */
const malformedId = fc.oneof(
  nonString,
  fc.constant(""),
  fc.string({ maxLength: 30 }).filter((s) => !s.toLowerCase().startsWith("/subscriptions/")),
  fc.constant("/subscriptions/"),
  fc.constant(`/subscriptions/${SUB}/resourceGroups`),
  fc.constant(`${RG_PATH}/virtualMachines/vm/extra`),
  secretText,
);
/** Malformed, or a well-formed id of a resource of a type no parameter takes. */
const badId = fc.oneof(
  malformedId,
  secretText.map(
    (s) => `/subscriptions/${s}/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/n`,
  ),
);
const badBoolean = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 5 }),
  fc.constant(null),
  fc.object({ maxDepth: 0 }),
);

function expectArgumentError(error: unknown): void {
  badInputs++;
  expect(
    error instanceof TypeError || error instanceof RangeError || isRestorePointError(error),
    String(error),
  ).toBe(true);
  expect((error as Error).message).not.toContain(SECRET);
}

function syncError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

async function asyncError(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject");
}

describe("generated bad input", () => {
  afterAll(() => {
    expect(requests).toBe(0);
  });

  it("names: resource group, collection, restore point and disk restore point", () => {
    const c = client();
    fc.assert(
      fc.property(fc.constantFrom("rg", "collection", "point", "disk"), badName, (which, name) => {
        const n = name as string;
        expectArgumentError(
          syncError(() => {
            if (which === "rg") c.getCollectionClient(n, "c");
            else if (which === "collection") c.getCollectionClient("rg", n);
            else if (which === "point") c.getCollectionClient("rg", "c").getRestorePointClient(n);
            else c.getCollectionClient("rg", "c").getRestorePointClient("p").getDiskRestorePointClient(n);
          }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("ids: copy sources, excluded disks, collection sources and parseResourceId", async () => {
    const rp = client().getCollectionClient("rg", "c").getRestorePointClient("p");
    const collection = client().getCollectionClient("rg", "c");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("copy", "exclude", "vm", "source", "plan", "parse"),
        badId,
        malformedId,
        async (where, id, malformed) => {
          const s = id as string;
          if (where === "copy") expectArgumentError(syncError(() => rp.beginCopy(s)));
          else if (where === "exclude")
            expectArgumentError(syncError(() => rp.beginCreate({ excludeDiskIds: [s] })));
          else if (where === "vm") {
            expectArgumentError(
              await asyncError(() => collection.create({ location: "westeurope", sourceVmId: s })),
            );
          } else if (where === "source") {
            expectArgumentError(
              await asyncError(() => collection.create({ location: "westeurope", sourceCollectionId: s })),
            );
          } else if (where === "plan") expectArgumentError(await asyncError(() => rp.planCopy(s)));
          else expectArgumentError(syncError(() => parseResourceId(malformed as string)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("regions: copyRegions, region helpers and the region guard", () => {
    const badRegions = fc.oneof(
      nonString.filter((v) => !Array.isArray(v)),
      fc.array(fc.oneof(nonString, fc.constant("")), { minLength: 1, maxLength: 3 }),
      fc.constantFrom("all", "ANY", ""),
    );
    fc.assert(
      fc.property(
        fc.constantFrom("option", "normalize", "supported", "guard"),
        badRegions,
        fc.string(),
        (where, bad, text) => {
          if (where === "option") {
            expectArgumentError(syncError(() => client({ copyRegions: bad as readonly string[] })));
          } else if (where === "normalize") {
            expectArgumentError(
              syncError(() => normalizeRegion((typeof bad === "string" ? 42 : bad) as unknown as string)),
            );
          } else if (where === "supported") {
            expectArgumentError(
              syncError(() =>
                isRegionSupportedForCrossRegion((typeof bad === "string" ? null : bad) as unknown as string),
              ),
            );
            expect(typeof isRegionSupportedForCrossRegion(text)).toBe("boolean");
          } else {
            // Any two strings: the guard answers with RestorePointErrors only, never throws.
            const violations = checkCopyRegions(text, `${text}x`, ["westeurope"], GOOD_POINT);
            for (const v of violations) expectArgumentError(v);
            if (violations.length === 0) badInputs++;
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("durations: SAS lifetime, instant access, polling interval, guard options", () => {
    const drp = client()
      .getCollectionClient("rg", "c")
      .getRestorePointClient("p")
      .getDiskRestorePointClient("d");
    const rp = client().getCollectionClient("rg", "c").getRestorePointClient("p");
    const notIn = (min: number, max: number) =>
      fc.oneof(
        fc.integer({ max: min - 1 }),
        fc.integer({ min: max + 1 }),
        fc.double({ noNaN: false }).filter((v) => !(Number.isInteger(v) && v >= min && v <= max)),
        fc.constantFrom(Number.NaN, Infinity, -Infinity, "60", null, true),
      );
    fc.assert(
      fc.property(
        fc.constantFrom("sas", "instant", "interval", "limit", "ttl"),
        notIn(1, 5_184_000),
        notIn(60, 300),
        fc.oneof(fc.double({ max: -Number.MIN_VALUE }), fc.constantFrom(Number.NaN, Infinity, "5", null)),
        notIn(1, 1_000_000).filter((v) => !(typeof v === "number" && Number.isInteger(v) && v >= 1)),
        (where, sas, minutes, interval, limit) => {
          if (where === "sas") {
            expectArgumentError(syncError(() => drp.beginGrantAccess({ durationInSeconds: sas as number })));
          } else if (where === "instant") {
            expectArgumentError(
              syncError(() => rp.beginCreate({ instantAccessDurationMinutes: minutes as number })),
            );
          } else if (where === "interval") {
            expectArgumentError(syncError(() => rp.beginCreate({ updateIntervalInMs: interval as number })));
          } else if (where === "limit") {
            expectArgumentError(syncError(() => client({ maxRestorePointsPerVm: limit as number })));
          } else {
            expectArgumentError(syncError(() => client({ preflightCacheTtlInMs: interval as number })));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("option bags of beginCreate, planCreate, beginCopy, create and beginRestoreDisk", async () => {
    const collection = client().getCollectionClient("rg", "c");
    const rp = collection.getRestorePointClient("p");
    const drp = rp.getDiskRestorePointClient("d");
    const createBag = fc.oneof(
      nonString.filter((v) => v !== null && (typeof v !== "object" || Array.isArray(v))),
      fc.constant(null),
      fc.record({
        excludeDiskIds: fc.oneof(
          nonString.filter((v) => !Array.isArray(v)),
          fc.array(badId, { minLength: 1, maxLength: 2 }),
        ),
      }),
      fc.record({ excludeUnsupportedDisks: badBoolean }),
      fc.record({ skipPreflight: badBoolean }),
      fc.record({ countAcrossCollections: badBoolean }),
      // An open enumeration: any non-empty string is sent, so only empty or non-strings fail here.
      fc.record({ consistencyMode: fc.oneof(fc.constantFrom("", "  "), nonString) }),
      fc.record({ resumeFrom: fc.oneof(fc.integer(), fc.boolean(), fc.object({ maxDepth: 0 })) }),
    );
    const copyBag = fc.oneof(
      fc.record({ waitForReplication: badBoolean }),
      fc.record({ skipPreflight: badBoolean }),
      fc.record({ updateIntervalInMs: fc.constantFrom(-1, Number.NaN, "1") }),
    );
    const collectionBag = fc.oneof(
      nonString.filter((v) => v !== null && typeof v !== "object"),
      fc.record({
        location: fc.oneof(nonString, fc.constant("")),
        sourceVmId: fc.constant(`${RG_PATH}/virtualMachines/vm`),
      }),
      fc.record({ location: fc.constant("westeurope") }),
      fc.record({
        location: fc.constant("westeurope"),
        sourceVmId: fc.constant(`${RG_PATH}/virtualMachines/vm`),
        sourceCollectionId: fc.constant(`${RG_PATH}/restorePointCollections/c0`),
      }),
      fc.record({
        location: fc.constant("westeurope"),
        sourceVmId: fc.constant(`${RG_PATH}/virtualMachines/vm`),
        tags: fc.oneof(fc.integer(), fc.constant({ a: 1 }), fc.constant([])),
      }),
      fc.record({
        location: fc.constant("westeurope"),
        sourceVmId: fc.constant(`${RG_PATH}/virtualMachines/vm`),
        skipPreflight: badBoolean,
      }),
    );
    const restoreBag = fc.oneof(
      fc.record({ diskName: badName }),
      fc.record({ diskName: fc.constant("d1"), sku: fc.oneof(fc.constantFrom("", " "), nonString) }),
      fc.record({ diskName: fc.constant("d1"), resourceGroup: badName }),
      fc.record({ diskName: fc.constant("d1"), allowIncompleteReplication: badBoolean }),
      fc.record({ diskName: fc.constant("d1"), diskEncryptionSetId: badId }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("create", "plan", "copy", "collection", "restore"),
        createBag,
        copyBag,
        collectionBag,
        restoreBag,
        async (where, create, copy, coll, restore) => {
          if (where === "create") expectArgumentError(syncError(() => rp.beginCreate(create as object)));
          else if (where === "plan")
            expectArgumentError(await asyncError(() => rp.planCreate(create as object)));
          else if (where === "copy")
            expectArgumentError(syncError(() => rp.beginCopy(GOOD_POINT, copy as object)));
          else if (where === "collection") {
            expectArgumentError(await asyncError(() => collection.create(coll as { location: string })));
          } else {
            expectArgumentError(syncError(() => drp.beginRestoreDisk(restore as { diskName: string })));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("facts: the pure guards answer any state with RestorePointErrors, and service errors map safely", () => {
    const diskFacts: fc.Arbitrary<DiskFacts> = fc.record({
      diskId: fc.option(fc.constantFrom(`${RG_PATH}/disks/a`, `${RG_PATH}/disks/B`, `${RG_PATH}/disks/b`), {
        nil: undefined,
      }),
      name: fc.string({ maxLength: 5 }),
      isOsDisk: fc.boolean(),
      sku: fc.option(fc.constantFrom("UltraSSD_LRS", "PremiumV2_LRS", "Premium_LRS", "weird"), {
        nil: undefined,
      }),
      ephemeral: fc.boolean(),
      unmanaged: fc.boolean(),
      writeAcceleratorEnabled: fc.boolean(),
      maxShares: fc.option(fc.integer({ min: -1, max: 10 }), { nil: undefined }),
    });
    const pointFacts: fc.Arbitrary<PointFacts> = fc.record({
      id: fc.constantFrom(GOOD_POINT, `${GOOD_POINT}2`),
      name: fc.string({ maxLength: 4 }),
      provisioningState: fc.option(fc.constantFrom("Creating", "Succeeded", "Failed", "x"), {
        nil: undefined,
      }),
      sourceRestorePointId: fc.option(fc.constantFrom(GOOD_POINT, "nonsense"), { nil: undefined }),
      createdOn: fc.option(fc.date(), { nil: undefined }),
    });
    const collection = fc.record({
      id: fc.constantFrom(`${RG_PATH}/restorePointCollections/c`, `${RG_PATH}/restorePointCollections/t`),
      name: fc.string({ maxLength: 3 }),
      location: fc.string({ maxLength: 8 }),
      sourceId: fc.option(
        fc.constantFrom(`${RG_PATH}/restorePointCollections/c`, `${RG_PATH}/virtualMachines/v`, "x"),
        {
          nil: undefined,
        },
      ),
      points: fc.array(pointFacts, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(diskFacts, { maxLength: 5 }),
        fc.array(fc.constantFrom(`${RG_PATH}/disks/a`, `${RG_PATH}/disks/zzz`, "junk"), { maxLength: 3 }),
        fc.boolean(),
        fc.option(fc.constantFrom("CrashConsistent", "ApplicationConsistent" as const), { nil: undefined }),
        collection,
        collection,
        fc.option(pointFacts, { nil: undefined }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          "VMRestorePointClientError",
          "BadRequest",
          "InvalidParameter",
          "OperationNotAllowed",
          "Other",
        ),
        secretText,
        (disks, exclude, auto, mode, target, sourceCollection, source, message, code, secret) => {
          const vm = { id: `${RG_PATH}/virtualMachines/v`, name: "v", location: "westeurope", disks };
          const selection = selectCaptureDisks(vm, {
            restorePointId: GOOD_POINT,
            excludeDiskIds: exclude,
            excludeUnsupportedDisks: auto,
            consistencyMode: mode,
          });
          const copy = checkCopy({
            restorePointId: GOOD_POINT,
            target,
            sourceCollection,
            source,
            sourceRestorePointId: GOOD_POINT,
            sourceDisks: [{ id: "d", name: "d", networkAccessPolicy: message }],
            copyRegions: ["westeurope", "northeurope"],
          });
          for (const v of [...selection.violations, ...copy]) expectArgumentError(v);
          const error = new RestError(`${message} ${secret}`, { code, statusCode: 400 });
          error.details = {
            error: { code, message: `${message} copy of a copy ${secret}`, target: "excludeDisks" },
          };
          for (const kind of ["createRestorePoint", "copyRestorePoint", "createCollection"] as const) {
            const mapped = mapServiceError(
              error,
              kind === "createRestorePoint"
                ? { kind, restorePointId: GOOD_POINT, excludeDiskIds: exclude, limit: 500 }
                : kind === "copyRestorePoint"
                  ? { kind, restorePointId: GOOD_POINT, copyRegions: "any" }
                  : { kind, collectionId: GOOD_POINT, location: "westeurope" },
            );
            if (mapped !== error) expectArgumentError(mapped);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("issue 16: service name rules, tags, retry, interval and api-version options, abort signals, read options", async () => {
    const collection = client().getCollectionClient("rg", "c");
    const point = collection.getRestorePointClient("p");
    const drp = point.getDiskRestorePointClient("d");
    // Names the service refuses although the old local checks let them through.
    const serviceBadName = fc.oneof(
      fc.constantFrom(".", "..", ".lead", "-a", "a."),
      fc.stringMatching(/^[a-z]{1,10}$/).map((s) => `.${s}`),
    );
    // Disk names take no period at all.
    const badDiskName = fc.oneof(
      fc.constantFrom(".", "..", ".lead", "a."),
      fc.stringMatching(/^[a-z]{1,10}$/).map((s) => `${s}.${s}`),
    );
    const forbiddenTagChar = fc.constantFrom("<", ">", "%", "&", "\\", "?", "/", "\n", "\u0000");
    const badTags = fc.oneof(
      fc.constant(new Map([["a", "b"]])),
      fc.constant(new Set(["a"])),
      fc.constant(new Date()),
      fc
        .integer({ min: 51, max: 80 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, "v"]))),
      fc.integer({ min: 513, max: 600 }).map((n) => ({ ["n".repeat(n)]: "v" })),
      fc.integer({ min: 257, max: 400 }).map((n) => ({ name: "v".repeat(n) })),
      fc.tuple(fc.string({ maxLength: 4 }), forbiddenTagChar).map(([a, c]) => ({ [`${a}${c}`]: "v" })),
      fc.constantFrom({ "": "v" }, { "  ": "v" }),
    );
    const badInterval = fc.oneof(
      fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
      fc.double({ min: 2 ** 31, noNaN: true }),
      fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, "10", null, true, 10n),
    );
    const badRetry = fc.oneof(
      fc.record({
        maxRetries: fc.oneof(
          fc.integer({ max: -1 }),
          fc.integer({ min: 101 }),
          fc.double().filter((v) => !Number.isInteger(v)),
          fc.constantFrom(Number.NaN, "3", null),
        ),
      }),
      fc.record({ retryDelayInMs: badInterval }),
      fc.record({ maxRetryDelayInMs: badInterval }),
      nonString.filter((v) => v !== null && (typeof v !== "object" || Array.isArray(v))),
      fc.constant(null),
    );
    const badVersion = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 2021, max: 2030 }),
          fc.integer({ min: 13, max: 99 }),
          fc.integer({ min: 1, max: 28 }),
        )
        .map(([y, m, d]) => `${y}-${m}-${String(d).padStart(2, "0")}`),
      fc
        .tuple(
          fc.integer({ min: 2021, max: 2030 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 32, max: 99 }),
        )
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${d}`),
      fc.constantFrom(
        "0000-00-00",
        "2020-01-01",
        "2019-07-01",
        "2023-02-29",
        "2025-04-01-beta",
        "latest",
        "",
      ),
      nonString,
    );
    const badSignal = fc.oneof(
      fc.constantFrom("soon", 1, true, null, {}, { aborted: false }, { addEventListener: () => undefined }),
      fc.object({ maxDepth: 0 }),
    );
    const badReadOptions = fc.oneof(
      nonString.filter((v) => v !== null && (typeof v !== "object" || Array.isArray(v))),
      fc.constant(null),
      badSignal.map((abortSignal) => ({ abortSignal })),
    );
    const bad = fc.record({
      name: serviceBadName,
      diskName: badDiskName,
      tags: badTags,
      retry: badRetry,
      interval: badInterval,
      version: badVersion,
      signal: badSignal,
      read: badReadOptions,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "name",
          "diskName",
          "tags",
          "collectionTags",
          "retry",
          "interval",
          "version",
          "signal",
          "read",
        ),
        bad,
        fc.constantFrom(
          "updateIntervalInMs",
          "replicationPollIntervalInMs",
          "preflightCacheTtlInMs",
          "call",
          "wait",
          "timeout",
        ),
        fc.constantFrom("computeApiVersion", "diskApiVersion"),
        fc.constantFrom("collectionGet", "exists", "pointGet", "progress", "list", "listDisks", "drpGet"),
        async (
          where,
          { name, diskName, tags, retry, interval, version, signal, read },
          intervalKey,
          versionKey,
          reader,
        ) => {
          if (where === "name") {
            expectArgumentError(syncError(() => collection.getRestorePointClient(name)));
          } else if (where === "diskName") {
            expectArgumentError(syncError(() => drp.beginRestoreDisk({ diskName: diskName })));
          } else if (where === "tags") {
            expectArgumentError(
              await asyncError(() => collection.update({ tags: tags as unknown as Record<string, string> })),
            );
          } else if (where === "collectionTags") {
            expectArgumentError(
              await asyncError(() =>
                client().createRestorePoints([`${RG_PATH}/virtualMachines/vm`], {
                  collectionTags: tags as Record<string, string>,
                }),
              ),
            );
          } else if (where === "retry") {
            expectArgumentError(syncError(() => client({ retryOptions: retry as object })));
          } else if (where === "interval") {
            const ms = interval as number;
            if (intervalKey === "call")
              expectArgumentError(syncError(() => point.beginDelete({ updateIntervalInMs: ms })));
            else if (intervalKey === "wait")
              expectArgumentError(await asyncError(() => point.waitForReplication({ intervalInMs: ms })));
            else if (intervalKey === "timeout")
              expectArgumentError(await asyncError(() => point.waitForReplication({ timeoutInMs: ms })));
            else expectArgumentError(syncError(() => client({ [intervalKey]: ms })));
          } else if (where === "version") {
            expectArgumentError(syncError(() => client({ [versionKey]: version as string })));
          } else if (where === "signal") {
            const abortSignal = signal as unknown as AbortSignal;
            expectArgumentError(
              await asyncError(() =>
                client().createRestorePoints([`${RG_PATH}/virtualMachines/vm`], { abortSignal }),
              ),
            );
            expectArgumentError(syncError(() => point.beginCreate({ abortSignal })));
          } else {
            const options = read as never;
            const call: () => unknown =
              reader === "collectionGet"
                ? () => collection.get(options)
                : reader === "exists"
                  ? () => collection.exists(options)
                  : reader === "pointGet"
                    ? () => point.get(options)
                    : reader === "progress"
                      ? () => point.getReplicationProgress(options)
                      : reader === "list"
                        ? () => collection.listRestorePoints(options)
                        : reader === "listDisks"
                          ? () => point.listDiskRestorePoints(options)
                          : () => drp.get(options);
            expectArgumentError(await asyncError(() => Promise.resolve().then(call)));
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it("covered at least 10,000 bad inputs without sending a request", () => {
    expect(badInputs).toBeGreaterThanOrEqual(14_000);
    expect(requests).toBe(0);
  });
});
