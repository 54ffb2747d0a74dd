/**
 * Loads a dependency synchronously on first use instead of at import time. The protection policy
 * code needs ajv, yaml and croner, which together cost more to load than the Azure core packages
 * themselves; importing them at the top made every `import "azure-vm-restore-points"` pay for them,
 * whether or not the program ever reads a policy (bench/coldImport.ts). Callers keep their
 * synchronous signatures because `require` is synchronous where `import()` is not.
 *
 * The CommonJS build swaps this file for `lazyRequire-cjs.cts` (tshy's dialect polyfill), and the
 * bundler gives the CommonJS bundle an `import.meta.url` of its own (scripts/bundle.ts).
 */
import { createRequire } from "node:module";

/** A `require` that resolves from this package, for dependencies loaded on first use. */
// tshy also compiles this file for CommonJS (where the -cjs.cts file then replaces it), and there
// `import.meta` is an error; @ts-expect-error would fail the ESM check, where it is none.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore
export const lazyRequire: NodeJS.Require = createRequire(import.meta.url);
