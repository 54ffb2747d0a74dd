/**
 * Exit codes, distinct per kind of failure so scripts can branch on them.
 */
export const EXIT = {
  ok: 0,
  /** Unexpected failure (a bug, a network error). */
  failure: 1,
  /** Bad command line: unknown command or option, missing or malformed argument. */
  usage: 2,
  /** A service rule refused the request before it was sent (a RestorePointError). */
  rule: 3,
  /** The service answered with an error (a RestError), or an operation failed. */
  service: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** A usage problem found by our own argument checks. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
