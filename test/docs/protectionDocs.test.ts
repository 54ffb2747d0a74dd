/**
 * The protection docs that are not TypeScript: the job-engine manifests in docs/job-engines (parsed
 * as YAML; the fields each engine needs, a schedule that takes every slot of the policy, one shard
 * per index, the policy they carry valid, and the vmrp command line in each accepted by our own
 * argument parser) and the policy reference (every field of the schema documented).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { createProgram } from "../../src/cli/main.js";
import { PROTECTION_POLICY_SCHEMA, parseProtectionPolicy, type ProtectionPolicy } from "../../src/index.js";

const root = resolve(import.meta.dirname, "../..");
const read = (file: string): string => readFileSync(join(root, file), "utf8");
const HOUR = 3_600_000;

interface ParsedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: Record<string, unknown>;
}

/** Parses `vmrp` arguments with the real command tree, every action replaced by a recorder. */
async function parseVmrp(argv: readonly string[]): Promise<ParsedCommand> {
  const output: string[] = [];
  const { program, dispose } = createProgram({
    stdout: (t) => output.push(t),
    stderr: (t) => output.push(t),
  });
  let parsed: ParsedCommand | undefined;
  const record = (command: Command, path: readonly string[]): void => {
    for (const sub of command.commands) {
      const name = [...path, sub.name()];
      if (sub.commands.length === 0) {
        sub.action((...values: unknown[]) => {
          const cmd = values.at(-1) as Command;
          parsed = { command: name.join(" "), args: cmd.args, options: cmd.opts() };
        });
      } else record(sub, name);
    }
  };
  record(program, []);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    throw new Error(`vmrp ${argv.join(" ")} does not parse: ${output.join("")}`, { cause: error });
  } finally {
    dispose();
  }
  if (parsed === undefined) throw new Error(`vmrp ${argv.join(" ")} ran no command`);
  return parsed;
}

/** The `vmrp …` part of a shell line, variables substituted, split as sh would (quotes removed). */
function vmrpArgv(line: string, variables: Readonly<Record<string, string>>): string[] {
  const expanded = line
    .replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_m, name: string) => variables[name] ?? `<unset ${name}>`)
    .replace(/\$(\w+)/g, (_m, name: string) => variables[name] ?? `<unset ${name}>`);
  const tokens = [...expanded.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
  const start = tokens.indexOf("vmrp");
  expect(start, `no vmrp in: ${line}`).toBeGreaterThanOrEqual(0);
  const rest = tokens.slice(start + 1);
  const end = rest.findIndex((t) => /^(>|\||&&|;|2>)/.test(t));
  const argv = end < 0 ? rest : rest.slice(0, end);
  expect(argv.join(" ")).not.toContain("<unset");
  return argv;
}

/** Whether a cron schedule starts a run in every slot of the policy (checked over 3 days). */
function coversEverySlot(cron: string, policy: ProtectionPolicy): void {
  const every = (policy.schedule.everyHours ?? 0) * HOUR;
  expect(every).toBeGreaterThan(0);
  const job = new Cron(cron, { paused: true, timezone: "Etc/UTC" });
  const from = new Date("2026-11-23T00:00:00Z");
  const runs = job.nextRuns(Math.ceil((3 * 24 * HOUR) / every) + 2, from).map((d) => d.getTime());
  const slots = runs.map((t) => Math.floor(t / every) * every);
  for (let i = 1; i < slots.length; i++) expect((slots[i] ?? 0) - (slots[i - 1] ?? 0)).toBe(every);
  // Within the slot's window (default: until the next slot), with room for a late start.
  for (const [i, t] of runs.entries()) expect(t - (slots[i] ?? 0)).toBeLessThan(every / 2);
}

function shardOf(options: Record<string, unknown>): unknown {
  return options["shard"];
}

