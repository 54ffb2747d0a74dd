/**
 * Replays contract fixtures (`test/fixtures/contract/*.json`) against a running emulator.
 *
 * A {@link ScenarioReplay} sends the exchanges of one fixture in order, with the fixture's placeholders
 * bound to our own names and ids, follows the operation URLs that earlier responses announced, and
 * compares each response with `checkExchange`. What cannot be compared for a principled reason is
 * declared as an {@link Adjustment}, with its reason, by the test that owns the scenario.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Emulator } from "../../src/emulator/index.js";
import { armFetch, type WireResponse } from "./armFetch.js";
import {
  checkExchange,
  matchUrlPattern,
  placeholdersIn,
  type ContractResponse,
  type FixtureExchange,
  type FixtureResponse,
  type JsonValue,
  type Placeholder,
} from "./contract.js";

export type Vars = Partial<Record<Placeholder, string>>;

/**
 * A declared difference between a fixture expectation and what the replay compares. Every adjustment
 * names the exchanges it applies to and says why; tests list them next to the scenario.
 */
export interface Adjustment {
  /** Exchange ids the adjustment applies to. */
  readonly exchanges: readonly string[];
  readonly reason: string;
  /** Body key paths (and everything below them) left out of bodyKeys/bodyValues/bodyAbsent. */
  readonly ignoreKeys?: readonly string[];
  /** Header names no longer required to be absent. */
  readonly dropHeadersAbsent?: readonly string[];
  /** Header names no longer required to be present. */
  readonly dropHeadersPresent?: readonly string[];
  /** Replaces (or adds) operation-URL forms. */
  readonly headerPatterns?: Readonly<Record<string, string>>;
  /** Replaces (or adds) expected body values. */
  readonly bodyValues?: Readonly<Record<string, JsonValue>>;
  /** Expected body values that are dropped (their keys stay in bodyKeys). */
  readonly dropBodyValues?: readonly string[];
  /**
   * Paths that must be ABSENT instead of present: they leave bodyKeys and bodyValues and join
   * bodyAbsent (used where a recording contradicts a spec example).
   */
  readonly bodyAbsent?: readonly string[];
}

function under(path: string, prefix: string): boolean {
  const norm = (p: string): string => p.replace(/\[\d+\]/g, "[]");
  const a = norm(path);
  const b = norm(prefix);
  return a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
}

/** The expectation of an exchange after its adjustments, and the keys to ignore. */
export function adjustExpectation(
  exchange: FixtureExchange,
  adjustments: readonly Adjustment[],
): { expected: FixtureResponse; ignoreKeys: string[]; applied: Adjustment[] } {
  const applied = adjustments.filter((a) => a.exchanges.includes(exchange.id));
  const expected: FixtureResponse = structuredClone(exchange.response);
  const ignoreKeys: string[] = [];
  for (const a of applied) {
    ignoreKeys.push(...(a.ignoreKeys ?? []));
    const lower = (names: readonly string[] | undefined): string[] =>
      (names ?? []).map((n) => n.toLowerCase());
    const notAbsent = lower(a.dropHeadersAbsent);
    const notPresent = lower(a.dropHeadersPresent);
    if (expected.headersAbsent !== undefined) {
      expected.headersAbsent = expected.headersAbsent.filter((h) => !notAbsent.includes(h.toLowerCase()));
    }
    if (expected.headersPresent !== undefined) {
      expected.headersPresent = expected.headersPresent.filter((h) => !notPresent.includes(h.toLowerCase()));
    }
    if (a.headerPatterns !== undefined) {
      expected.headerPatterns = { ...expected.headerPatterns, ...a.headerPatterns };
    }
    if (a.dropBodyValues !== undefined && expected.bodyValues !== undefined) {
      for (const path of a.dropBodyValues) Reflect.deleteProperty(expected.bodyValues, path);
    }
    if (a.bodyValues !== undefined) expected.bodyValues = { ...expected.bodyValues, ...a.bodyValues };
    for (const path of a.bodyAbsent ?? []) {
      expected.bodyKeys = (expected.bodyKeys ?? []).filter((k) => !under(k, path));
      for (const k of Object.keys(expected.bodyValues ?? {})) {
        if (under(k, path)) Reflect.deleteProperty(expected.bodyValues ?? {}, k);
      }
      expected.bodyAbsent = [...(expected.bodyAbsent ?? []), path];
    }
  }
  return { expected, ignoreKeys, applied };
}

