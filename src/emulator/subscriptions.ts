/**
 * The subscriptions one emulator hosts: its own (`options.subscriptionId`) and any other that
 * `emu.addSubscription` or `emu.addVm({ subscriptionId })` brought in. One token serves all of
 * them, as one principal with access to several subscriptions would see Azure. A request to any
 * other subscription gets ARM's `404 SubscriptionNotFound` before anything else happens.
 *
 * Resources of every subscription share the state's tables: ids carry their subscription, and the
 * handlers of a request see only the request's subscription through `context.options`.
 */
import type { ResolvedOptions } from "./options.js";
import type { EmulatorState } from "./state.js";

/** Characters that cannot be in a subscription id: it is one path segment of every ARM id. */
const INVALID = /[/\\?#%\s]/;

/** Checks a subscription id given to the emulator's API; returns it unchanged. */
export function checkSubscriptionId(subscriptionId: unknown, label: string): string {
  if (typeof subscriptionId !== "string" || subscriptionId === "") {
    throw new TypeError(`${label}: subscriptionId must be a non-empty string.`);
  }
  if (INVALID.test(subscriptionId)) {
    throw new RangeError(
      `${label}: subscriptionId '${subscriptionId}' cannot contain '/', '\\', '?', '#', '%' or spaces.`,
    );
  }
  return subscriptionId;
}

/** The id of a hosted subscription as the emulator spells it, or undefined for an unknown one. */
export function hostedSubscription(
  state: EmulatorState,
  options: ResolvedOptions,
  subscriptionId: string,
): string | undefined {
  const key = subscriptionId.toLowerCase();
  if (key === options.subscriptionId.toLowerCase()) return options.subscriptionId;
  return state.subscriptions[key];
}

/** Makes the emulator host a subscription (nothing happens when it already does); returns its id. */
export function hostSubscription(
  state: EmulatorState,
  options: ResolvedOptions,
  subscriptionId: string,
): string {
  const known = hostedSubscription(state, options, subscriptionId);
  if (known !== undefined) return known;
  state.subscriptions[subscriptionId.toLowerCase()] = subscriptionId;
  return subscriptionId;
}

/** Every hosted subscription, the emulator's own first. */
export function hostedSubscriptions(state: EmulatorState, options: ResolvedOptions): string[] {
  return [options.subscriptionId, ...Object.values(state.subscriptions)];
}

/** The options a handler of a request to `subscriptionId` sees: the same, with that subscription. */
export function optionsFor(options: ResolvedOptions, subscriptionId: string): ResolvedOptions {
  return subscriptionId === options.subscriptionId ? options : { ...options, subscriptionId };
}

/** The key prefix of everything in a subscription (ids are keyed lower-cased, see state.ts). */
export function subscriptionPrefix(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId.toLowerCase()}/`;
}
