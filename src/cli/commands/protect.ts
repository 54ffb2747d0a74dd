/**
 * `vmrp protect validate|plan|run|status|report POLICY`: protection policies from a JSON or YAML
 * file. `plan` only reads; `run` carries the plan out (safe to repeat and to run on several
 * machines at once, `--shard i/n` splits the VMs between them); `status` and `report` say which
 * VMs are within their RPO, `report --html` as one self-contained page.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  ProtectionPolicyError,
  parseProtectionPolicy,
  planProtection,
  protectionStatus,
  renderProtectionReport,
  runProtection,
  type ProtectionPolicy,
  type ProtectionRunResult,
  type ProtectionStatus,
  type VmProtectionPlan,
} from "../../index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../exitCodes.js";
import { parseInteger } from "../parsers.js";
import { createProgress } from "../progress.js";
import { parseAt, parseShard, type Shard } from "./protectArgs.js";

interface ProtectOptions {
  at?: Date;
  shard?: Shard;
}

interface RunOptions extends ProtectOptions {
  concurrency?: number;
}

interface ReportOptions extends ProtectOptions {
  html: string;
  title?: string;
}

/** Reads and validates a policy file; an unreadable file is a usage error, like a bad policy. */
export function readPolicy(file: string): ProtectionPolicy {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read the policy file ${file}: ${(error as Error).message}`);
  }
  return parseProtectionPolicy(text, {
    source: file,
    ...(/\.json$/i.test(file) ? { format: "json" as const } : {}),
  });
}

function engineOptions(context: CliContext, o: ProtectOptions) {
  return {
    abortSignal: context.abortSignal(),
    ...(o.at === undefined ? {} : { now: o.at }),
    ...(o.shard === undefined ? {} : { shard: o.shard }),
  };
}

/** `--at` and `--shard`, shared by every subcommand that reads Azure. */
function withScope(command: Command): Command {
  return command
    .option(
      "--at <time>",
      "plan as of this time (ISO 8601, e.g. 2026-11-25T08:00:00Z; default: now)",
      parseAt,
    )
    .option(
      "--shard <i/n>",
      "only the VMs of shard i of n (0-based): n machines with shards 0/n..n-1/n cover each VM once",
      parseShard,
    );
}

function planAction(vm: VmProtectionPlan): string {
  if (vm.create !== undefined) return `create ${vm.create.restorePointName}`;
  return vm.skip === undefined ? "nothing due" : `${vm.skip.reason}: ${vm.skip.message}`;
}

function ageText(ms: number | undefined): string {
  if (ms === undefined) return "never";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h ${minutes % 60}m` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

function runJson(result: ProtectionRunResult): unknown {
  return {
    policy: result.plan.policy,
    now: result.plan.now,
    slot: result.plan.slot,
    summary: result.summary,
    vms: result.vms.map((v) => ({
      vmId: v.vmId,
      vmName: v.vmName,
      subscriptionId: v.subscriptionId,
      status: v.status,
      created: v.created,
      copied: v.copied,
      deleted: v.deleted,
      skipped: v.skipped,
      failed: v.failed.map((f) => ({
        step: f.step,
        region: f.region,
        name: f.name,
        code: (f.error as { code?: unknown }).code,
        message: f.error.message,
      })),
    })),
  };
}

function printStatus(context: CliContext, status: ProtectionStatus): void {
  context.printer.rows(
    status.vms,
    [
      { header: "VM", value: (v) => v.vmName },
      { header: "STATE", value: (v) => v.state },
      { header: "NEWEST", value: (v) => ageText(v.newestAgeMs) },
      {
        header: "REGIONS",
        value: (v) =>
          v.regions
            .map((r) => `${r.region} ${r.newest === undefined ? "none" : ageText(r.newest.ageMs)}`)
            .join(", "),
      },
      { header: "PENDING COPIES", value: (v) => v.pendingCopies.map((c) => c.region) },
      { header: "LAST FAILURE", value: (v) => v.lastFailure?.restorePointName },
      { header: "SUBSCRIPTION", value: (v) => v.subscriptionId },
    ],
    status,
  );
  const s = status.summary;
  context.printer.aside(
    `${s.total} VM(s): ${s.protected} protected, ${s.outOfRpo} out of RPO, ${s.failing} failing.`,
  );
}

export function registerProtectCommands(program: Command, context: CliContext): void {
  const protect = program
    .command("protect")
    .description(
      "Protection policies: scheduled restore points, copies and retention for every VM a policy selects.",
    )
    .addHelpText(
      "after",
      `
Examples:
  $ vmrp protect validate gold.json
  $ vmrp protect plan gold.json --at 2026-11-25T08:00:00Z
  $ vmrp protect run gold.yaml --shard 0/3
  $ vmrp protect report gold.json --html report.html`,
    );

  protect
    .command("validate <policy>")
    .description("Check a policy file against the schema; every problem names the field and the fix.")
    .action((file: string) => {
      let policy: ProtectionPolicy;
      try {
        policy = readPolicy(file);
      } catch (error) {
        if (!(error instanceof ProtectionPolicyError)) throw error;
        context.printer.rows(
          error.issues,
          [
            { header: "FIELD", value: (i) => (i.path === "" ? "(policy)" : i.path) },
            { header: "PROBLEM", value: (i) => i.message },
            { header: "FIX", value: (i) => i.fix },
          ],
          { file, valid: false, issues: error.issues },
        );
        throw new UsageError(`${file}: ${error.issues.length} problem(s), listed above.`);
      }
      context.printer.object(
        { file, valid: true, name: policy.name, schedule: policy.schedule },
        { file, valid: true, policy },
      );
    });

  withScope(
    protect
      .command("plan <policy>")
      .description("Show what a run would do per VM (create, copy, delete and why), sending only reads."),
  ).action(async (file: string, o: ProtectOptions) => {
    const policy = readPolicy(file);
    const plan = await planProtection(await context.client(), policy, engineOptions(context, o));
    context.printer.rows(
      plan.vms,
      [
        { header: "VM", value: (v) => v.vmName },
        { header: "ACTION", value: planAction },
        { header: "COPIES", value: (v) => v.copies.map((c) => `${c.restorePointName} -> ${c.region}`) },
        {
          header: "DELETIONS",
          value: (v) => v.deletions.map((d) => `${d.restorePointName}@${d.region} (${d.rule})`),
        },
        { header: "SUBSCRIPTION", value: (v) => v.subscriptionId },
      ],
      plan,
    );
    context.printer.aside(
      plan.slot === undefined
        ? `${plan.vms.length} VM(s).`
        : `${plan.vms.length} VM(s), slot ${plan.slot.toISOString()}${plan.nextSlot === undefined ? "" : `, next ${plan.nextSlot.toISOString()}`}.`,
    );
  });

  withScope(
    protect
      .command("run <policy>")
      .description(
        "Carry the plan out once: create the slot's points, copy, prune. Safe to repeat and to run on several machines at once.",
      )
      .option(
        "--concurrency <n>",
        "VMs at once per subscription (1-100)",
        parseInteger("--concurrency", 1, 100),
      ),
  )
    .addHelpText(
      "after",
      "\nThe policy file is the consent: run deletes only the policy's own points, as `plan` shows.\nExit code 1 when any VM failed (the others are done).",
    )
    .action(async (file: string, o: RunOptions) => {
      const policy = readPolicy(file);
      const bar = createProgress(context.progressEnabled(), `protect ${policy.name}`);
      context.setInterruptNotice(() => [
        "Restore points and copies already requested go on in Azure.",
        `The next run finishes the slot: ${context.rerunCommand()}`,
      ]);
      let result: ProtectionRunResult;
      try {
        result = await runProtection(await context.client(), policy, {
          ...engineOptions(context, o),
          ...(o.concurrency === undefined ? {} : { maxConcurrency: o.concurrency }),
          onProgress: (event) => {
            bar.update(
              (event.completed / Math.max(1, event.total)) * 100,
              `${event.completed}/${event.total}`,
            );
          },
        });
      } finally {
        bar.stop();
      }
      context.printer.rows(
        result.vms,
        [
          { header: "VM", value: (v) => v.vmName },
          { header: "STATUS", value: (v) => v.status },
          { header: "CREATED", value: (v) => v.created },
          { header: "COPIED", value: (v) => v.copied.map((c) => `${c.restorePointName} -> ${c.region}`) },
          { header: "DELETED", value: (v) => v.deleted.length },
          { header: "FAILED", value: (v) => v.failed.map((f) => `${f.step} ${f.name}: ${f.error.message}`) },
        ],
        runJson(result),
      );
      const s = result.summary;
      context.printer.aside(
        `${s.vms} VM(s): ${s.created} created, ${s.copied} copied, ${s.deleted} deleted, ${s.failed} failed.`,
      );
      if (s.failed > 0) {
        throw new Error(`${s.failed} of ${s.vms} VM(s) failed; the next run retries them.`);
      }
    });

  withScope(
    protect
      .command("status <policy>")
      .description(
        "Per VM the newest point per region and its age against the RPO, pending copies, failures.",
      ),
  ).action(async (file: string, o: ProtectOptions) => {
    const policy = readPolicy(file);
    printStatus(context, await protectionStatus(await context.client(), policy, engineOptions(context, o)));
  });

  withScope(
    protect
      .command("report <policy>")
      .description("Write the status as one self-contained HTML page: coverage, per-VM table, timeline.")
      .requiredOption("--html <file>", "where to write the HTML report")
      .option("--title <text>", "page title (default: 'Protection report: <policy>')"),
  ).action(async (file: string, o: ReportOptions) => {
    const policy = readPolicy(file);
    const status = await protectionStatus(await context.client(), policy, engineOptions(context, o));
    writeFileSync(o.html, renderProtectionReport(status, o.title === undefined ? {} : { title: o.title }));
    const shown = { report: o.html, policy: status.policy, now: status.now, ...status.summary };
    context.printer.object(shown, {
      report: o.html,
      policy: status.policy,
      now: status.now,
      summary: status.summary,
    });
  });
}
