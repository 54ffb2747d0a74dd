/**
 * Turns an error into one line on stderr (or, with `--output json`, a JSON object
 * `{ code, message, target }`) and an exit code from {@link EXIT} that says what kind of failure it
 * was. Messages go through {@link redact} (no SAS or tokens) and {@link toCliHints} (flags, not SDK
 * option names).
 */
import { CommanderError } from "commander";
import { isRestError, isRestorePointError } from "../index.js";
import { EXIT, UsageError, WaitTimeoutError } from "./exitCodes.js";
import { toCliHints } from "./hints.js";
import { redact } from "./redact.js";

export interface ReportOptions {
  readonly stderr: (text: string) => void;
  /** `--verbose` / `--debug`: stacks too. */
  readonly verbose: boolean;
  readonly json: boolean;
  /** The endpoint requests go to, for messages about not reaching it. */
  readonly endpoint: string | undefined;
  /** The sign-in authority of the credential, for messages about not reaching it (none on the emulator). */
  readonly authority?: string | undefined;
  /** The resource the command worked on, when the error does not name one. */
  readonly target: string | undefined;
  /** What still runs in Azure after an interruption, and the command that picks it up. */
  readonly interruptNotice: readonly string[];
}

/** Error codes of Node's network and TLS layers that mean "the endpoint could not be reached". */
const UNREACHABLE =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ETIMEDOUT|EPROTO|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_\w+|CERT_\w+|ERR_TLS_\w+|ERR_SSL_\w+|HOSTNAME_MISMATCH)$/;

/** The network or TLS error code somewhere in an error's cause chain, if any. */
export function unreachableCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNREACHABLE.test(code)) return code;
    const message = (current as { message?: unknown }).message;
    if (typeof message === "string") {
      const named =
        /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID)\b/.exec(
          message,
        );
      if (named?.[1] !== undefined) return named[1];
      if (/self[- ]signed certificate|unable to verify the first certificate/i.test(message)) return "TLS";
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** identity's errors: a failed sign-in, or (in a chain) every credential failing. */
const SIGN_IN_ERRORS = /^(Aggregate)?AuthenticationError$|^CredentialUnavailableError$/;

/**
 * A sign-in that failed because the authority could not be reached: MSAL reports it as
 * `network_error` inside identity's message, sometimes with the Node error code in the cause chain.
 */
function signInUnreachable(error: unknown): string | undefined {
  if (!(error instanceof Error) || !SIGN_IN_ERRORS.test(error.name)) return undefined;
  return unreachableCode(error) ?? (/\bnetwork_error\b/.test(error.message) ? "network_error" : undefined);
}

interface Classified {
  readonly exitCode: number;
  readonly code: string;
  readonly message: string;
  readonly target?: string | undefined;
}

function classify(error: unknown, options: ReportOptions): Classified {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError || error instanceof TypeError || error instanceof RangeError) {
    return { exitCode: EXIT.usage, code: "UsageError", message };
  }
  if (error instanceof WaitTimeoutError) return { exitCode: EXIT.timeout, code: "WaitTimeout", message };
  if (error instanceof Error && error.name === "EmulatorControlError") {
    return { exitCode: EXIT.service, code: (error as Error & { code: string }).code, message };
  }
  if (error instanceof Error && error.name === "ResourceFailedError") {
    return { exitCode: EXIT.service, code: "ResourceFailed", message };
  }
  if (error instanceof Error && error.name === "AbortError") {
    return { exitCode: EXIT.interrupted, code: "Interrupted", message };
  }
  const signIn = signInUnreachable(error);
  if (signIn !== undefined) {
    const where = options.authority ?? "the sign-in authority";
    return {
      exitCode: EXIT.unreachable,
      code: "EndpointUnreachable",
      message: `cannot reach the sign-in authority ${where} (${signIn}): ${message}`,
    };
  }
  const network = unreachableCode(error);
  if (network !== undefined && !(isRestError(error) && error.statusCode !== undefined)) {
    const where = options.endpoint ?? "the endpoint";
    return {
      exitCode: EXIT.unreachable,
      code: "EndpointUnreachable",
      message: `cannot reach ${where} (${network}): ${message}`,
    };
  }
  if (isRestorePointError(error)) {
    return {
      exitCode: error.code === "OperationFailed" ? EXIT.service : EXIT.rule,
      code: error.code,
      message,
    };
  }
  if (isRestError(error)) {
    const details = error.details as { error?: { target?: unknown } } | undefined;
    const target = details?.error?.target;
    return {
      exitCode: EXIT.service,
      code: error.code ?? `HTTP ${error.statusCode ?? "error"}`,
      message,
      target: typeof target === "string" ? target : undefined,
    };
  }
  return { exitCode: EXIT.failure, code: "Error", message };
}

export function reportError(error: unknown, options: ReportOptions): number {
  if (error instanceof CommanderError) {
    // Help and version "errors" are successful exits; commander already printed the text.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const found = classify(error, options);
  const message = redact(toCliHints(found.message));
  const notice = found.exitCode === EXIT.interrupted ? options.interruptNotice.map(redact) : [];
  if (options.json) {
    const body: Record<string, unknown> = {
      code: found.code,
      message,
      target: found.target ?? options.target ?? null,
    };
    if (notice.length > 0) body["stillRunning"] = notice;
    options.stderr(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    const prefix =
      found.code === "UsageError" || found.code === "Error" || found.code === "EndpointUnreachable"
        ? "vmrp: "
        : found.code === "Interrupted"
          ? "vmrp: interrupted: "
          : `vmrp: ${found.code}: `;
    options.stderr(`${prefix}${message}\n`);
    for (const line of notice) options.stderr(`${line}\n`);
  }
  if (options.verbose && error instanceof Error && error.stack !== undefined) {
    options.stderr(`${redact(error.stack)}\n`);
  }
  return found.exitCode;
}