/** Replaces every `{placeholder}` with its bound value; throws on one that is not bound. */
export function substitute(text: string, vars: Vars, what: string): string {
  return text.replace(/\{([A-Za-z0-9_-]+)\}/g, (whole, name: string) => {
    const value = vars[name as Placeholder];
    if (value === undefined) throw new Error(`${what}: placeholder ${whole} is not bound`);
    return value;
  });
}

/** `substitute` over a JSON value (strings anywhere, object keys left alone). */
export function substituteJson(value: JsonValue, vars: Vars, what: string): JsonValue {
  if (typeof value === "string") return substitute(value, vars, what);
  if (Array.isArray(value)) return value.map((v) => substituteJson(v, vars, what));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteJson(v, vars, what)]));
  }
  return value;
}

export function toContractResponse(res: WireResponse): ContractResponse {
  return { status: res.status, headers: res.headers, body: res.text === "" ? undefined : res.text };
}

export interface ExchangeOutcome {
  readonly exchange: FixtureExchange;
  /** `METHOD url` of the request that produced the compared response. */
  readonly request: string;
  readonly problems: string[];
  /** Set when the exchange could not be observed (e.g. the operation had already finished). */
  readonly skipped?: string;
  readonly response?: WireResponse;
  /** The adjustments that apply to this exchange. */
  readonly adjustments: readonly Adjustment[];
  /**
   * Applied adjustments that changed nothing: the comparison gives the same result without them. An
   * exclusion that is no longer needed must go (it would hide a future regression).
   */
  readonly unneeded: readonly Adjustment[];
}

/** A readable report of an outcome, for assertion messages. */
export function formatOutcome(outcome: ExchangeOutcome): string {
  const lines = [`${outcome.exchange.id}: ${outcome.request}`];
  for (const p of outcome.problems) lines.push(`  - ${p}`);
  if (outcome.problems.length > 0 && outcome.response !== undefined) {
    lines.push(`  response ${outcome.response.status}: ${outcome.response.text.slice(0, 400)}`);
  }
  return lines.join("\n");
}

export interface ReplayOptions {
  readonly emu: Emulator;
  /** Placeholder bindings; more are learned from responses as the scenario goes on. */
  readonly vars: Vars;
  readonly adjustments?: readonly Adjustment[];
  /** See `CheckOptions.checkRateLimits`. */
  readonly checkRateLimits: boolean;
  /**
   * When false (default), an exchange that expects `InProgress` is skipped if the operation had
   * already finished at the first poll; when true that is a mismatch.
   */
  readonly requireInProgress?: boolean;
  /** Pause between polls of a running operation. @defaultValue 5 */
  readonly pollIntervalMs?: number;
  /** Longest wait for an operation to reach the state an exchange shows. @defaultValue 10000 */
  readonly pollTimeoutMs?: number;
  /** More placeholders left unbound in the comparison (the caller documents why). */
  readonly unboundForChecks?: readonly Placeholder[];
}

export interface PlayOptions {
  /**
   * Compare the operation's FINAL answer instead of the first one: send the request, then follow its
   * `location` URL until it stops answering 202 (how the `200` of a long-running operation's example
   * reaches a client: `final-state-via: location`).
   */
  readonly final?: boolean;
}

interface OperationUrls {
  readonly asyncOperation?: string;
  readonly location?: string;
}

/**
 * Placeholders that are never bound for the comparison, with the reason: each stands for several
 * different service-made values inside one body.
 */
const UNBOUND_FOR_CHECKS: readonly Placeholder[] = [
  // One body names the disk restore points of the OS and the data disks, and of source and copy, all
  // with `{diskRestorePoint}`: it stays a wildcard segment (the surrounding id is still compared).
  "diskRestorePoint",
  // Bound per exchange: the operation a poll follows (see ScenarioReplay.poll).
  "operationId",
];

