import type { RestorePointEncryptionOptions } from "../models/encryption.js";
import type { ConsistencyMode } from "../models/common.js";

/**
 * A length of time in a protection policy; the parts add up (`{ hours: 1, minutes: 30 }` is 90
 * minutes). At least one part must be given and the sum must be positive.
 *
 * @public
 */
export interface PolicyDuration {
  /** Days. */
  days?: number;
  /** Hours. */
  hours?: number;
  /** Minutes. */
  minutes?: number;
}

/**
 * Which VMs a {@link ProtectionPolicy} protects. A VM is selected when it is in one of
 * `subscriptions` (default: the client's subscription), in one of `resourceGroups` (default: any),
 * carries every tag in `tags`, or is named in `includeVmIds`; and is not named in `excludeVmIds`.
 *
 * @public
 */
export interface ProtectionSelector {
  /** Subscription ids to look in. @defaultValue the client's subscription */
  subscriptions?: string[];
  /** Resource groups to look in (case-insensitive). @defaultValue every resource group */
  resourceGroups?: string[];
  /**
   * Tags a VM must carry, all of them: a string value must match exactly (tag names compare
   * case-insensitively, as in ARM; values case-sensitively), `true` only requires the tag to exist.
   */
  tags?: Record<string, string | true>;
  /** VM ids protected even when the filters above do not select them (in `subscriptions`). */
  includeVmIds?: string[];
  /** VM ids never protected, whatever else selects them. */
  excludeVmIds?: string[];
}

/**
 * When a {@link ProtectionPolicy} takes restore points: either every N hours or minutes (slots at
 * whole multiples of the interval since 1970-01-01T00:00Z, so `everyHours: 4` gives 00:00, 04:00,
 * 08:00 … UTC), or a `cron` expression read in `timeZone`.
 *
 * @public
 */
export interface ProtectionSchedule {
  /** A slot every N hours (1-168). */
  everyHours?: number;
  /** A slot every N minutes (5-1440). */
  everyMinutes?: number;
  /** A five-field cron expression (minute hour day-of-month month day-of-week), e.g. `"0 2 * * *"`. */
  cron?: string;
  /** IANA time zone of `cron`, e.g. `"Europe/Berlin"`. @defaultValue `"UTC"` */
  timeZone?: string;
  /**
   * How long after its start a slot may still be taken; a run later than that skips the slot
   * ("window missed") and waits for the next one.
   * @defaultValue until the next slot starts
   */
  window?: PolicyDuration;
}

/**
 * Cross-region copies of a {@link ProtectionPolicy}'s restore points.
 *
 * @public
 */
export interface ProtectionCopy {
  /** Target regions, e.g. `["northeurope"]`. */
  regions: string[];
  /**
   * How often a point is copied: `slot` copies every point; `daily` (`weekly`) the first point
   * of each UTC day (ISO week) that the run sees.
   * @defaultValue `"slot"`
   */
  every?: "slot" | "daily" | "weekly";
  /** Whether a run waits until each copy is fully replicated. @defaultValue false */
  waitForReplication?: boolean;
}

/**
 * Which of its own restore points a {@link ProtectionPolicy} keeps, in each VM's collection in
 * each region: the grandfather-father-son rules of {@link RetentionPolicy}. A point is kept when any
 * rule selects it; a policy's points are dated by their slot.
 *
 * @public
 */
export interface ProtectionRetention {
  /** Keep the N newest successful points. */
  keepLast?: number;
  /** Keep the newest point of each of the N most recent UTC days that have one. */
  keepDaily?: number;
  /** Keep the newest point of each of the N most recent ISO weeks that have one. */
  keepWeekly?: number;
  /** Keep the newest point of each of the N most recent UTC months that have one. */
  keepMonthly?: number;
  /** Keep every point younger than this many days. */
  maxAgeDays?: number;
  /**
   * Collection tag listing point names never to delete (see {@link DEFAULT_PROTECTED_TAG});
   * `false` to ignore it.
   * @defaultValue `"vmrp-protected"`
   */
  protectedTag?: string | false;
}

/**
 * A protection policy: which VMs get restore points, when, with which copies and for how long.
 * Written as JSON or YAML and checked by {@link parseProtectionPolicy} against
 * {@link PROTECTION_POLICY_SCHEMA}.
 *
 * @example
 * ```json
 * {
 *   "name": "gold",
 *   "selector": { "resourceGroups": ["rg-prod"], "tags": { "backup": "gold" } },
 *   "schedule": { "everyHours": 4 },
 *   "retention": { "keepLast": 6, "keepDaily": 7, "keepWeekly": 4, "keepMonthly": 12 },
 *   "copy": { "regions": ["northeurope"], "every": "daily" },
 *   "rpo": { "hours": 8 }
 * }
 * ```
 *
 * @public
 */
export interface ProtectionPolicy {
  /** The policy's name: 1-40 letters, digits or hyphens, starting with a letter or digit. Part of every restore point name. */
  name: string;
  /** Free text. */
  description?: string;
  /** Which VMs. */
  selector: ProtectionSelector;
  /** When. */
  schedule: ProtectionSchedule;
  /** What to keep. */
  retention: ProtectionRetention;
  /** Cross-region copies. */
  copy?: ProtectionCopy;
  /** Consistency mode of the restore points. @defaultValue the service default (application-consistent) */
  consistency?: ConsistencyMode;
  /** Leave out disks restore points cannot capture instead of failing the VM. @defaultValue false */
  excludeUnsupported?: boolean;
  /** Instant-access duration of the snapshots in minutes (60-300). */
  instantAccessMinutes?: number;
  /** Encryption of the disk restore points. */
  encryption?: RestorePointEncryptionOptions;
  /**
   * The age of a VM's newest point after which it counts as out of its recovery point objective.
   * @defaultValue twice the interval between slots
   */
  rpo?: PolicyDuration;
}
