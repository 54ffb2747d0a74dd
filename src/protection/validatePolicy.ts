/**
 * Reading and checking a protection policy: JSON or YAML text, the JSON Schema (with ajv), then
 * what a schema cannot say (the cron expression and time zone work, durations are not zero, VM
 * ids are VM ids). Every problem becomes an issue naming the field and the fix.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { parseDocument } from "yaml";
import { lazyRequire } from "../internal/lazyRequire.js";
import { parseResourceIdOfType } from "../resourceId.js";
import { ProtectionPolicyError } from "./policyErrors.js";
import type { ProtectionPolicyIssue } from "./policyErrors.js";
import { PROTECTION_POLICY_SCHEMA } from "./policySchema.js";
import type { PolicyDuration, ProtectionPolicy } from "./policyTypes.js";
import { cronSchedule } from "./schedule.js";

/**
 * Options of {@link parseProtectionPolicy}.
 *
 * @public
 */
export interface ParseProtectionPolicyOptions {
  /** Where the text came from (a file name), for error messages. */
  source?: string;
  /**
   * The text's format.
   * @defaultValue `json` when the text starts with `{`, else `yaml`
   */
  format?: "json" | "yaml";
}

let compiled: ValidateFunction | undefined;

/** Loaded and compiled on first use: importing the package should not pay for ajv. */
function schemaValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajvModule = lazyRequire("ajv/dist/2020.js") as { Ajv2020: typeof Ajv2020 };
    const ajv = new ajvModule.Ajv2020({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
    });
    ajv.addVocabulary(["x-fix"]);
    compiled = ajv.compile(PROTECTION_POLICY_SCHEMA);
  }
  return compiled;
}

/**
 * Reads a protection policy from JSON or YAML text and checks it (see {@link validateProtectionPolicy}).
 *
 * @param text - the policy file's content
 * @param options - `source` for messages, `format` to force JSON or YAML
 * @returns the policy, checked
 * @throws ProtectionPolicyError naming every problem, with its field and fix
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * const policy = parseProtectionPolicy(await readFile("gold.yaml", "utf8"), { source: "gold.yaml" });
 * ```
 *
 * @public
 */
export function parseProtectionPolicy(
  text: string,
  options: ParseProtectionPolicyOptions = {},
): ProtectionPolicy {
  if (typeof text !== "string") throw new TypeError("text must be the policy file's content as a string");
  const format = options.format ?? (text.trimStart().startsWith("{") ? "json" : "yaml");
  let value: unknown;
  if (format === "json") {
    try {
      value = JSON.parse(text) as unknown;
    } catch (e) {
      throw new ProtectionPolicyError(
        [
          {
            path: "",
            message: `is not JSON (${(e as Error).message})`,
            fix: "fix the JSON syntax, or write it as YAML",
          },
        ],
        options.source,
      );
    }
  } else {
    const yaml = lazyRequire("yaml") as { parseDocument: typeof parseDocument };
    const doc = yaml.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new ProtectionPolicyError(
        doc.errors.map((e) => ({
          path: "",
          message: `is not YAML (${e.message.split("\n")[0] ?? e.code})`,
          fix: "fix the YAML syntax at the line shown",
        })),
        options.source,
      );
    }
    value = doc.toJS() as unknown;
  }
  return validateProtectionPolicy(value, options.source);
}

/**
 * Checks a protection policy against {@link PROTECTION_POLICY_SCHEMA}, and that its schedule can
 * be enumerated (croner accepts the cron expression and the time zone), its durations are not
 * zero and its VM ids are VM ids. Nothing is sent anywhere.
 *
 * @param value - the policy, e.g. parsed JSON
 * @param source - where it came from, for the message
 * @returns the same value, typed
 * @throws ProtectionPolicyError naming every problem, with its field (a JSON pointer) and fix
 *
 * @public
 */
export function validateProtectionPolicy(value: unknown, source?: string): ProtectionPolicy {
  const validate = schemaValidator();
  if (!validate(value)) {
    throw new ProtectionPolicyError(schemaIssues(validate.errors ?? []), source);
  }
  const policy = value as ProtectionPolicy;
  const issues = semanticIssues(policy);
  if (issues.length > 0) throw new ProtectionPolicyError(issues, source);
  return policy;
}

