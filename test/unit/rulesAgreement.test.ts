/**
 * The SDK's local rules (src/internal) and the emulator's (src/emulator/rules) are separate copies,
 * as the layers require. Generated names, api-versions and tags must get the same verdict from
 * both; a small sample also goes over the wire: what the SDK lets through the emulator accepts,
 * and what the SDK refuses the emulator answers with 400.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIN_COMPUTE_API_VERSION, MIN_DISK_API_VERSION } from "../../src/constants.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import * as emulatorRules from "../../src/emulator/rules/namesAndVersions.js";
import * as emulatorTags from "../../src/emulator/rules/tags.js";
import * as sdkRules from "../../src/internal/nameRules.js";
import * as sdkTags from "../../src/internal/tagRules.js";
import { RestorePointClient } from "../../src/index.js";
import { armFetch, paths } from "../support/armFetch.js";

const KINDS = Object.keys(emulatorRules.NAME_RULES) as emulatorRules.NamedResourceKind[];

const alphabet = fc.constantFrom(
  ..."aZ09_-.()é".split(""),
  "\u0301", // a combining mark (\p{Mn})
  "²", // a digit that is not a decimal digit (\p{No})
  "‿", // connector punctuation other than `_` (\p{Pc})
  ..." <>%&?/#~\\\n".split(""),
);
const name = fc.oneof(
  fc.string({ unit: alphabet, minLength: 1, maxLength: 6 }),
  fc.string({ unit: alphabet, minLength: 60, maxLength: 95 }),
  fc.constantFrom(".", "..", ".lead", "a.", "a-", "_a", "a_", "-a", "(a)", "a".repeat(64), "a".repeat(65)),
);
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: n, maxLength: n });
const apiVersion = fc.oneof(
  fc
    .tuple(digits(4), digits(2), digits(2), fc.boolean())
    .map(([y, m, d, p]) => `${y}-${m}-${d}${p ? "-preview" : ""}`),
  fc
    .tuple(
      fc.integer({ min: 2015, max: 2030 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
  fc.constantFrom(...emulatorRules.COMPUTE_API_VERSIONS, ...emulatorRules.DISK_API_VERSIONS),
  fc.string({ maxLength: 14 }),
);
const tagName = fc.oneof(
  fc.string({ unit: alphabet, minLength: 0, maxLength: 5 }),
  fc.integer({ min: 510, max: 514 }).map((n) => "n".repeat(n)),
  fc.constantFrom("__proto__", "constructor", " ", "a\u0000"),
);
const tagValue = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc.integer({ min: 254, max: 258 }).map((n) => "v".repeat(n)),
);
const tags = fc.oneof(
  fc.array(fc.tuple(tagName, tagValue), { maxLength: 4 }),
  fc
    .integer({ min: 48, max: 52 })
    .map((n) => Array.from({ length: n }, (_, i) => [`t${i}`, "v"] as [string, string])),
);

describe("SDK and emulator rules agree", () => {
  it.each(KINDS)("names of %s", (kind) => {
    fc.assert(
      fc.property(name, (n) => {
        expect({ n, sdk: sdkRules.isValidResourceName(kind, n) }).toEqual({
          n,
          sdk: emulatorRules.isValidName(kind, n),
        });
      }),
      { numRuns: 3000 },
    );
  });

  it("api-version format, and floors the emulator enforces for the routes the SDK uses", () => {
    fc.assert(
      fc.property(apiVersion, (v) => {
        expect({ v, sdk: sdkRules.isWellFormedApiVersion(v) }).toEqual({
          v,
          sdk: emulatorRules.isWellFormedApiVersion(v),
        });
      }),
      { numRuns: 5000 },
    );
    expect(MIN_COMPUTE_API_VERSION).toBe(emulatorRules.API_VERSION_FLOORS.restorePoints);
    // Disk restore points' SAS access is the newest Disk RP route the SDK depends on.
    expect(MIN_DISK_API_VERSION).toBe(emulatorRules.API_VERSION_FLOORS.diskRestorePointAccess);
    const floors: string[] = [
      emulatorRules.API_VERSION_FLOORS.diskRestorePoints,
      emulatorRules.API_VERSION_FLOORS.disks,
    ];
    for (const floor of floors) expect(floor <= MIN_DISK_API_VERSION).toBe(true);
  });

  it("tags", () => {
    expect([sdkTags.MAX_TAGS, sdkTags.MAX_TAG_NAME_LENGTH, sdkTags.MAX_TAG_VALUE_LENGTH]).toEqual([
      emulatorTags.MAX_TAGS,
      emulatorTags.MAX_TAG_NAME_LENGTH,
      emulatorTags.MAX_TAG_VALUE_LENGTH,
    ]);
    fc.assert(
      fc.property(tags, (entries) => {
        const sdk = sdkTags.tagRuleViolation(entries) === undefined;
        expect({ entries, sdk }).toEqual({ entries, sdk: emulatorTags.tagsViolation(entries) === undefined });
      }),
      { numRuns: 3000 },
    );
  });
});

describe("over the wire (a sample)", () => {
  let emu: Emulator;
  let client: RestorePointClient;
  beforeAll(async () => {
    emu = await startEmulator();
    client = new RestorePointClient(emu.subscriptionId, emu.credential, emu.clientOptions);
  });
  afterAll(async () => {
    await emu.close();
  });

  it("collection names: SDK accepts ⇔ the emulator does", async () => {
    const p = paths(emu, "names-rg");
    await armFetch(emu, "PUT", `${p.rg}?api-version=2021-04-01`, { body: { location: "eastus" } });
    await fc.assert(
      fc.asyncProperty(name, async (n) => {
        let sdkAccepts = true;
        try {
          client.getCollectionClient("names-rg", n);
        } catch {
          sdkAccepts = false;
        }
        // A URL parser turns `.`/`..` into another path, which is the point of refusing them; the
        // emulator's own tests send them raw.
        if (n === "." || n === "..") {
          expect(sdkAccepts).toBe(false);
          return;
        }
        const res = await armFetch(
          emu,
          "PUT",
          `${p.collection(encodeURIComponent(n))}?api-version=2025-04-01`,
          {
            body: { location: "eastus", properties: { source: { id: p.vm("missing-vm") } } },
          },
        );
        const code: unknown = (res.body as { error?: { code?: unknown } } | undefined)?.error?.code;
        // The emulator refuses a name with InvalidResourceName; an accepted one gets as far as the
        // missing VM (another error).
        const refused = res.status === 400 && code === "InvalidResourceName";
        expect({ n, refused, code }).toEqual({ n, refused: !sdkAccepts, code });
      }),
      { numRuns: 60 },
    );
  });

  it("api-versions: what the SDK accepts the emulator never calls malformed or too old", async () => {
    const p = paths(emu, "names-rg");
    await fc.assert(
      fc.asyncProperty(apiVersion, async (v) => {
        let sdkAccepts = true;
        try {
          new RestorePointClient(emu.subscriptionId, emu.credential, {
            ...emu.clientOptions,
            computeApiVersion: v,
          });
        } catch {
          sdkAccepts = false;
        }
        const res = await armFetch(emu, "GET", `${p.collection("c")}?api-version=${encodeURIComponent(v)}`);
        const code: unknown = (res.body as { error?: { code?: unknown } } | undefined)?.error?.code;
        if (sdkAccepts) {
          // Accepted locally: found or not (404), or a version this emulator has not published.
          expect({ v, code: res.status === 404 ? "NotFound" : code }).toEqual({
            v,
            code: res.status === 404 ? "NotFound" : "NoRegisteredProviderFound",
          });
        } else {
          expect({ v, status: res.status }).toEqual({ v, status: 400 });
        }
      }),
      { numRuns: 60 },
    );
  });
});
