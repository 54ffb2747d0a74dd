/**
 * One problem of a protection policy: where (a JSON pointer such as `/schedule/everyHours`), what
 * is wrong, and how to fix it.
 *
 * @public
 */
export interface ProtectionPolicyIssue {
  /** JSON pointer of the field, `""` for the whole policy. */
  readonly path: string;
  /** What is wrong, e.g. `must be <= 168`. */
  readonly message: string;
  /** The fix in plain words, e.g. `use a whole number of hours from 1 to 168`. */
  readonly fix: string;
}

/**
 * A protection policy that does not follow {@link PROTECTION_POLICY_SCHEMA} or cannot be carried
 * out (an unknown time zone, a cron expression croner refuses); thrown before any request.
 *
 * @public
 */
export class ProtectionPolicyError extends TypeError {
  /** Every problem found, in document order. */
  readonly issues: readonly ProtectionPolicyIssue[];

  /**
   * @param issues - the problems (at least one)
   * @param source - where the policy came from, e.g. a file name, for the message
   */
  constructor(issues: readonly ProtectionPolicyIssue[], source?: string) {
    const where = source === undefined ? "The protection policy" : `The protection policy in ${source}`;
    const lines = issues.map((i) => `  ${i.path === "" ? "(policy)" : i.path}: ${i.message}; ${i.fix}`);
    super(`${where} is not valid:\n${lines.join("\n")}`);
    this.name = "ProtectionPolicyError";
    this.issues = Object.freeze([...issues]);
  }
}
