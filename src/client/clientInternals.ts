/**
 * The protocol context behind a RestorePointClient, for the feature folders above `client/` (the
 * protection engine) that work through the client's pipeline, credential and throttling counts.
 * Not exported from the package.
 */
import type { ArmContext } from "../internal/armContext.js";

const contexts = new WeakMap<object, ArmContext>();

/** Called by the client's constructor. */
export function registerClientContext(client: object, ctx: ArmContext): void {
  contexts.set(client, ctx);
}

/**
 * The client's context.
 *
 * @throws TypeError when `client` is not a RestorePointClient of this package
 */
export function contextOfClient(client: unknown): ArmContext {
  const ctx = typeof client === "object" && client !== null ? contexts.get(client) : undefined;
  if (ctx === undefined) throw new TypeError("client must be a RestorePointClient");
  return ctx;
}
