import type { AbortSignalLike } from "@azure/abort-controller";
import type { PagedAsyncIterableIterator, PageSettings } from "@azure/core-paging";
import type { ArmContext } from "./armContext.js";
import { arrayAt, isJsonObject, stringAt } from "./json.js";
import type { JsonObject } from "./json.js";

/** One page: its items and the token of the next page, if any. */
export interface Page<T> {
  readonly items: T[];
  readonly continuationToken?: string | undefined;
}

/**
 * The one paging helper: turns a page loader into a `PagedAsyncIterableIterator`. Pages are only
 * fetched when iterated; `byPage({ continuationToken })` resumes from a token a previous page gave.
 */
export function createPagedIterator<T>(
  loadPage: (continuationToken: string | undefined) => Promise<Page<T>>,
): PagedAsyncIterableIterator<T> {
  async function* pages(settings?: PageSettings): AsyncIterableIterator<T[]> {
    let token = settings?.continuationToken;
    const seen = new Set<string>();
    do {
      const page = await loadPage(token);
      yield page.items;
      token = page.continuationToken;
      // A service that hands out the same link twice would otherwise loop forever.
      if (token !== undefined && seen.has(token)) return;
      if (token !== undefined) seen.add(token);
    } while (token !== undefined);
  }
  async function* items(): AsyncIterableIterator<T> {
    for await (const page of pages()) yield* page;
  }
  const iterator = items();
  const paged: PagedAsyncIterableIterator<T> = {
    next: () => iterator.next(),
    [Symbol.asyncIterator]: () => paged,
    byPage: (settings?: PageSettings) => pages(settings),
  };
  return paged;
}

/**
 * Pages of an ARM list operation (`{ value: [...], nextLink }`); the continuation token is the
 * `nextLink`, used as-is since it already carries the api-version and any skip token.
 */
export function listArmPages<T>(
  ctx: ArmContext,
  firstUrl: string,
  map: (item: JsonObject) => T,
  abortSignal: AbortSignalLike | undefined,
): PagedAsyncIterableIterator<T> {
  return createPagedIterator(async (token) => {
    const body = await ctx.getJson(token ?? firstUrl, abortSignal);
    const next = stringAt(body, "nextLink");
    return {
      items: arrayAt(body, "value").filter(isJsonObject).map(map),
      continuationToken: next === undefined || next === "" ? undefined : next,
    };
  });
}