describe("job-engine manifests", () => {
  it("Kubernetes: an Indexed CronJob, one shard per completion index, the policy mounted from its ConfigMap", async () => {
    const docs = parseAllDocuments(read("docs/job-engines/kubernetes-cronjob.yaml")).map((d) => d.toJS());
    const byKind = new Map(docs.map((d) => [d.kind as string, d]));
    const cronJob = byKind.get("CronJob");
    const configMap = byKind.get("ConfigMap");
    const account = byKind.get("ServiceAccount");
    expect(cronJob.apiVersion).toBe("batch/v1");
    const job = cronJob.spec.jobTemplate.spec;
    expect(job.completionMode).toBe("Indexed");
    const pod = job.template.spec;
    expect(["Never", "OnFailure"]).toContain(pod.restartPolicy);
    expect(pod.serviceAccountName).toBe(account.metadata.name);
    expect(job.template.metadata.labels["azure.workload.identity/use"]).toBe("true");
    const container = pod.containers[0];
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));
    const shards = Number(env.SHARDS);
    expect(job.completions).toBe(shards);
    expect(job.parallelism).toBe(shards);
    expect(container.command).toEqual(["sh", "-c"]);

    const volume = pod.volumes.find((v: any) => v.configMap?.name === configMap.metadata.name);
    const mount = container.volumeMounts.find((m: any) => m.name === volume.name);
    const [file, text] = Object.entries(configMap.data as Record<string, string>)[0] ?? [];
    const policy = parseProtectionPolicy(text ?? "", { source: file });
    coversEverySlot(cronJob.spec.schedule, policy);

    for (let index = 0; index < shards; index++) {
      const parsed = await parseVmrp(
        vmrpArgv(container.args[0], { ...env, JOB_COMPLETION_INDEX: String(index) }),
      );
      expect(parsed.command).toBe("protect run");
      expect(parsed.args).toEqual([`${mount.mountPath}/${file}`]);
      expect(shardOf(parsed.options)).toEqual({ index, count: shards });
    }
  });

  it("Azure Container Apps: a scheduled job with a managed identity, the policy in a secret volume", async () => {
    const job = parseYaml(read("docs/job-engines/azure-container-apps-job.yaml"));
    expect(job.identity.type).toBe("UserAssigned");
    expect(Object.keys(job.identity.userAssignedIdentities)).toHaveLength(1);
    expect(job.properties.environmentId).toMatch(/\/providers\/Microsoft\.App\/managedEnvironments\//);
    const configuration = job.properties.configuration;
    expect(configuration.triggerType).toBe("Schedule");
    expect(configuration.scheduleTriggerConfig.parallelism).toBeGreaterThanOrEqual(1);
    expect(configuration.scheduleTriggerConfig.replicaCompletionCount).toBeGreaterThanOrEqual(1);
    expect(configuration.replicaTimeout).toBeGreaterThan(0);

    const container = job.properties.template.containers[0];
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));
    expect(env.AZURE_CLIENT_ID).toBeDefined();
    const volume = job.properties.template.volumes[0];
    expect(volume.storageType).toBe("Secret");
    const mount = container.volumeMounts.find((m: any) => m.volumeName === volume.name);
    const secretFile = volume.secrets[0];
    const secret = configuration.secrets.find((s: any) => s.name === secretFile.secretRef);
    const policy = parseProtectionPolicy(secret.value, { source: "the job's secret" });
    coversEverySlot(configuration.scheduleTriggerConfig.cronExpression, policy);

    const parsed = await parseVmrp(vmrpArgv(container.args[0], env));
    expect(parsed.command).toBe("protect run");
    expect(parsed.args).toEqual([`${mount.mountPath}/${secretFile.path}`]);
    expect(shardOf(parsed.options)).toEqual({
      index: Number(env.SHARD_INDEX),
      count: Number(env.SHARD_COUNT),
    });
  });

  it("GitHub Actions: a schedule, OIDC sign-in, a matrix of shards covering 0..n-1, then the report", async () => {
    const workflow = parseYaml(read("docs/job-engines/github-actions-protect.yml"));
    expect(workflow.permissions["id-token"]).toBe("write");
    const run = workflow.jobs.run;
    const shards: number[] = run.strategy.matrix.shard;
    expect(shards).toEqual(shards.map((_, i) => i));
    expect(run.steps.some((s: any) => String(s.uses).startsWith("azure/login@"))).toBe(true);
    const step = run.steps.find((s: any) => typeof s.run === "string" && s.run.includes("vmrp protect run"));
    const policyFile = "policies/gold.json";
    for (const shard of shards) {
      const parsed = await parseVmrp(vmrpArgv(step.run, { "matrix.shard": String(shard) }));
      expect(parsed.command).toBe("protect run");
      expect(parsed.args).toEqual([policyFile]);
      expect(shardOf(parsed.options)).toEqual({ index: shard, count: shards.length });
    }
    // The schedule takes every slot of a 4-hourly policy like the guide's.
    const policy = parseProtectionPolicy(
      JSON.stringify({ name: "gold", selector: {}, schedule: { everyHours: 4 }, retention: { keepLast: 6 } }),
    );
    coversEverySlot(workflow.on.schedule[0].cron, policy);

    const report = workflow.jobs.report;
    expect(report.needs).toBe("run");
    const reportStep = report.steps.find(
      (s: any) => typeof s.run === "string" && s.run.includes("vmrp protect report"),
    );
    const parsedReport = await parseVmrp(vmrpArgv(reportStep.run, {}));
    expect(parsedReport.command).toBe("protect report");
    expect(parsedReport.options["html"]).toBe("rpo-report.html");
  });

  it("the parser used above refuses what vmrp refuses", async () => {
    await expect(parseVmrp(["protect", "run", "p.json", "--shard", "3/3"])).rejects.toThrow(/does not parse/);
    await expect(parseVmrp(["protect", "run"])).rejects.toThrow(/does not parse/);
    expect(
      (await parseVmrp(["protect", "plan", "p.json", "--at", "2026-01-01T00:00:00Z"])).options["at"],
    ).toEqual(new Date("2026-01-01T00:00:00Z"));
  });
});

