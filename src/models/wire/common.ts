/**
 * ARM wire shapes shared by Compute and Disk RP bodies (common-types v1 and computeRPCommon), as
 * the service sends and receives them. Internal: the public models are built from these.
 *
 * Every member is optional, whatever the spec says: recorded responses omit fields the spec marks
 * as present, so readers (./read.ts) check each value before using it. Enumerations are `string`:
 * the service adds values over time.
 */

/** A reference to another resource (`ApiEntityReference`, `SubResource`). */
export interface WireReference {
  readonly id?: string;
}

/** An instance view status (`InstanceViewStatus`). */
export interface WireInstanceViewStatus {
  readonly code?: string;
  readonly level?: string;
  readonly displayStatus?: string;
  readonly message?: string;
  readonly time?: string;
}

/** Fields every ARM resource has (`Resource`, `ProxyResource`). */
export interface WireResource {
  readonly id?: string;
  readonly name?: string;
  readonly type?: string;
  readonly location?: string;
  readonly tags?: Readonly<Record<string, string>>;
}
