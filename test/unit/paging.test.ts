import { describe, expect, it } from "vitest";
import { createPagedIterator } from "../../src/internal/paging.js";

const pages: Record<string, { items: number[]; continuationToken?: string }> = {
  first: { items: [1, 2], continuationToken: "p2" },
  p2: { items: [3], continuationToken: "p3" },
  p3: { items: [4, 5] },
};

function iterator(loaded: string[] = []) {
  return createPagedIterator<number>((token) => {
    const key = token ?? "first";
    loaded.push(key);
    const page = pages[key];
    if (page === undefined) throw new Error(`no page ${key}`);
    return Promise.resolve(page);
  });
}

describe("createPagedIterator", () => {
  it("iterates items across pages lazily", async () => {
    const loaded: string[] = [];
    const it = iterator(loaded);
    expect(loaded).toEqual([]);
    expect(await it.next()).toEqual({ value: 1, done: false });
    expect(loaded).toEqual(["first"]);
    const rest: number[] = [];
    for await (const n of it) rest.push(n);
    expect(rest).toEqual([2, 3, 4, 5]);
    expect(loaded).toEqual(["first", "p2", "p3"]);
  });

  it("byPage() yields pages and resumes from a continuation token", async () => {
    const all: number[][] = [];
    for await (const page of iterator().byPage()) all.push(page);
    expect(all).toEqual([[1, 2], [3], [4, 5]]);
    const resumed: number[][] = [];
    for await (const page of iterator().byPage({ continuationToken: "p2" })) resumed.push(page);
    expect(resumed).toEqual([[3], [4, 5]]);
  });

  it("stops when a service repeats a nextLink", async () => {
    let calls = 0;
    const looping = createPagedIterator<number>(() => {
      calls += 1;
      return Promise.resolve({ items: [calls], continuationToken: "same" });
    });
    const seen: number[] = [];
    for await (const n of looping) seen.push(n);
    expect(seen).toEqual([1, 2]);
  });

  it("propagates page errors", async () => {
    const failing = createPagedIterator<number>(() => Promise.reject(new Error("boom")));
    await expect(failing.next()).rejects.toThrow("boom");
  });

  it("keeps the order when next() calls overlap a page load", async () => {
    const it = iterator();
    const results = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next(), it.next()]);
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, 4, 5, undefined]);
    expect(results.at(-1)?.done).toBe(true);
  });

  it("loads no further page after a for-await loop breaks", async () => {
    const loaded: string[] = [];
    for await (const n of iterator(loaded)) if (n === 2) break;
    expect(loaded).toEqual(["first"]);
  });

  it("skips empty pages", async () => {
    const empty = createPagedIterator<number>((token) =>
      Promise.resolve(
        token === undefined ? { items: [], continuationToken: "b" } : { items: token === "b" ? [7] : [] },
      ),
    );
    const seen: number[] = [];
    for await (const n of empty) seen.push(n);
    expect(seen).toEqual([7]);
  });
});
