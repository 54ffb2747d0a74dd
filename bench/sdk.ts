/**
 * The SDK as users run it: the built bundle from `dist/` (`npm run bench` builds first), typed by
 * the sources. Importing `../src` instead would measure tsx's on-the-fly transpilation, which wraps
 * every function in a naming helper and so inflates per-item CPU costs.
 */
import type * as Sources from "../src/index.js";

/** A variable specifier: type-checking must not need a build. */
const PACKAGE = "azure-vm-restore-points";

export const { RestorePointClient, planProtectionFromFacts, runProtection, validateProtectionPolicy } =
  (await import(PACKAGE)) as typeof Sources;
export type RestorePointClient = Sources.RestorePointClient;