/** The sum of a duration in ms. */
export function durationMs(duration: PolicyDuration): number {
  return ((duration.days ?? 0) * 24 * 60 + (duration.hours ?? 0) * 60 + (duration.minutes ?? 0)) * 60_000;
}

function semanticIssues(policy: ProtectionPolicy): ProtectionPolicyIssue[] {
  const issues: ProtectionPolicyIssue[] = [];
  const { schedule } = policy;
  if (schedule.cron !== undefined) {
    try {
      cronSchedule(schedule.cron, schedule.timeZone ?? "UTC");
    } catch (e) {
      const badZone = /time ?zone/i.test((e as Error).message) && schedule.timeZone !== undefined;
      issues.push({
        path: badZone ? "/schedule/timeZone" : "/schedule/cron",
        message: (e as Error).message,
        fix: badZone
          ? 'use an IANA time zone such as "Europe/Berlin"'
          : 'use a five-field cron expression such as "0 */4 * * *"',
      });
    }
  }
  for (const [path, d] of [
    ["/schedule/window", schedule.window],
    ["/rpo", policy.rpo],
  ] as const) {
    if (d !== undefined && durationMs(d) < 60_000) {
      issues.push({
        path,
        message: "is shorter than a minute",
        fix: 'give at least a minute, such as { "minutes": 30 }',
      });
    }
  }
  for (const key of ["includeVmIds", "excludeVmIds"] as const) {
    (policy.selector[key] ?? []).forEach((id, i) => {
      try {
        parseResourceIdOfType(id, `${key}[${i}]`, "Microsoft.Compute/virtualMachines");
      } catch {
        issues.push({
          path: `/selector/${key}/${i}`,
          message: "is not a virtual machine id",
          fix: "use an id such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>",
        });
      }
    });
  }
  return issues;
}

/** ajv's errors, as issues: one per field, the fix taken from the schema's `x-fix`. */
function schemaIssues(errors: readonly ErrorObject[]): ProtectionPolicyIssue[] {
  const issues: ProtectionPolicyIssue[] = [];
  const seen = new Set<string>();
  // A failed oneOf/anyOf also reports why each branch failed; the branch details only confuse.
  const combinators = errors
    .filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf")
    .map((e) => e.schemaPath);
  for (const error of errors) {
    if (combinators.some((p) => error.schemaPath.startsWith(`${p}/`))) continue;
    const issue = toIssue(error);
    const key = `${issue.path}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function toIssue(error: ErrorObject): ProtectionPolicyIssue {
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const fixOf = (schema: unknown): string | undefined =>
    typeof schema === "object" && schema !== null
      ? ((schema as Record<string, unknown>)["x-fix"] as string | undefined)
      : undefined;
  const properties = (parent.properties ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  const fix = fixOf(parent) ?? "see schemas/protection-policy.schema.json";
  switch (error.keyword) {
    case "required": {
      const field = String(params.missingProperty);
      return {
        path: `${error.instancePath}/${escapePointer(field)}`,
        message: "is required",
        fix:
          fixOf(properties[field]) === undefined
            ? `add "${field}"`
            : `add it: ${fixOf(properties[field]) ?? ""}`,
      };
    }
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const known = Object.keys(properties);
      const near = closest(field, known);
      return {
        path: `${error.instancePath}/${escapePointer(field)}`,
        message: "is not a known field",
        fix:
          near === undefined
            ? `remove it (known fields here: ${known.join(", ")})`
            : `did you mean "${near}"? (known fields here: ${known.join(", ")})`,
      };
    }
    case "oneOf":
      return {
        path: error.instancePath,
        message: Array.isArray(params.passingSchemas)
          ? "gives more than one choice"
          : "gives none of the choices",
        fix,
      };
    case "anyOf":
      return { path: error.instancePath, message: "matches none of the allowed forms", fix };
    case "dependentRequired":
      return {
        path: `${error.instancePath}/${escapePointer(String(params.property))}`,
        message: `only applies together with "${String(params.missingProperty)}"`,
        fix: `add "${String(params.missingProperty)}", or remove "${String(params.property)}"`,
      };
    default:
      return { path: error.instancePath, message: error.message ?? error.keyword, fix };
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The known name a typo most likely meant (edit distance at most 1/3 of its length). */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