export class ScenarioReplay {
  readonly vars: Vars;
  private operation: OperationUrls | undefined;
  /** `p=` of the operation URLs seen so far, by `<family>/<region>`. */
  private readonly pByRegion = new Map<string, string>();

  constructor(private readonly options: ReplayOptions) {
    this.vars = { ...options.vars };
  }

  /** Sends one exchange (or follows the current operation for a poll) and compares the answer. */
  async play(exchange: FixtureExchange, options: PlayOptions = {}): Promise<ExchangeOutcome> {
    if (exchange.operation === "OperationStatus_Poll") return this.poll(exchange);
    const url = this.requestUrl(exchange);
    const body =
      exchange.requestBody === undefined
        ? undefined
        : substituteJson(exchange.requestBody, this.vars, exchange.id);
    const first = await armFetch(this.options.emu, exchange.method, url, body === undefined ? {} : { body });
    const problems = this.noteOperation(first);
    let res = first;
    let request = `${exchange.method} ${url}`;
    if (options.final === true) {
      const location = first.headers.location;
      if (first.status !== 202 || location === undefined) {
        problems.push(`expected 202 with a location header to follow, got ${first.status}`);
      } else {
        res = await this.pollUntil(location, (r) => r.status !== 202);
        request += `, then GET ${location} until done`;
      }
    }
    const compared = this.compare(exchange, res, this.checkVars());
    this.learn(exchange, res);
    return { ...compared, problems: [...compared.problems, ...problems], request, response: res };
  }

  private requestUrl(exchange: FixtureExchange): string {
    const query = new URLSearchParams({ "api-version": exchange.apiVersion });
    for (const [k, v] of Object.entries(exchange.query ?? {}))
      query.set(k, substitute(v, this.vars, exchange.id));
    return `${substitute(exchange.path, this.vars, exchange.id)}?${query.toString()}`;
  }

  private checkVars(extra: Vars = {}): Vars {
    const vars: Vars = { ...this.vars };
    for (const name of [...UNBOUND_FOR_CHECKS, ...(this.options.unboundForChecks ?? [])]) {
      Reflect.deleteProperty(vars, name);
    }
    return { ...vars, ...extra };
  }

  /** Compares a response with the exchange's adjusted expectation, and finds adjustments that did nothing. */
  private compare(
    exchange: FixtureExchange,
    res: WireResponse,
    vars: Vars,
  ): Pick<ExchangeOutcome, "exchange" | "problems" | "adjustments" | "unneeded"> {
    const run = (adjustments: readonly Adjustment[]): string[] => {
      const { expected, ignoreKeys } = adjustExpectation(exchange, adjustments);
      return checkExchange(expected, toContractResponse(res), {
        ignoreKeys,
        checkRateLimits: this.options.checkRateLimits,
        vars,
      });
    };
    const applied = (this.options.adjustments ?? []).filter((a) => a.exchanges.includes(exchange.id));
    const problems = run(applied);
    const same = (a: string[], b: string[]): boolean => [...a].sort().join("\n") === [...b].sort().join("\n");
    const unneeded = applied.filter((a) => same(run(applied.filter((other) => other !== a)), problems));
    return { exchange, problems, adjustments: applied, unneeded };
  }

