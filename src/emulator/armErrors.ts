/**
 * The one catalogue of every error the emulator can send. Each factory fixes the HTTP status, the
 * ARM `error.code` and the wording, so that the same case always looks the same on the wire and
 * the tests can assert on codes that real Azure uses (see test/fixtures/contract).
 *
 * Wording follows what ARM and the Compute/Disk resource providers answer in the recordings and the
 * troubleshooting documentation; where Azure's status for a case is not documented, the choice is
 * named in a comment and, where it matters, made configurable through the emulator's rules.
 */

/** One entry of `error.details`. */
export interface ArmErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

/** An error that the server renders as an ARM CloudError body. */
export class ArmError extends Error {
  override readonly name = "ArmError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      readonly target?: string;
      readonly details?: readonly ArmErrorDetail[];
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(message);
  }

  /** The CloudError body: `{ error: { code, message, target?, details? } }`. */
  toBody(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.extra.target !== undefined) error.target = this.extra.target;
    if (this.extra.details !== undefined) error.details = this.extra.details;
    return { error };
  }
}

const gateway = { "x-ms-failure-cause": "gateway" } as const;

export const armErrors = {
  // --- authentication (ARM front door) ---------------------------------------------------------
  authenticationMissing: () =>
    new ArmError(
      401,
      "AuthenticationFailed",
      "Authentication failed. The 'Authorization' header is missing.",
      {
        headers: {
          "www-authenticate":
            'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
        },
      },
    ),
  authenticationInvalid: () =>
    new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.", {
      headers: {
        "www-authenticate":
          'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token is invalid."',
      },
    }),

  // --- request shape ---------------------------------------------------------------------------
  missingApiVersion: () =>
    new ArmError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    ),
  invalidApiVersion: (version: string) =>
    new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${version}' is invalid. The supported versions are in the format 'yyyy-mm-dd' or 'yyyy-mm-dd-preview'.`,
    ),
  apiVersionTooOld: (version: string, floor: string, resourceType: string) =>
    new ArmError(
      400,
      "BadRequest",
      `The api-version '${version}' is not supported for '${resourceType}'. This request can be made with api-version '${floor}' or newer.`,
    ),
  noRegisteredProvider: (version: string, resourceType: string, supported: readonly string[]) =>
    new ArmError(
      400,
      "NoRegisteredProviderFound",
      `No registered resource provider found for API version '${version}' and type '${resourceType}'. The supported api-versions are '${supported.join(", ")}'.`,
    ),
  invalidRequestContent: (reason: string) =>
    new ArmError(
      400,
      "InvalidRequestContent",
      `The request content was invalid and could not be deserialized: '${reason}'.`,
    ),
  requestTooLarge: (limitBytes: number) =>
    new ArmError(
      413,
      "RequestContentTooLarge",
      `The request content exceeds the limit of ${limitBytes} bytes.`,
    ),
  /** A stored property over `maxPropertyBytes` (the emulator's own limit; see requestLimits.ts). */
  propertyTooLarge: (target: string, bytes: number, limitBytes: number) =>
    new ArmError(
      400,
      "InvalidParameter",
      `Property '${target}' is ${bytes} bytes of JSON; at most ${limitBytes} bytes are accepted.`,
      { target },
    ),
  /** ARM accepts only JSON bodies. */
  unsupportedMediaType: (contentType: string) =>
    new ArmError(
      415,
      "UnsupportedMediaType",
      `The content media type '${contentType}' is not supported. Only 'application/json' is supported.`,
    ),
  /** A request target ARM's front door cannot read (bad percent-encoding, dot segments, not a path). */
  invalidRequestUri: (reason: string) =>
    new ArmError(400, "BadRequest", `The request URI is invalid: ${reason}.`),
  // --- tags (ARM's wording; see tagRules.ts) --------------------------------------------------
  tooManyTags: (count: number, limit: number) =>
    new ArmError(
      400,
      "InvalidTags",
      `Too many tags specified. Requested tag count - '${count}'. Maximum number of tags allowed - '${limit}'.`,
      { target: "tags" },
    ),
  emptyTagName: () =>
    new ArmError(
      400,
      "InvalidTagName",
      "The tag name must be non-null, non-empty and non-whitespace only. Please provide an actual value.",
      { target: "tags" },
    ),
  tagNameCharacters: (names: readonly string[]) =>
    new ArmError(
      400,
      "InvalidTagNameCharacters",
      `The tag names '${names.join(",")}' have reserved characters '<,>,%,&,\\,?,/' or control characters.`,
      { target: "tags" },
    ),
  tagNameTooLong: (names: readonly string[], limit: number) =>
    new ArmError(
      400,
      "InvalidTagName",
      `Tag key too large. Following tag name '${names.join(",")}' exceeded the maximum length. Maximum allowed length for tag name - '${limit}' characters.`,
      { target: "tags" },
    ),
  tagValueTooLong: (values: readonly string[], limit: number) =>
    new ArmError(
      400,
      "InvalidTagValueLength",
      `Tag value too large. Following tag value '${values.join(",")}' exceeded the maximum length. Maximum allowed length for tag value - '${limit}' characters.`,
      { target: "tags" },
    ),
  /** The Network RP's answer for a NIC whose subnet (or its virtual network) does not exist. */
  invalidResourceReference: (referencedId: string, byId: string, details?: readonly ArmErrorDetail[]) =>
    new ArmError(
      400,
      "InvalidResourceReference",
      `Resource ${referencedId} referenced by resource ${byId} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`,
      { details: details ?? [] },
    ),
  invalidParameter: (target: string, message: string) =>
    new ArmError(400, "InvalidParameter", message, { target }),
  missingParameter: (target: string) =>
    new ArmError(400, "InvalidParameter", `Required parameter '${target}' is missing (null).`, { target }),
  invalidResourceName: (name: string, resourceType: string, rule: string) =>
    new ArmError(
      400,
      "InvalidResourceName",
      `Resource name '${name}' is invalid for '${resourceType}'. ${rule}`,
    ),
  badRequest: (message: string, target?: string) =>
    new ArmError(400, "BadRequest", message, target === undefined ? {} : { target }),
  unknownPath: (path: string) =>
    new ArmError(404, "NotFound", `No HTTP resource was found that matches the request URI '${path}'.`),
  invalidResourceType: (resourceType: string) =>
    new ArmError(
      400,
      "InvalidResourceType",
      `The resource type '${resourceType}' could not be found in the namespace of the request.`,
    ),
  methodNotAllowed: (method: string, resourceType: string) =>
    new ArmError(
      405,
      "MethodNotAllowed",
      `The requested resource does not support http method '${method}' for '${resourceType}'.`,
    ),

  // --- not found (three flavours, as recorded) -------------------------------------------------
  subscriptionNotFound: (subscriptionId: string) =>
    new ArmError(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`, {
      headers: gateway,
    }),
  resourceGroupNotFound: (resourceGroup: string) =>
    new ArmError(404, "ResourceGroupNotFound", `Resource group '${resourceGroup}' could not be found.`, {
      headers: gateway,
    }),
  /** ARM's gateway answer for a tracked resource (collection, VM, disk, NIC) that does not exist. */
  resourceNotFound: (resourceType: string, name: string, resourceGroup: string) =>
    new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${resourceType}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      { headers: gateway },
    ),
  /** The Compute RP's own answer for a proxy resource (restore point, disk restore point). */
  entityNotFound: () => new ArmError(404, "NotFound", "The entity was not found in this Azure location."),
  operationNotFound: (operationId: string) =>
    new ArmError(404, "NotFound", `The operation '${operationId}' was not found in this Azure location.`),
  /** A resource that a request body refers to (disk, NIC, source of a copy) is missing. */
  linkedResourceNotFound: (id: string, target: string) =>
    new ArmError(404, "NotFound", `Resource '${id}' was not found.`, { target }),

  // --- conflicts and service rules (Compute RP) ------------------------------------------------
  /** A PUT that changes an existing restore point (rest-api-specs PR #13219); identical PUTs pass. */
  restorePointImmutable: (name: string) =>
    new ArmError(
      409,
      "OperationNotAllowed",
      `Update of an existing Restore Point is not supported. Restore point '${name}' cannot be changed; create a new restore point instead.`,
    ),
  collectionPropertyImmutable: (name: string, property: string) =>
    new ArmError(
      409,
      "OperationNotAllowed",
      `Changing property '${property}' of restore point collection '${name}' is not allowed. Only tags and instantAccess can be updated.`,
      { target: property },
    ),
  collectionRegionMismatch: (collection: string, location: string, vmLocation: string) =>
    new ArmError(
      400,
      "BadRequest",
      `Restore point collection '${collection}' must be created in the region of its source virtual machine ('${vmLocation}'), not '${location}'. Cross-region creation of restore points was retired; create the collection in '${vmLocation}' and copy restore points to another region instead.`,
      { target: "location" },
    ),
  concurrentCreate: (vmName: string, inProgressId: string) =>
    new ArmError(
      409,
      "VMRestorePointClientError",
      `Another 'Create RestorePoint' operation is in progress for virtual machine '${vmName}' (${inProgressId}). Retry after it completes.`,
    ),
  restorePointLimit: (vmName: string, limit: number) =>
    new ArmError(
      409,
      "VMRestorePointClientError",
      `The maximum allowed snapshot limit of one or more disk blobs has been reached: the number of restore points across restore point collections and resource groups for virtual machine '${vmName}' can't exceed ${limit}. Delete older restore points and retry.`,
    ),
  unsupportedDisk: (diskName: string, reason: string) =>
    new ArmError(
      400,
      "VMRestorePointClientError",
      `Disk '${diskName}' is not supported for restore points: ${reason}. You may exclude this disk from the restore point via excludeDisks.`,
      { target: "excludeDisks" },
    ),
  invalidExcludedDisk: (diskId: string, vmName: string) =>
    new ArmError(
      400,
      "InvalidParameter",
      `Disk '${diskId}' given in excludeDisks is not attached to virtual machine '${vmName}'.`,
      { target: "excludeDisks" },
    ),
  allDisksExcluded: (vmName: string) =>
    new ArmError(
      400,
      "InvalidParameter",
      `Every disk of virtual machine '${vmName}' is excluded: a restore point needs at least one disk.`,
      { target: "excludeDisks" },
    ),
  unsupportedConsistencyMode: (mode: string) =>
    new ArmError(
      400,
      "InvalidParameter",
      `Consistency mode '${mode}' cannot be requested; omit consistencyMode for application consistency or use 'CrashConsistent'.`,
      { target: "consistencyMode" },
    ),
  vmNotAllocated: (vmName: string) =>
    new ArmError(
      409,
      "OperationNotAllowed",
      `The disks of virtual machine '${vmName}' have not been allocated successfully; start the virtual machine or use excludeDisks.`,
    ),
  copyNotAllowed: (reason: string) => new ArmError(400, "BadRequest", reason),
  copyInProgress: (sourceCollectionId: string, targetCollectionId: string, inProgressId: string) =>
    new ArmError(
      409,
      "OperationNotAllowed",
      `A copy from '${sourceCollectionId}' to '${targetCollectionId}' is already in progress (${inProgressId}); copies between the same collections run one at a time.`,
    ),
  diskRestorePointUsedByCustomer: (name: string) =>
    new ArmError(
      409,
      "DiskRestorePointUsedByCustomer",
      `There is an active shared access signature outstanding for disk restore point '${name}'. Call EndGetAccess before deleting the restore point.`,
    ),
  /** A write to a resource, or into a collection, whose deletion is in progress. */
  beingDeleted: (resourceType: string, name: string) =>
    new ArmError(
      409,
      "OperationNotAllowed",
      `${resourceType} '${name}' is being deleted; the operation is not allowed until the deletion completes.`,
    ),
  resourceInUse: (resourceType: string, name: string, usedBy: string) =>
    new ArmError(
      409,
      "OperationNotAllowed",
      `${resourceType} '${name}' is in use by '${usedBy}' and cannot be changed or deleted now.`,
    ),
  alreadyExists: (resourceType: string, name: string) =>
    new ArmError(409, "Conflict", `${resourceType} '${name}' already exists.`),
  /** ARM's answer to a PUT that names an existing resource with another location (status: our choice). */
  invalidResourceLocation: (
    name: string,
    existingLocation: string,
    resourceGroup: string,
    location: string,
  ) =>
    new ArmError(
      409,
      "InvalidResourceLocation",
      `The resource '${name}' already exists in location '${existingLocation}' in resource group '${resourceGroup}'. A resource with the same name cannot be created in location '${location}'. Please select a new resource name.`,
    ),
  /** Compute's answer to a PUT that changes what is fixed at creation (e.g. `osDisk.createOption`). */
  propertyChangeNotAllowed: (property: string) =>
    new ArmError(409, "PropertyChangeNotAllowed", `Changing property '${property}' is not allowed.`, {
      target: property,
    }),
  vmOperationNotAllowed: (operation: string, vmName: string, reason: string) =>
    new ArmError(
      409,
      "OperationNotAllowed",
      `Operation '${operation}' is not allowed on VM '${vmName}' since ${reason}.`,
    ),
  diskOperationNotAllowed: (diskName: string, reason: string) =>
    new ArmError(409, "OperationNotAllowed", `Disk '${diskName}' cannot be changed now: ${reason}.`),

  // --- throttling and injected faults ----------------------------------------------------------
  tooManyRequests: (policy: string, detailMessage: string, retryAfterSeconds: number) =>
    new ArmError(
      429,
      "OperationNotAllowed",
      "The server rejected the request because too many requests have been received for this subscription.",
      {
        details: [{ code: "TooManyRequests", target: policy, message: detailMessage }],
        headers: { "retry-after": String(retryAfterSeconds) },
      },
    ),
  /** ARM's own refusal (token-bucket era); `actor` is absent when the global bucket is empty. */
  armThrottled: (
    operation: "read" | "write" | "delete",
    subscriptionId: string,
    actor: string | undefined,
    retryAfterSeconds: number,
  ) =>
    new ArmError(
      429,
      "SubscriptionRequestsThrottled",
      `Number of '${operation}' requests for subscription '${subscriptionId}'${actor === undefined ? "" : ` actor '${actor}'`} exceeded. Please try again after '${retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
      { headers: { "retry-after": String(retryAfterSeconds) } },
    ),
  injected: (status: number, code: string, message?: string) =>
    new ArmError(status, code, message ?? `Injected fault: ${code}.`),
  internal: () =>
    new ArmError(500, "InternalExecutionError", "An internal execution error occurred. Please retry later."),
} as const;
