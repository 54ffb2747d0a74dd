/**
 * Exit codes, distinct per kind of failure so scripts can branch on them. `docs/cli.md` is
 * generated from {@link EXIT_CODE_DOCS}; nothing else lists them.
 */
export const EXIT = {
  ok: 0,
  /** Unexpected failure (a bug), or some items of a batch (`snapshot`, `protect run`) failed. */
  failure: 1,
  /** Bad command line: unknown command or option, missing or malformed argument, unreadable file. */
  usage: 2,
  /** A service rule refused the request (a RestorePointError), before it was sent or by Azure. */
  rule: 3,
  /** The service answered with an error (a RestError), or an operation failed in Azure. */
  service: 4,
  /** The endpoint (or the sign-in authority) could not be reached: connection refused, DNS, TLS. */
  unreachable: 5,
  /** `wait` gave up: `--timeout` passed before the resource reached the state. */
  timeout: 6,
  /** Interrupted (Ctrl-C); what is still running in Azure is printed with the command to resume. */
  interrupted: 130,
} as const;

/** What each exit code means, for `docs/cli.md` and `vmrp --help`. */
export const EXIT_CODE_DOCS: ReadonlyArray<readonly [number, string]> = [
  [EXIT.ok, "success"],
  [EXIT.failure, "unexpected failure, or some VMs of `vmrp snapshot` or `vmrp protect run` failed"],
  [
    EXIT.usage,
    "bad command line or argument, an unreadable connection, seed or policy file, an invalid policy, or a destructive command refused without `--yes` (not confirmed)",
  ],
  [
    EXIT.rule,
    "one of the SDK's typed errors (`RestorePointError`): a rule checked before sending, an Azure refusal mapped to one, an incomplete replication, a failed `restore-vm`",
  ],
  [EXIT.service, "any other error answer from Azure, or an operation that failed in Azure"],
  [
    EXIT.unreachable,
    "the endpoint or the sign-in authority could not be reached (connection refused, DNS, TLS); the message names it",
  ],
  [EXIT.timeout, "`wait --timeout` passed before the resource reached the state"],
  [
    EXIT.interrupted,
    "interrupted (Ctrl-C); what still runs in Azure and the command that resumes it are printed",
  ],
];

/** A usage problem found by our own argument checks. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** `wait` gave up after `--timeout`. */
export class WaitTimeoutError extends Error {
  override readonly name = "WaitTimeoutError";
}