  /**
   * Remembers the operation a response announces, and checks the recorded rule that `p=` is shared
   * by every operation of one subscription and region, and differs between regions.
   */
  private noteOperation(res: WireResponse): string[] {
    const asyncOperation = res.headers["azure-asyncoperation"];
    const location = res.headers.location;
    if (asyncOperation === undefined && location === undefined) return [];
    this.operation = {
      ...(asyncOperation === undefined ? {} : { asyncOperation }),
      ...(location === undefined ? {} : { location }),
    };
    const problems: string[] = [];
    for (const raw of [asyncOperation, location]) {
      if (raw === undefined) continue;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        continue;
      }
      const m = /\/locations\/([^/]+)\/([^/]+)\/[^/]+$/i.exec(url.pathname);
      const p = url.searchParams.get("p");
      if (m?.[1] === undefined || m[2] === undefined || p === null) continue;
      const key = `${m[2].toLowerCase()}/${m[1].toLowerCase()}`;
      const seen = this.pByRegion.get(key);
      if (seen !== undefined && seen !== p) {
        problems.push(
          `p=${p} differs from the p=${seen} of an earlier operation in ${key} (Azure shares it per region)`,
        );
      }
      for (const [otherKey, otherP] of this.pByRegion) {
        if (otherKey !== key && otherKey.split("/")[0] === key.split("/")[0] && otherP === p) {
          problems.push(`p=${p} is also the p= of ${otherKey}; another region must have another value`);
        }
      }
      this.pByRegion.set(key, p);
    }
    return problems;
  }

  /** Binds `{diskRestorePointId}` from the first restore point body that has disk restore points. */
  private learn(exchange: FixtureExchange, res: WireResponse): void {
    if (this.vars.diskRestorePointId !== undefined || res.status !== 200) return;
    if (exchange.operation !== "RestorePoints_Get") return;
    const storage = res.body?.properties?.sourceMetadata?.storageProfile;
    // The data disk's first: the recorded restore (cli-disk-from-restore-point) uses the data disk.
    const id: unknown =
      storage?.dataDisks?.[0]?.diskRestorePoint?.id ?? storage?.osDisk?.diskRestorePoint?.id;
    if (typeof id === "string") this.vars.diskRestorePointId = id;
  }

  private async poll(exchange: FixtureExchange): Promise<ExchangeOutcome> {
    const monitor = exchange.query?.monitor === "true";
    const url = monitor ? this.operation?.location : this.operation?.asyncOperation;
    if (url === undefined) {
      return {
        exchange,
        request: "GET (no operation URL)",
        problems: [`no ${monitor ? "location" : "azure-asyncoperation"} URL was announced before this poll`],
        adjustments: [],
        unneeded: [],
      };
    }
    const operationId = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    const vars = this.checkVars({ operationId });
    const problems: string[] = [];
    // The URL the previous response gave must have the form this poll was recorded with.
    const form = new URLSearchParams({ ...exchange.query, "api-version": exchange.apiVersion });
    const pattern = `${exchange.path}?${[...form].map(([k, v]) => `${k}=${v}`).join("&")}`;
    problems.push(...matchUrlPattern(pattern, url, vars).map((p) => `operation URL: ${p}`));
    const want = exchange.response.bodyValues?.status;
    let res: WireResponse;
    if (monitor) {
      res = await this.pollUntil(url, (r) => r.status !== 202);
    } else if (want === "InProgress") {
      res = await armFetch(this.options.emu, "GET", url);
      const status: unknown = res.body?.status;
      if (res.status === 200 && status !== "InProgress" && this.options.requireInProgress !== true) {
        return {
          exchange,
          request: `GET ${url}`,
          problems,
          skipped: `operation ${operationId} had already finished (${String(status)}) at the first poll`,
          response: res,
          adjustments: [],
          unneeded: [],
        };
      }
    } else {
      res = await this.pollUntil(url, (r) => r.status !== 200 || r.body?.status !== "InProgress");
    }
    const compared = this.compare(exchange, res, vars);
    return {
      ...compared,
      problems: [...problems, ...compared.problems],
      request: `GET ${url}`,
      response: res,
    };
  }

  private async pollUntil(url: string, done: (res: WireResponse) => boolean): Promise<WireResponse> {
    const deadline = Date.now() + (this.options.pollTimeoutMs ?? 10_000);
    for (;;) {
      const res = await armFetch(this.options.emu, "GET", url);
      if (done(res) || Date.now() > deadline) return res;
      await sleep(this.options.pollIntervalMs ?? 5);
    }
  }
}

/** Names of the placeholders a fixture uses anywhere in its exchanges. */
export function placeholdersOf(exchanges: readonly FixtureExchange[]): Set<string> {
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === "string") for (const n of placeholdersIn(v)) names.add(n);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(visit);
  };
  visit(exchanges);
  return names;
}
