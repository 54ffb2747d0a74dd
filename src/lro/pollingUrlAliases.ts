/**
 * core-lro logs the URLs it polls (`LRO: Status: Polling from: ...` at verbose level) through its
 * own logger, which this SDK cannot reach, and ARM's operation URLs carry signature parameters
 * (`t`, `c`, `s`, `h`). So core-lro never sees them: it gets an alias, the URL without its secret
 * query parameters (as {@link redactUrl} shows it), and the poll request swaps the real URL back
 * in. Serialized states hold the real URLs, so a poller resumed in another process can poll.
 */
import { isJsonObject, objectAt } from "../internal/json.js";
import { redactUrl } from "../internal/urls.js";

const URL_KEYS = ["operationLocation", "resourceLocation"] as const;

export class PollingUrlAliases {
  readonly #real = new Map<string, string>();

  /** The URL to hand to core-lro for `url`: its alias when it has secret parameters. */
  alias(url: string): string {
    const alias = redactUrl(url);
    if (alias === undefined || alias === url || alias === "[unparseable URL]") return url;
    this.#real.set(alias, url);
    return alias;
  }

  /** The real URL behind an alias (any other URL as it is). */
  resolve(url: string): string {
    return this.#real.get(url) ?? url;
  }

  /** A serialized core-lro state with the real URLs, for `serialize()`. */
  expand(serialized: string): string {
    return this.#rewrite(serialized, (url) => this.resolve(url));
  }

  /** A serialized state (from `resumeFrom`) with aliases, for core-lro's `restoreFrom`. */
  shrink(serialized: string): string {
    return this.#rewrite(serialized, (url) => this.alias(url));
  }

  #rewrite(serialized: string, map: (url: string) => string): string {
    const parsed: unknown = JSON.parse(serialized);
    const config = objectAt(objectAt(parsed, "state"), "config");
    if (!isJsonObject(parsed) || config === undefined) return serialized;
    for (const key of URL_KEYS) {
      const value = config[key];
      if (typeof value === "string") (config as Record<string, unknown>)[key] = map(value);
    }
    return JSON.stringify(parsed);
  }
}
