/**
 * The SDK's copy of Azure's rules for resource names and api-versions. The emulator keeps its own
 * copy (the layers forbid sharing one); a property test generates names and versions and checks
 * that both copies agree on every one, so a name the SDK lets through is one the service accepts
 * and a name it refuses is one the service would answer with 400.
 *
 * Names (lengths count UTF-16 code units, as .NET does):
 * - resource groups: 1–90 of Unicode letters and marks, decimal digits, connector punctuation
 *   (`_`), `- . ( )`, not ending with `.` (ARM's `^[-\w._()]+$`);
 * - restore point collections and restore points: 1–80 of letters, digits, `_ . -`, starting with
 *   a letter, digit or `_`, not ending with `.`;
 * - managed disks: 1–80 of letters, digits, `_ -` (no `.` at all);
 * - virtual machines: 1–64 of letters, digits, `_ . -`, starting with a letter or digit, ending
 *   with a letter, digit or `_`;
 * - network interfaces and subnets: 1–80 of the same, same ends; virtual networks: 2–64.
 * - disk restore points (named by the service, `<diskName>_<guid>`): 1–128 of letters, digits,
 *   `_ . -`, not ending with `.`.
 * None lets `.` or `..` through, which URL normalisation would turn into another resource's path.
 */

/** Kinds of resources whose names the SDK checks. */
export type NameKind =
  | "resourceGroup"
  | "restorePointCollection"
  | "restorePoint"
  | "diskRestorePoint"
  | "disk"
  | "virtualMachine"
  | "networkInterface"
  | "virtualNetwork"
  | "subnet";

interface NameRule {
  readonly pattern: RegExp;
  /** What a valid name looks like, for error messages. */
  readonly rule: string;
}

const COMPUTE: NameRule = {
  pattern: /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_-])?$/,
  rule: "1-80 letters, digits, underscores, periods or hyphens, starting with a letter, digit or underscore and not ending in a period",
};
const NETWORK_80: NameRule = {
  pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/,
  rule: "1-80 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore",
};

const RULES: Readonly<Record<NameKind, NameRule>> = {
  resourceGroup: {
    pattern: /^[-\p{L}\p{Mn}\p{Nd}\p{Pc}.()]{0,89}[-\p{L}\p{Mn}\p{Nd}\p{Pc}()]$/u,
    rule: "1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending in a period",
  },
  restorePointCollection: COMPUTE,
  restorePoint: COMPUTE,
  diskRestorePoint: {
    pattern: /^[A-Za-z0-9_.-]{0,127}[A-Za-z0-9_-]$/,
    rule: "1-128 letters, digits, underscores, hyphens or periods, not ending in a period",
  },
  disk: {
    pattern: /^[A-Za-z0-9_-]{1,80}$/,
    rule: "1-80 letters, digits, underscores or hyphens (no periods)",
  },
  virtualMachine: {
    pattern: /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?$/,
    rule: "1-64 letters, digits, underscores, periods or hyphens, starting with a letter or digit and not ending in a period or hyphen",
  },
  networkInterface: NETWORK_80,
  virtualNetwork: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9_]$/,
    rule: "2-64 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore",
  },
  subnet: NETWORK_80,
};

/** Whether `name` is a valid name for `kind`. */
export function isValidResourceName(kind: NameKind, name: string): boolean {
  return RULES[kind].pattern.test(name);
}

/** The sentence describing valid names of `kind`, e.g. for a RangeError. */
export function nameRuleOf(kind: NameKind): string {
  return RULES[kind].rule;
}

// --- api-versions ----------------------------------------------------------------------------

const API_VERSION_FORMAT = /^(\d{4})-(\d{2})-(\d{2})(-preview)?$/;

/** Whether `version` is `yyyy-mm-dd[-preview]` with a real calendar date (year 1 or later). */
export function isWellFormedApiVersion(version: string): boolean {
  const match = API_VERSION_FORMAT.exec(version);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/** Whether a well-formed version's date is before `floor` (a `-preview` of the floor's date is not). */
export function isBefore(version: string, floor: string): boolean {
  return version.slice(0, 10) < floor;
}
