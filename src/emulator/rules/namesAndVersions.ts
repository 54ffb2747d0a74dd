/**
 * The exact rules the emulator applies to resource names and api-versions, in one place, so that
 * the SDK's own checks can be compared with them (a property test generates names and versions
 * and expects SDK and emulator to agree on every one). They follow Azure: the Compute and Disk RP
 * parameter descriptions (azure-spec CONTRACT.md), Azure's naming-rules page and ARM's
 * api-version handling (SERVICE-RULES.md).
 *
 * Names (each rule is one anchored pattern; lengths count characters):
 * - resource groups: 1–90 of letters (Unicode ones too, as .NET's `\w`), digits, `_ - . ( )`,
 *   not ending with `.`;
 * - restore point collections and restore points: 1–80 of letters, digits, `_ . -`, starting
 *   with a letter, digit or `_`, not ending with `.`;
 * - managed disks: 1–80 of letters, digits, `_ -` (no `.` at all, so `.lead` is refused);
 * - virtual machines: 1–64 of letters, digits, `_ . -`, starting with a letter or digit, not
 *   ending with `.` or `-`;
 * - network interfaces and subnets: 1–80 of letters, digits, `_ . -`, starting with a letter or
 *   digit, ending with a letter, digit or `_`;
 * - virtual networks: 2–64, the same characters and ends as network interfaces.
 * No rule lets `.` or `..` through, and the front door refuses them as path segments anyway.
 *
 * api-versions: `yyyy-mm-dd` or `yyyy-mm-dd-preview` where the date is a real calendar date
 * (`2025-13-45` and `0000-00-00` are malformed: 400 `InvalidApiVersionParameter`). Compute and
 * Disk RP routes accept only published versions ({@link COMPUTE_API_VERSIONS},
 * {@link DISK_API_VERSIONS}, plus `rules.extraApiVersions`), each not older than the route's
 * floor ({@link API_VERSION_FLOORS}); Resources and Network routes accept every well-formed
 * version since their floor. Too old → 400 `BadRequest`; unpublished → 400
 * `NoRegisteredProviderFound`.
 */
import { armErrors } from "../armErrors.js";

/** The resources whose names the emulator checks. */
export type NamedResourceKind =
  | "resourceGroup"
  | "restorePointCollection"
  | "restorePoint"
  | "disk"
  | "virtualMachine"
  | "networkInterface"
  | "virtualNetwork"
  | "subnet";

/** One name rule: the ARM type it applies to, its pattern and the sentence an error quotes. */
export interface NameRule {
  readonly resourceType: string;
  readonly pattern: RegExp;
  readonly description: string;
}

const COMPUTE_NAME: Omit<NameRule, "resourceType"> = {
  pattern: /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_-])?$/,
  description:
    "Names are 1 to 80 characters of letters, digits, underscores, periods and hyphens, start with a letter, digit or underscore, and do not end with a period.",
};
const NETWORK_NAME_80: Omit<NameRule, "resourceType"> = {
  pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/,
  description:
    "Names are 1 to 80 characters of letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.",
};

