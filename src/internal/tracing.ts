/**
 * Spans. Every public method runs in a span named `<ClientClass>.<method>` (helpers' steps in
 * child spans named `<helper>.<step>`), created through `@azure/core-tracing`, which does nothing
 * until an application registers an instrumenter (e.g. `@azure/opentelemetry-instrumentation-azure-sdk`).
 * The requests of a span carry its context, so core-rest-pipeline's HTTP spans become its children.
 *
 * core-tracing is already loaded by core-rest-pipeline, so this module adds no import cost.
 */
import type { OperationOptions } from "@azure/core-client";
import type { TracingSpan } from "@azure/core-tracing";
import { createTracingClient } from "@azure/core-tracing";
import { SDK_NAME, SDK_VERSION } from "../constants.js";
import type { ArmContext } from "./armContext.js";

/** The package's tracing client (namespace `Microsoft.Compute`, as `az.namespace` on every span). */
export const tracingClient = createTracingClient({
  namespace: "Microsoft.Compute",
  packageName: SDK_NAME,
  packageVersion: SDK_VERSION,
});

/**
 * Runs `work` in a span named `name`, with a context whose requests carry `options` (merged over
 * the settings of the call `ctx` already serves) and the span's tracing context. The span ends
 * when `work` settles, with an error status when it throws.
 */
export function withSpan<T>(
  ctx: ArmContext,
  name: string,
  options: OperationOptions,
  work: (ctx: ArmContext, span: Omit<TracingSpan, "end">) => Promise<T>,
): Promise<T> {
  const parent = ctx.forCall(options);
  return tracingClient.withSpan(name, parent.call ?? {}, (updated, span) =>
    work(parent.forCall(updated), span),
  );
}

/** A step of a helper (`restoreVm.restoringDisks`): a child span of the call `ctx` serves. */
export function withStepSpan<T>(
  ctx: ArmContext,
  name: string,
  work: (ctx: ArmContext) => Promise<T>,
): Promise<T> {
  return withSpan(ctx, name, {}, (stepCtx) => work(stepCtx));
}

/**
 * A span for starting a long-running operation: opened now, the poller is created with a context
 * carrying it, and it ends when `started` settles (the initial request accepted or refused).
 * Later polls keep the span's context, so their HTTP spans are its children and one operation
 * reads as one trace.
 */
export function withStartSpan<P>(
  ctx: ArmContext,
  name: string,
  options: OperationOptions,
  start: (ctx: ArmContext) => P,
  started: (poller: P) => Promise<unknown>,
): P {
  const parent = ctx.forCall(options);
  const { span, updatedOptions } = tracingClient.startSpan(name, parent.call ?? {});
  let poller: P;
  try {
    poller = start(parent.forCall(updatedOptions));
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
  started(poller).then(
    () => {
      endSpan(span, undefined);
    },
    (error: unknown) => {
      endSpan(span, error ?? new Error("failed"));
    },
  );
  return poller;
}

function endSpan(span: TracingSpan, error: unknown): void {
  if (error === undefined) span.setStatus({ status: "success" });
  else span.setStatus({ status: "error", error: error instanceof Error ? error : "failed" });
  span.end();
}
