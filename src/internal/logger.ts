import { createClientLogger } from "@azure/logger";

/**
 * The SDK's logger (`azure:restore-points:<level>`), enabled with `AZURE_LOG_LEVEL` or
 * `setLogLevel()`. Request logging goes through the pipeline's logPolicy with this logger, which
 * redacts headers and query parameters that are not allow-listed. Never pass bodies, tokens or
 * unredacted URLs to it.
 */
export const logger = createClientLogger("restore-points");