describe("policy reference", () => {
  it("documents every field of the schema", () => {
    const reference = read("docs/protection-policy.md");
    const paths: string[] = [];
    const walk = (schema: any, prefix: string): void => {
      for (const [key, value] of Object.entries((schema?.properties ?? {}) as Record<string, any>)) {
        const path = prefix === "" ? key : `${prefix}.${key}`;
        paths.push(path);
        walk(value, path);
        if (value.items !== undefined) walk(value.items, `${path}[]`);
      }
    };
    walk(PROTECTION_POLICY_SCHEMA, "");
    expect(paths.length).toBeGreaterThan(20);
    const documented = (path: string): boolean => {
      if (reference.includes(`\`${path}\``)) return true;
      // Duration parts are documented together: `rpo.days` / `.hours` / `.minutes`.
      const parent = path.slice(0, path.lastIndexOf("."));
      const last = path.slice(path.lastIndexOf(".") + 1);
      return (
        ["days", "hours", "minutes"].includes(last) &&
        reference.includes(`\`${parent}.days\` / \`.hours\` / \`.minutes\``)
      );
    };
    const missing = paths.filter((path) => !documented(path));
    expect(missing).toEqual([]);
  });

  it("the guide's and the reference's JSON policies are valid", () => {
    for (const file of ["docs/protection-policy.md", "docs/guides/protect-an-estate.md"]) {
      const blocks = [...read(file).matchAll(/```(json|yaml)\n([\s\S]*?)```/g)];
      expect(blocks.length).toBeGreaterThan(0);
      for (const [, format, text] of blocks) {
        expect(() =>
          parseProtectionPolicy(text ?? "", { format: format as "json" | "yaml", source: file }),
        ).not.toThrow();
      }
    }
  });
});
