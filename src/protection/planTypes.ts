/**
 * Why a VM gets no restore point in this run: `notDue` (its slot is not here yet), `alreadyTaken`
 * (the slot's point exists), `inProgress` (the slot's point is being created), `failed` (the slot's
 * point exists and failed; the next slot tries again), `windowMissed` (too late for the slot).
 *
 * @public
 */
export type ProtectionSkipReason = "notDue" | "alreadyTaken" | "inProgress" | "failed" | "windowMissed";

/**
 * A restore point the plan creates.
 *
 * @public
 */
export interface PlannedRestorePoint {
  /** The slot, e.g. 2026-11-25T08:00Z. */
  readonly slot: Date;
  /** `<policy>-<yyyyMMddTHHmmZ>`. */
  readonly restorePointName: string;
  /** The VM's collection of this policy in its region. */
  readonly collectionName: string;
  /** Whether that collection exists yet (else the run creates it, tagged). */
  readonly collectionExists: boolean;
  /** The VM's region. */
  readonly region: string;
}

/**
 * Why nothing is created for a VM.
 *
 * @public
 */
export interface ProtectionSkip {
  /** See {@link ProtectionSkipReason}. */
  readonly reason: ProtectionSkipReason;
  /** In words, e.g. `slot 2026-11-25T08:00Z already taken (gold-20261125T0800Z); next slot 2026-11-25T12:00Z`. */
  readonly message: string;
  /** When the next slot starts. */
  readonly nextSlot?: Date;
}

/**
 * A cross-region copy the plan makes.
 *
 * @public
 */
export interface PlannedCopy {
  /** Target region. */
  readonly region: string;
  /** The point to copy (the copy has the same name). */
  readonly restorePointName: string;
  /** Its slot. */
  readonly slot: Date;
  /** The VM's collection of this policy in the target region. */
  readonly targetCollectionName: string;
  /** Whether the target collection exists yet. */
  readonly collectionExists: boolean;
  /** `true` when the point is the one this plan creates: copied once it exists. */
  readonly afterCreate: boolean;
  /** Why, e.g. `first point of 2026-11-25 (daily)`. */
  readonly reason: string;
}

/**
 * A restore point the plan deletes, and the rule that dropped it.
 *
 * @public
 */
export interface PlannedDeletion {
  /** Region of its collection. */
  readonly region: string;
  /** Its collection. */
  readonly collectionName: string;
  /** Resource group of the collection. */
  readonly resourceGroup: string;
  /** The restore point. */
  readonly restorePointName: string;
  /** Its slot. */
  readonly slot: Date;
  /** The retention rule that dropped it, e.g. `not selected by keepLast 6, keepDaily 7`. */
  readonly rule: string;
}

/**
 * What retention keeps in one region, and why.
 *
 * @public
 */
export interface PlannedRetention {
  /** The region. */
  readonly region: string;
  /** Kept points (including the ones this plan creates or copies), oldest first, with the rules that keep them. */
  readonly keep: ReadonlyArray<{
    /** The kept point's name. */
    readonly restorePointName: string;
    /** The slot the point was taken for. */
    readonly slot: Date;
    /** The rules that keep it, e.g. `keepLast, daily`. */
    readonly reason: string;
  }>;
}

/**
 * The plan for one VM.
 *
 * @public
 */
export interface VmProtectionPlan {
  /** VM id. */
  readonly vmId: string;
  /** VM name. */
  readonly vmName: string;
  /** Subscription. */
  readonly subscriptionId: string;
  /** Resource group. */
  readonly resourceGroup: string;
  /** Region. */
  readonly location: string;
  /** The restore point to create, if one is due. */
  readonly create?: PlannedRestorePoint;
  /** Why none is, otherwise. */
  readonly skip?: ProtectionSkip;
  /** Copies to make. */
  readonly copies: readonly PlannedCopy[];
  /** Per copy region with no copy due: why (e.g. `2026-11-25 already has gold-20261125T0000Z (daily)`). */
  readonly copySkips: ReadonlyArray<{
    /** The copy region. */
    readonly region: string;
    /** Why no copy is due there. */
    readonly message: string;
  }>;
  /** Points to delete, oldest first. */
  readonly deletions: readonly PlannedDeletion[];
  /** What retention keeps, per region. */
  readonly retention: readonly PlannedRetention[];
}

/**
 * A plan of `planProtection`: per VM what to create, copy and delete, or why nothing is due.
 * Pure data: it can be printed, compared or carried out later by `runProtection`.
 *
 * @public
 */
export interface ProtectionPlan {
  /** The policy's name. */
  readonly policy: string;
  /** The time the plan is for. */
  readonly now: Date;
  /** The latest slot at or before `now`. */
  readonly slot?: Date;
  /** The next slot after `now`. */
  readonly nextSlot?: Date;
  /** One entry per selected VM (of the shard), in VM id order. */
  readonly vms: readonly VmProtectionPlan[];
}
