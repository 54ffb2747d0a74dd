/**
 * The one place where the service's own refusals of a write become this SDK's typed errors, so
 * that a caller who skipped the client-side checks (`skipPreflight`), or whose checks could not
 * see everything, gets the same class either way. The ARM codes and wordings are those of the
 * Compute RP's troubleshooting guide as the emulator renders them (src/emulator/armErrors.ts):
 * `VMRestorePointClientError` (limit, concurrent create, unsupported disk), `OperationNotAllowed`
 * (copy in progress), `BadRequest` (copy and region rules), `InvalidParameter` on `excludeDisks`.
 * Anything else stays as it was (a `RestError` or `OperationFailedError`). The original error is
 * the mapped one's `cause`; no message carries a token or SAS.
 */
import { isRestError } from "@azure/core-rest-pipeline";
import { objectAt, stringAt } from "../internal/json.js";
import { redactSecrets } from "../internal/redactSecrets.js";
import { normalizeRegion } from "../regions.js";
import { ConcurrentOperationError } from "./concurrentOperationError.js";
import type { CopyNotAllowedReason } from "./copyNotAllowedError.js";
import { CopyNotAllowedError } from "./copyNotAllowedError.js";
import { InvalidExclusionError } from "./invalidExclusionError.js";
import { RegionNotSupportedError } from "./regionNotSupportedError.js";
import type { RestorePointError } from "./restorePointError.js";
import { isRestorePointError } from "./restorePointError.js";
import { RestorePointLimitError } from "./restorePointLimitError.js";
import { UnsupportedDiskError } from "./unsupportedDiskError.js";

/** The write whose refusal is being mapped. */
export type ServiceErrorContext =
  | { readonly kind: "createCollection"; readonly collectionId: string; readonly location: string }
  | {
      readonly kind: "createRestorePoint";
      readonly restorePointId: string;
      readonly excludeDiskIds: readonly string[];
      /** The client's per-VM limit, for a refusal that does not state it. */
      readonly limit: number;
    }
  | {
      readonly kind: "copyRestorePoint";
      readonly restorePointId: string;
      readonly copyRegions: readonly string[] | "any";
    };

interface ServiceError {
  readonly code: string;
  readonly message: string;
  readonly target: string | undefined;
}

/** The ARM error of a `RestError` or of a failed long-running operation. */
function serviceErrorOf(error: unknown): ServiceError | undefined {
  let code: string | undefined;
  let details: unknown;
  if (isRestError(error)) {
    code = error.code;
    details = error.details;
  } else if (isRestorePointError(error, "OperationFailed")) {
    code = error.serviceCode;
    details = error.details;
  }
  if (code === undefined) return undefined;
  const body = objectAt(details, "error");
  const message = stringAt(body, "message") ?? (error instanceof Error ? error.message : "");
  return { code, message, target: stringAt(body, "target") };
}

/**
 * Maps a refusal of `context`'s write to the SDK's typed error where the ARM code is known.
 *
 * @param error - what the request or the operation failed with
 * @param context - which write it was
 * @returns the typed error (with `error` as its `cause`), or `error` itself
 */
export function mapServiceError(error: unknown, context: ServiceErrorContext): unknown {
  const service = serviceErrorOf(error);
  if (service === undefined) return error;
  const mapped =
    context.kind === "createRestorePoint"
      ? mapCapture(service, context, error)
      : context.kind === "copyRestorePoint"
        ? mapCopy(service, context, error)
        : mapCollection(service, context, error);
  return mapped ?? error;
}

function said(service: ServiceError): string {
  return ` Azure answered ${service.code}: ${redactSecrets(service.message)}`;
}

const lower = (s: string): string => s.toLowerCase();

function mapCapture(
  service: ServiceError,
  context: Extract<ServiceErrorContext, { kind: "createRestorePoint" }>,
  cause: unknown,
): RestorePointError | undefined {
  const id = context.restorePointId;
  const text = lower(service.message);
  const target = lower(service.target ?? "");
  if (service.code === "VMRestorePointClientError") {
    // Azure's documented wording ("...since a concurrent 'Create RestorePoint' operation was
    // triggered on the VM") and the emulator's ("...is in progress...") both mean one thing.
    if (text.includes("in progress") || /concurrent\b.*create ?restore ?point/.test(text)) {
      const inProgressId = /\((\/subscriptions\/[^)\s]+)\)/i.exec(service.message)?.[1] ?? "";
      return new ConcurrentOperationError({
        inProgressId,
        resourceId: id,
        cause,
        message:
          `Cannot create '${id}': another restore point of the same VM is still being created, and Azure runs one ` +
          `creation per VM at a time. Wait for it to finish, then retry.${said(service)}`,
      });
    }
    if (text.includes("limit")) {
      const limit = Number(/exceed (\d+)/i.exec(service.message)?.[1] ?? context.limit);
      return new RestorePointLimitError({
        limit,
        count: limit,
        cause,
        message:
          `Cannot create '${id}': the VM has reached the limit of ${limit} restore points across its collections. ` +
          `Delete older restore points first.${said(service)}`,
      });
    }
    if (target.endsWith("excludedisks") || text.includes("not supported") || text.includes("unsupported")) {
      const match = /disk '([^']+)'[^:]*:\s*(.+?)\.?\s*(you may|$)/i.exec(service.message);
      // Azure's own message for shared disks names none; then `disks` stays empty rather than
      // holding an id nobody can exclude, and the pre-flight checks (without skipPreflight) find them.
      const disks = match?.[1] === undefined ? [] : [{ diskId: match[1], reason: match[2] ?? "" }];
      const which = disks[0] === undefined ? "one of the VM's disks" : `disk '${disks[0].diskId}'`;
      return new UnsupportedDiskError({
        disks,
        cause,
        message:
          `Cannot create '${id}': restore points cannot capture ${which}. Exclude it with excludeDiskIds, or pass ` +
          `excludeUnsupportedDisks: true without skipPreflight.${said(service)}`,
      });
    }
    return undefined;
  }
  if (service.code === "InvalidParameter" && target.endsWith("excludedisks")) {
    const named = /disk '([^']+)'/i.exec(service.message)?.[1];
    const diskIds = named === undefined ? context.excludeDiskIds : [named];
    return new InvalidExclusionError({
      diskIds,
      cause,
      message:
        `Cannot create '${id}': Azure refused the excluded disks ${diskIds.map((d) => `'${d}'`).join(", ")}: only ` +
        `disks of the source VM can be excluded, and at least one disk must remain. Fix excludeDiskIds.${said(service)}`,
    });
  }
  if (service.code === "BadRequest" && text.includes("target of a cross-region copy")) {
    return copyRefusal("CopyTargetCollection", id, `Cannot create '${id}'`, service, cause);
  }
  return undefined;
}

