import { isJsonObject, objectAt, stringAt } from "../internal/json.js";
import { parseResourceIdOfType, sameResourceId } from "../resourceId.js";
import { normalizeRegion } from "../regions.js";

/** What `beginCopyToRegion` adds to the copy poller's serialized state. */
interface CopyResumeInfo {
  readonly sourceRestorePointId: string;
  readonly targetLocation: string;
  readonly waitForReplication: boolean;
}

const KEY = "copyToRegion";

/**
 * Adds the copy-to-region facts to a serialized copy poller state, next to core-lro's `state`
 * (which ignores other keys), so a resume can check it continues the same copy and keeps waiting
 * for replication when the first poller did.
 */
export function withCopyResumeInfo(serialized: string, info: CopyResumeInfo): string {
  const parsed: unknown = JSON.parse(serialized);
  return isJsonObject(parsed) ? JSON.stringify({ ...parsed, [KEY]: info }) : serialized;
}

/** The copy a serialized state belongs to. */
export interface ResumedCopy {
  readonly resourceGroup: string;
  readonly collectionName: string;
  readonly restorePointName: string;
  readonly waitForReplication: boolean;
}

/**
 * Reads a `resumeFrom` of `beginCopyToRegion` (or of `beginCopy`): the target restore point comes
 * from the copy PUT recorded in it. Names the caller passed must match it, so a state cannot
 * silently continue another copy.
 *
 * @throws TypeError when it is not a serialized copy poller state
 * @throws RangeError when it belongs to another copy than the arguments describe
 */
export function parseCopyResumeState(
  text: string,
  expected: {
    readonly subscriptionId: string;
    readonly sourceRestorePointId: string;
    readonly targetLocation: string;
    readonly targetResourceGroup: string | undefined;
    readonly targetCollectionName: string | undefined;
    readonly targetRestorePointName: string | undefined;
  },
): ResumedCopy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TypeError("resumeFrom is not a serialized poller state (it is not JSON)");
  }
  const config = objectAt(objectAt(parsed, "state"), "config");
  const initialUrl = stringAt(config, "initialRequestUrl");
  if (initialUrl === undefined || stringAt(config, "requestMethod")?.toUpperCase() !== "PUT") {
    throw new TypeError("resumeFrom is not the serialized state of a copy poller");
  }
  const target = parseResourceIdOfType(
    pathOfUrl(initialUrl),
    "the restore point in resumeFrom",
    "Microsoft.Compute/restorePointCollections/restorePoints",
  );
  const info = objectAt(parsed, KEY);
  const mismatch = (what: string, stored: string, given: string): RangeError =>
    new RangeError(`resumeFrom belongs to another copy: its ${what} is '${stored}', not '${given}'`);
  if (target.subscriptionId.toLowerCase() !== expected.subscriptionId.toLowerCase()) {
    throw mismatch("subscription", target.subscriptionId, expected.subscriptionId);
  }
  const storedSource = stringAt(info, "sourceRestorePointId");
  if (storedSource !== undefined && !sameResourceId(storedSource, expected.sourceRestorePointId)) {
    throw mismatch("source restore point", storedSource, expected.sourceRestorePointId);
  }
  const storedLocation = stringAt(info, "targetLocation");
  if (storedLocation !== undefined && normalizeRegion(storedLocation) !== expected.targetLocation) {
    throw mismatch("target region", storedLocation, expected.targetLocation);
  }
  const checks: Array<[string, string, string | undefined]> = [
    ["target resource group", target.resourceGroup, expected.targetResourceGroup],
    ["target collection", target.collectionName ?? "", expected.targetCollectionName],
    ["target restore point", target.name, expected.targetRestorePointName],
  ];
  for (const [what, stored, given] of checks) {
    if (given !== undefined && given.toLowerCase() !== stored.toLowerCase())
      throw mismatch(what, stored, given);
  }
  return {
    resourceGroup: target.resourceGroup,
    collectionName: target.collectionName ?? "",
    restorePointName: target.name,
    waitForReplication: info?.["waitForReplication"] !== false,
  };
}

function pathOfUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    throw new TypeError("resumeFrom is not the serialized state of a copy poller (bad request URL)");
  }
  return path
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join("/");
}
