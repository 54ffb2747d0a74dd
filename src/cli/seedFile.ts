/**
 * `vmrp emulator --seed FILE`: what the emulator starts with, in JSON or YAML, checked against a
 * JSON schema (ajv) so that a typo is reported with its path instead of silently ignored:
 *
 * ```yaml
 * options:                    # emulator options (flags on the command line win)
 *   replicationDurationMs: 5000
 *   operationDelayMs: 100
 * resourceGroups:
 *   - name: rg
 *     location: westeurope
 *     virtualMachines:
 *       - name: web           # location: the group's unless given
 *         osDisk: { sizeGB: 64 }
 *         dataDisks: [{ lun: 0, sizeGB: 128 }, { lun: 1 }]
 *       - name: db
 *         dataDisks: 2         # a count: LUNs 0..n-1 with the default size
 * ```
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import type { AddVmOptions, EmulatorOptions } from "../emulator/index.js";
import { UsageError } from "./exitCodes.js";

const disk = {
  type: "object",
  additionalProperties: false,
  properties: {
    sizeGB: { type: "integer", minimum: 1 },
    sku: { type: "string" },
    caching: { enum: ["None", "ReadOnly", "ReadWrite"] },
    maxShares: { type: "integer", minimum: 1 },
    name: { type: "string" },
    lun: { type: "integer", minimum: 0, maximum: 63 },
  },
} as const;

const SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    options: {
      type: "object",
      additionalProperties: false,
      properties: {
        subscriptionId: { type: "string" },
        operationDelayMs: { type: "integer", minimum: 0 },
        replicationDurationMs: { type: "integer", minimum: 0 },
        replicationSteps: { type: "integer", minimum: 1 },
        retryAfterSeconds: { type: "integer", minimum: 0 },
      },
    },
    resourceGroups: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "location"],
        properties: {
          name: { type: "string", minLength: 1 },
          location: { type: "string", minLength: 1 },
          virtualMachines: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name"],
              properties: {
                name: { type: "string", minLength: 1 },
                location: { type: "string" },
                vmSize: { type: "string" },
                osType: { enum: ["Linux", "Windows"] },
                zone: { type: "string" },
                tags: { type: "object", additionalProperties: { type: "string" } },
                osDisk: disk,
                dataDisks: {
                  oneOf: [
                    { type: "integer", minimum: 0, maximum: 64 },
                    { type: "array", items: disk },
                  ],
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

type SeedDisk = {
  sizeGB?: number;
  sku?: string;
  caching?: string;
  maxShares?: number;
  name?: string;
  lun?: number;
};

export interface SeedFile {
  options?: Pick<
    EmulatorOptions,
    "subscriptionId" | "operationDelayMs" | "replicationDurationMs" | "replicationSteps" | "retryAfterSeconds"
  >;
  resourceGroups?: {
    name: string;
    location: string;
    virtualMachines?: {
      name: string;
      location?: string;
      vmSize?: string;
      osType?: "Linux" | "Windows";
      zone?: string;
      tags?: Record<string, string>;
      osDisk?: SeedDisk;
      dataDisks?: number | SeedDisk[];
    }[];
  }[];
}

const validate = new Ajv({ allErrors: true }).compile(SCHEMA);

export function readSeedFile(path: string): SeedFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read seed file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    // YAML is a superset of JSON: one parser reads both.
    parsed = parseYaml(text);
  } catch (error) {
    throw new UsageError(`Seed file ${path} is neither JSON nor YAML: ${(error as Error).message}`);
  }
  if (!validate(parsed)) {
    const problems = (validate.errors ?? []).map(
      (e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
    );
    throw new UsageError(`Seed file ${path} is not valid: ${problems.join("; ")}`);
  }
  return parsed as SeedFile;
}

/** Data disks from a count (LUNs 0..n-1) or a list (LUNs in order unless given). */
export function dataDisksOf(
  spec: number | SeedDisk[] | undefined,
  sizeGB?: number,
): NonNullable<AddVmOptions["dataDisks"]> {
  if (spec === undefined) return [];
  const list: SeedDisk[] = typeof spec === "number" ? Array.from({ length: spec }, () => ({})) : spec;
  return list.map((d, i) => {
    const sized = d.sizeGB ?? sizeGB;
    return {
      lun: d.lun ?? i,
      ...(sized === undefined ? {} : { sizeGB: sized }),
      ...(d.sku === undefined ? {} : { sku: d.sku as never }),
      ...(d.caching === undefined ? {} : { caching: d.caching as never }),
      ...(d.maxShares === undefined ? {} : { maxShares: d.maxShares }),
      ...(d.name === undefined ? {} : { name: d.name }),
    };
  });
}

/** The `emu.addVm` options of every VM of the seed, and the groups that have none. */
export function seedPlan(seed: SeedFile): {
  groups: { name: string; location: string }[];
  vms: AddVmOptions[];
} {
  const groups = (seed.resourceGroups ?? []).map((g) => ({ name: g.name, location: g.location }));
  const vms = (seed.resourceGroups ?? []).flatMap((g) =>
    (g.virtualMachines ?? []).map((vm): AddVmOptions => ({
      resourceGroup: g.name,
      name: vm.name,
      location: vm.location ?? g.location,
      ...(vm.vmSize === undefined ? {} : { vmSize: vm.vmSize }),
      ...(vm.osType === undefined ? {} : { osType: vm.osType }),
      ...(vm.zone === undefined ? {} : { zone: vm.zone }),
      ...(vm.tags === undefined ? {} : { tags: vm.tags }),
      ...(vm.osDisk === undefined
        ? {}
        : {
            osDisk: {
              ...(vm.osDisk.sizeGB === undefined ? {} : { sizeGB: vm.osDisk.sizeGB }),
              ...(vm.osDisk.sku === undefined ? {} : { sku: vm.osDisk.sku as never }),
              ...(vm.osDisk.name === undefined ? {} : { name: vm.osDisk.name }),
            },
          }),
      dataDisks: dataDisksOf(vm.dataDisks),
    })),
  );
  return { groups, vms };
}