export const NAME_RULES: Readonly<Record<NamedResourceKind, NameRule>> = {
  resourceGroup: {
    resourceType: "Microsoft.Resources/resourceGroups",
    // ARM's rule is .NET's `^[-\w._()]+$`, whose `\w` takes Unicode letters, marks, digits and connectors.
    pattern: /^[-\p{L}\p{Mn}\p{Nd}\p{Pc}.()]{0,89}[-\p{L}\p{Mn}\p{Nd}\p{Pc}()]$/u,
    description:
      "Names are 1 to 90 characters of letters (Unicode included), digits, underscores, hyphens, periods and parentheses, and do not end with a period.",
  },
  restorePointCollection: { resourceType: "Microsoft.Compute/restorePointCollections", ...COMPUTE_NAME },
  restorePoint: { resourceType: "Microsoft.Compute/restorePointCollections/restorePoints", ...COMPUTE_NAME },
  disk: {
    resourceType: "Microsoft.Compute/disks",
    pattern: /^[A-Za-z0-9_-]{1,80}$/,
    description: "Disk names are 1 to 80 characters of letters, digits, underscores and hyphens.",
  },
  virtualMachine: {
    resourceType: "Microsoft.Compute/virtualMachines",
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?$/,
    description:
      "Names are 1 to 64 characters of letters, digits, underscores, periods and hyphens, start with a letter or digit, and do not end with a period or hyphen.",
  },
  networkInterface: { resourceType: "Microsoft.Network/networkInterfaces", ...NETWORK_NAME_80 },
  virtualNetwork: {
    resourceType: "Microsoft.Network/virtualNetworks",
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9_]$/,
    description:
      "Names are 2 to 64 characters of letters, digits, underscores, periods and hyphens, start with a letter or digit, and end with a letter, digit or underscore.",
  },
  subnet: { resourceType: "Microsoft.Network/virtualNetworks/subnets", ...NETWORK_NAME_80 },
};

/** Whether `name` is a valid name for `kind`. */
export function isValidName(kind: NamedResourceKind, name: string): boolean {
  return NAME_RULES[kind].pattern.test(name);
}

/** Throws 400 `InvalidResourceName` when `name` breaks the rule of `kind`. */
export function checkName(kind: NamedResourceKind, name: string): void {
  const rule = NAME_RULES[kind];
  if (!rule.pattern.test(name))
    throw armErrors.invalidResourceName(name, rule.resourceType, rule.description);
}

/** `checkName` for the Network RP types, by ARM type (as the network modules know them). */
export function checkNetworkName(name: string, resourceType: string): void {
  checkName(
    resourceType.endsWith("/subnets")
      ? "subnet"
      : resourceType.endsWith("/virtualNetworks")
        ? "virtualNetwork"
        : "networkInterface",
    name,
  );
}

// --- api-versions ----------------------------------------------------------------------------

const API_VERSION_FORMAT = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/;

/** Whether `version` is `yyyy-mm-dd[-preview]` with a real calendar date (year 1 or later). */
export function isWellFormedApiVersion(version: string): boolean {
  const match = API_VERSION_FORMAT.exec(version);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** Compute RP versions (VMs, restore point collections and restore points). */
export const COMPUTE_API_VERSIONS: readonly string[] = [
  "2019-03-01", "2019-07-01", "2019-12-01", "2020-06-01", "2020-12-01",
  "2021-03-01", "2021-04-01", "2021-07-01", "2021-11-01", "2022-03-01", "2022-08-01", "2022-11-01",
  "2023-03-01", "2023-07-01", "2023-09-01", "2024-03-01", "2024-07-01", "2024-11-01", "2025-04-01",
  "2025-11-01", "2026-03-01", "2026-04-01",
]; // prettier-ignore

/** Disk RP versions (disks, disk restore points). */
export const DISK_API_VERSIONS: readonly string[] = [
  "2019-07-01", "2019-11-01", "2020-05-01", "2020-06-30", "2020-09-30", "2020-12-01", "2021-04-01",
  "2021-08-01", "2021-12-01", "2022-03-02", "2022-07-02", "2023-01-02", "2023-04-02", "2023-10-02",
  "2024-03-02", "2025-01-02", "2026-03-02",
]; // prettier-ignore

/**
 * The oldest api-version each kind of route accepts. Restore points' floor is the default of
 * `rules.minComputeApiVersion`; Resources and Network accept every well-formed version since theirs.
 */
export const API_VERSION_FLOORS = {
  virtualMachines: "2019-03-01",
  restorePoints: "2021-03-01",
  disks: "2019-07-01",
  diskRestorePoints: "2020-09-30",
  diskRestorePointAccess: "2020-12-01",
  resources: "2014-04-01",
  network: "2015-06-15",
} as const;