/** Copy-rule wordings and the reason each one means; the first match wins. */
const COPY_RULES: readonly (readonly [RegExp, CopyNotAllowedReason])[] = [
  [/copy of a copy|itself a copy|itself the target/i, "CopyOfCopy"],
  [/same region/i, "SameRegion"],
  [/already has the copy target|one target collection/i, "DuplicateTarget"],
  // Before "already copied": the out-of-order wording names the newer point that was.
  [/copied in order|out of order|older than/i, "OutOfOrder"],
  [/already copied/i, "AlreadyCopied"],
  [/not a copy target|its source is/i, "TargetHasOtherSource"],
  [/private (network|link|endpoint)/i, "PrivateLink"],
  [/that succeeded can be copied|has not (finished|succeeded)/i, "SourceNotReady"],
];

function copyRefusal(
  reason: CopyNotAllowedReason,
  resourceId: string,
  lead: string,
  service: ServiceError,
  cause: unknown,
): CopyNotAllowedError {
  const rule = new CopyNotAllowedError({ reason }).message.replace(
    /^The restore point cannot be copied: /,
    "",
  );
  return new CopyNotAllowedError({ reason, resourceId, cause, message: `${lead}: ${rule}${said(service)}` });
}

function regionRefusal(
  service: ServiceError,
  copyRegions: readonly string[] | "any",
  cause: unknown,
): RegionNotSupportedError | undefined {
  const region = /not supported in region '([^']+)'/i.exec(service.message)?.[1];
  if (region === undefined) return undefined;
  const listed = /supported regions: ([^.]+)/i.exec(service.message)?.[1];
  const supportedRegions =
    listed !== undefined
      ? listed.split(",").map((r) => normalizeRegion(r))
      : copyRegions === "any"
        ? []
        : copyRegions;
  const refused = new RegionNotSupportedError({ region: normalizeRegion(region), supportedRegions });
  return new RegionNotSupportedError({
    region: refused.region,
    supportedRegions,
    cause,
    message: `${refused.message}${said(service)}`,
  });
}

function mapCopy(
  service: ServiceError,
  context: Extract<ServiceErrorContext, { kind: "copyRestorePoint" }>,
  cause: unknown,
): RestorePointError | undefined {
  const id = context.restorePointId;
  if (service.code === "OperationNotAllowed" && /in progress/i.test(service.message)) {
    const ids = [...service.message.matchAll(/\((\/subscriptions\/[^)\s]+)\)/gi)].map((m) => m[1] ?? "");
    return new ConcurrentOperationError({
      inProgressId: ids.at(-1) ?? "",
      resourceId: id,
      cause,
      message:
        `Cannot copy into '${id}': another copy between the same collections is still running, and Azure runs ` +
        `one at a time. Wait for it (waitForReplication()), then retry.${said(service)}`,
    });
  }
  if (service.code !== "BadRequest") return undefined;
  const region = regionRefusal(service, context.copyRegions, cause);
  if (region !== undefined) return region;
  const reason = COPY_RULES.find(([pattern]) => pattern.test(service.message))?.[1];
  return reason === undefined
    ? undefined
    : copyRefusal(reason, id, `Cannot copy into '${id}'`, service, cause);
}

function mapCollection(
  service: ServiceError,
  context: Extract<ServiceErrorContext, { kind: "createCollection" }>,
  cause: unknown,
): RestorePointError | undefined {
  if (service.code !== "BadRequest") return undefined;
  const vmRegion = /region of its source virtual machine \('([^']+)'\)/i.exec(service.message)?.[1];
  if (vmRegion !== undefined) {
    const region = normalizeRegion(context.location);
    return new RegionNotSupportedError({
      region,
      supportedRegions: [normalizeRegion(vmRegion)],
      cause,
      message:
        `Cannot create '${context.collectionId}' in '${region}': a restore point collection must be in its VM's ` +
        `region ('${normalizeRegion(vmRegion)}'), as cross-region creation was retired. Create it there and copy ` +
        `restore points instead.${said(service)}`,
    });
  }
  const region = regionRefusal(service, "any", cause);
  if (region !== undefined) return region;
  const reason = COPY_RULES.find(([pattern]) => pattern.test(service.message))?.[1];
  return reason === undefined
    ? undefined
    : copyRefusal(reason, context.collectionId, `Cannot create '${context.collectionId}'`, service, cause);
}
