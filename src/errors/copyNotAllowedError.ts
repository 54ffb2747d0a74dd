import { RestorePointError } from "./restorePointError.js";

/**
 * Which copy rule {@link CopyNotAllowedError} reports:
 * - `SameRegion`: source and target are in the same region; a copy must go to another region.
 * - `CopyOfCopy`: the source restore point is itself a copy (or its collection is a copy target).
 * - `AlreadyCopied`: the source restore point was already copied to the target region.
 * - `OutOfOrder`: a newer restore point of the same source was already copied to the target.
 * - `TargetHasOtherSource`: the target collection does not have the source restore point's
 *   collection as its source.
 * - `TargetInOtherRegion`: the target collection is not in the requested target region.
 * - `DuplicateTarget`: the source collection already has a copy-target collection in that region.
 * - `PrivateLink`: a disk restore point of the source uses private network access.
 * - `SourceNotReady`: the source restore point has not finished (not `Succeeded`).
 * - `CopyTargetCollection`: a restore point was to be captured into a collection that only
 *   receives copies.
 *
 * @public
 */
export type CopyNotAllowedReason =
  | "SameRegion"
  | "CopyOfCopy"
  | "AlreadyCopied"
  | "OutOfOrder"
  | "TargetHasOtherSource"
  | "TargetInOtherRegion"
  | "DuplicateTarget"
  | "PrivateLink"
  | "SourceNotReady"
  | "CopyTargetCollection";

/** The rule and the fix, for the default message. */
const EXPLANATIONS: Readonly<Record<CopyNotAllowedReason, string>> = {
  SameRegion: "source and target are in the same region; copy to another region",
  CopyOfCopy:
    "the source is itself a copy, and a copy of a copy is not supported; copy the original restore point",
  AlreadyCopied: "it was already copied to that region; use the existing copy",
  OutOfOrder:
    "a newer restore point of the same source was already copied there, and copies must go in order; copy a newer restore point",
  TargetHasOtherSource:
    "the target collection belongs to another source collection; use (or create) a target collection whose source is the restore point's collection",
  TargetInOtherRegion: "the target collection is in another region; use a collection in the target region",
  DuplicateTarget:
    "the source collection already has a copy target in that region; copy into that collection instead",
  PrivateLink:
    "a disk restore point uses private network access (private link), which cross-region copy does not support",
  SourceNotReady: "the source restore point has not finished; wait until it has succeeded",
  CopyTargetCollection:
    "the collection is the target of a cross-region copy and only receives copies; capture into the source VM's collection",
};

/**
 * Thrown by `beginCopy`/`beginCopyToRegion` (from `poller.submitted()`) and by `collection.create`
 * with `sourceCollectionId` when Azure's copy rules forbid the copy; `reason` says which rule
 * ({@link CopyNotAllowedReason}). Thrown by the client's own checks before anything is sent, or
 * mapped from the service's `BadRequest` when the checks were skipped (the `RestError` is kept as
 * `cause`).
 *
 * @public
 */
export class CopyNotAllowedError extends RestorePointError {
  /** Always `"CopyNotAllowedError"`. */
  override readonly name = "CopyNotAllowedError" as const;
  /** Always `"CopyNotAllowed"`. */
  readonly code = "CopyNotAllowed" as const;
  /** The broken rule. */
  readonly reason: CopyNotAllowedReason;
  /** The restore point (or collection) that could not be copied or created, when known. */
  readonly resourceId?: string;

  /**
   * @param init - the broken rule, the resource, optionally a custom message and the service error
   *   it was mapped from (`cause`)
   */
  constructor(init: {
    reason: CopyNotAllowedReason;
    resourceId?: string;
    message?: string;
    cause?: unknown;
  }) {
    super(
      init.message ??
        `${init.resourceId === undefined ? "The restore point" : `'${init.resourceId}'`} cannot be copied: ` +
          `${EXPLANATIONS[init.reason]}.`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.reason = init.reason;
    if (init.resourceId !== undefined) this.resourceId = init.resourceId;
  }
}
