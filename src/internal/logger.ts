import { createClientLogger } from "@azure/logger";

/**
 * The package's `@azure/logger` logger: messages go to `azure:restore-points:<level>` (stderr by
 * default). Turn it on with the `AZURE_LOG_LEVEL` environment variable or `setLogLevel("info")`
 * from `@azure/logger`, or send its output elsewhere by overriding `logger.info.log` (and the
 * other levels), as with every Azure SDK package. Request logging redacts every header and query
 * parameter that is not allow-listed (see `RestorePointClientOptions.loggingOptions`); tokens and
 * SAS URLs never reach it.
 *
 * @example
 * ```ts
 * import { setLogLevel } from "@azure/logger";
 * import { logger } from "azure-vm-restore-points";
 *
 * setLogLevel("info");
 * logger.info.log = (...args) => myLog.write(args.join(" "));
 * ```
 *
 * @public
 */
export const logger = createClientLogger("restore-points");
