/**
 * URL handling for ARM: building resource URLs, repairing operation URLs and redacting URLs for
 * messages. Operation URLs carry signature parameters (`t`, `c`, `s`, `h`) that must be sent back
 * byte for byte, so they are only ever handled as strings, never re-serialised through `URL`.
 */

/** Query parameters that are safe to show in messages, logs and error fields. */
const SAFE_QUERY_PARAMETERS = new Set(["api-version", "$expand", "monitor"]);

/** `/a/b` path from segments, each percent-encoded (resource group names may hold `(` and Unicode). */
export function pathOf(...segments: readonly string[]): string {
  return segments.map((s) => `/${encodeURIComponent(s)}`).join("");
}

/** `endpoint + path?api-version=...[&extra]` */
export function armUrl(
  endpoint: string,
  path: string,
  apiVersion: string,
  query?: Readonly<Record<string, string>>,
): string {
  const params = [`api-version=${encodeURIComponent(apiVersion)}`];
  for (const [k, v] of Object.entries(query ?? {})) params.push(`${k}=${encodeURIComponent(v)}`);
  return `${endpoint}${path}?${params.join("&")}`;
}

/**
 * Makes a polling URL from a response header usable as-is:
 * - the spec examples show `.../operations/{id}&monitor=true&api-version=...` (an `&` and no `?`);
 *   sending that literally would put the query into the path, so the first `&` becomes `?`;
 * - an operation URL without `api-version` gets the operation's own version, which ARM requires.
 * Everything else, including signed parameters, is left untouched.
 */
export function normalizeOperationUrl(url: string, apiVersion: string): string {
  let fixed = url.trim();
  if (!fixed.includes("?") && fixed.includes("&")) fixed = fixed.replace("&", "?");
  if (!/[?&]api-version=/i.test(fixed)) {
    fixed += `${fixed.includes("?") ? "&" : "?"}api-version=${encodeURIComponent(apiVersion)}`;
  }
  return fixed;
}

/**
 * A URL fit for messages and error fields: scheme, host, path and the allow-listed query
 * parameters only, so operation signatures and SAS tokens (`sig=`) never leak.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const candidate = !url.includes("?") && url.includes("&") ? url.replace("&", "?") : url;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return "[unparseable URL]";
  }
  const kept = [...parsed.searchParams.entries()].filter(([k]) => SAFE_QUERY_PARAMETERS.has(k.toLowerCase()));
  const query = kept.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
  return `${parsed.origin}${parsed.pathname}${query === "" ? "" : `?${query}`}`;
}

/** The path of a URL without its query, lower-cased, for comparing request targets. */
export function comparablePath(url: string): string {
  const withoutQuery = url.split(/[?&]/, 1)[0] ?? url;
  try {
    return decodeURIComponent(new URL(withoutQuery).pathname).toLowerCase().replace(/\/+$/, "");
  } catch {
    return withoutQuery.toLowerCase();
  }
}
