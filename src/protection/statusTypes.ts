/**
 * How a VM stands against its policy: `protected` (a good point younger than the RPO), `outOfRpo`
 * (none, or the newest is older), `failing` (the newest of the policy's points failed).
 *
 * @public
 */
export type VmProtectionState = "protected" | "outOfRpo" | "failing";

/**
 * The newest restore point of a VM in one region.
 *
 * @public
 */
export interface RegionProtectionStatus {
  /** The region. */
  readonly region: string;
  /** Whether it is the VM's own region (else a copy region). */
  readonly isSource: boolean;
  /** The newest good point there, if any. */
  readonly newest?: {
    /** Restore point name. */
    readonly restorePointName: string;
    /** Its slot (policy points) or creation time (platform points). */
    readonly time: Date;
    /** `policy` for the policy's own points, `platform` for Basic data protection's. */
    readonly kind: "policy" | "platform";
    /** Age at the status time, in ms. */
    readonly ageMs: number;
  };
  /** Good points there (policy and platform). */
  readonly pointCount: number;
}

/**
 * A copy not yet complete: `replicating` (made, data still on its way) or `due` (the plan makes it).
 *
 * @public
 */
export interface PendingCopy {
  /** Target region. */
  readonly region: string;
  /** Restore point name. */
  readonly restorePointName: string;
  /** Which. */
  readonly state: "replicating" | "due";
  /** Replication progress 0..100, when replicating and known. */
  readonly percentComplete?: number;
}

/**
 * A restore point in a VM's timeline (for the report).
 *
 * @public
 */
export interface TimelinePoint {
  /** Restore point name. */
  readonly restorePointName: string;
  /** Region. */
  readonly region: string;
  /** Slot or creation time. */
  readonly time: Date;
  /** `policy` or `platform`. */
  readonly kind: "policy" | "platform";
  /** `succeeded`, `failed` or `inProgress`. */
  readonly state: "succeeded" | "failed" | "inProgress";
}

/**
 * One VM's status.
 *
 * @public
 */
export interface VmProtectionStatus {
  /** VM id. */
  readonly vmId: string;
  /** VM name. */
  readonly vmName: string;
  /** Subscription. */
  readonly subscriptionId: string;
  /** Resource group. */
  readonly resourceGroup: string;
  /** The VM's region. */
  readonly location: string;
  /** See {@link VmProtectionState}. */
  readonly state: VmProtectionState;
  /** Age of the newest good point in the VM's region (policy or platform), in ms; `undefined` when there is none. */
  readonly newestAgeMs?: number;
  /** Per region: the VM's own first, then the copy regions. */
  readonly regions: readonly RegionProtectionStatus[];
  /** Copies not complete yet. */
  readonly pendingCopies: readonly PendingCopy[];
  /** The newest failed point of the policy, if any is still there. */
  readonly lastFailure?: {
    /** The failed point's name. */
    readonly restorePointName: string;
    /** The region it failed in. */
    readonly region: string;
    /** When it was taken or copied. */
    readonly time: Date;
  };
  /** Every point of the policy and of the platform, oldest first. */
  readonly timeline: readonly TimelinePoint[];
}

/**
 * What `protectionStatus` found.
 *
 * @public
 */
export interface ProtectionStatus {
  /** The policy's name. */
  readonly policy: string;
  /** The status time. */
  readonly now: Date;
  /** The recovery point objective in ms. */
  readonly rpoMs: number;
  /** Counts. */
  readonly summary: {
    /** VMs the policy selects. */
    readonly total: number;
    /** VMs whose newest good point is within the RPO. */
    readonly protected: number;
    /** VMs with no good point within the RPO. */
    readonly outOfRpo: number;
    /** VMs whose newest point of the policy failed. */
    readonly failing: number;
  };
  /** Per VM, in VM id order. */
  readonly vms: readonly VmProtectionStatus[];
}
