/**
 * Reads the request target (`/subscriptions/...?api-version=...`) the way ARM's front door does,
 * refusing what it cannot route with a 400 instead of letting a decoding error escape:
 * malformed percent-encoding (`%ZZ`, a lone `%`, a truncated UTF-8 sequence such as `%E2%82`),
 * `.` and `..` segments (raw or encoded, which a URL parser would silently resolve into another
 * resource's path), and targets that are not an absolute path.
 *
 * WHATWG `URL` is deliberately not used for the path: it resolves dot segments and turns `\` into
 * `/`, so the emulator would route a request to a resource the client did not name.
 */
import { armErrors } from "./armErrors.js";

export interface RequestTarget {
  /** The path as sent (still percent-encoded), without the query. */
  readonly path: string;
  /** The query string without `?` (may be empty). */
  readonly query: string;
  readonly searchParams: URLSearchParams;
}

/** Decodes one path segment, or throws 400 naming it; for values the router already checked. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw armErrors.invalidRequestUri(`the path segment '${segment}' is not valid percent-encoded UTF-8`);
  }
}

export function parseRequestTarget(rawTarget: string | undefined): RequestTarget {
  const target = rawTarget ?? "/";
  const fragment = target.indexOf("#");
  const withoutFragment = fragment === -1 ? target : target.slice(0, fragment);
  const queryStart = withoutFragment.indexOf("?");
  const path = queryStart === -1 ? withoutFragment : withoutFragment.slice(0, queryStart);
  const query = queryStart === -1 ? "" : withoutFragment.slice(queryStart + 1);
  if (!path.startsWith("/")) throw armErrors.invalidRequestUri("the request target must be an absolute path");
  if (path.includes("\\")) throw armErrors.invalidRequestUri("the path must not contain '\\'");
  for (const segment of path.split("/")) {
    const decoded = decodeSegment(segment);
    if (decoded === "." || decoded === "..") {
      throw armErrors.invalidRequestUri(`the path must not contain a '${decoded}' segment`);
    }
  }
  // URLSearchParams decodes leniently (a bad escape stays as it is) and never throws.
  return { path, query, searchParams: new URLSearchParams(query) };
}

/**
 * The api-version of a request. A repeated parameter reaches ARM's model binding as one
 * comma-joined value, which is not a well-formed version and is refused as such.
 */
export function apiVersionParameter(query: URLSearchParams): string | null {
  const values = query.getAll("api-version");
  return values.length === 0 ? null : values.join(",");
}
