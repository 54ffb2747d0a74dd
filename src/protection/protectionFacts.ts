import type { VmRestorePoint } from "../models/vmRestorePoint.js";

/**
 * A collection holding restore points of a protected VM, as {@link planProtectionFromFacts} sees
 * it: the policy's own collections (tagged `vmrp-policy`) in the VM's region and in each copy
 * region, the platform's (Basic data protection) and any others.
 *
 * @public
 */
export interface ProtectionCollectionFacts {
  /** ARM id. */
  readonly id: string;
  /** Collection name. */
  readonly name: string;
  /** Resource group. */
  readonly resourceGroup: string;
  /** Region. */
  readonly location: string;
  /** Tags: `vmrp-policy` marks the policy's own collections, `vmrp-protected` lists protected points. */
  readonly tags: Readonly<Record<string, string>>;
  /** Whether the platform made it (Basic data protection): its points count toward the RPO, and are never pruned. */
  readonly platform?: boolean;
  /** Its restore points. */
  readonly points: readonly VmRestorePoint[];
}

/**
 * A VM selected by a policy, with everything the planner needs to know about it.
 *
 * @public
 */
export interface ProtectedVmFacts {
  /** ARM id. */
  readonly id: string;
  /** VM name. */
  readonly name: string;
  /** Subscription id. */
  readonly subscriptionId: string;
  /** Resource group. */
  readonly resourceGroup: string;
  /** The VM's region, where its restore points are taken. */
  readonly location: string;
  /** The VM's tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Collections holding its points, in any region. */
  readonly collections: readonly ProtectionCollectionFacts[];
  /** Ids of its restore points or disk restore points with an active SAS (never deleted). */
  readonly activeAccess?: readonly string[];
}

/**
 * Everything {@link planProtectionFromFacts} and {@link protectionStatusFromFacts} decide on.
 *
 * @public
 */
export interface ProtectionFacts {
  /** The time the plan is for. */
  readonly now: Date;
  /** The selected VMs. */
  readonly vms: readonly ProtectedVmFacts[];
}
