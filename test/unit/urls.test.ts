import { describe, expect, it } from "vitest";
import { comparablePath, normalizeOperationUrl, redactUrl } from "../../src/internal/urls.js";
import { SIGNED_OPERATION_URL } from "../support/armBodies.js";

describe("operation URLs", () => {
  it("repairs the spec-example form with & and no ?", () => {
    expect(
      normalizeOperationUrl(
        "https://h/subscriptions/s/providers/Microsoft.Compute/locations/l/operations/id&monitor=true&api-version=2025-01-02",
        "x",
      ),
    ).toBe(
      "https://h/subscriptions/s/providers/Microsoft.Compute/locations/l/operations/id?monitor=true&api-version=2025-01-02",
    );
  });

  it("leaves signed recorded URLs byte for byte alone", () => {
    expect(normalizeOperationUrl(SIGNED_OPERATION_URL, "2099-01-01")).toBe(SIGNED_OPERATION_URL);
  });

  it("adds the operation's api-version when missing", () => {
    expect(normalizeOperationUrl("https://h/op/1", "2025-04-01")).toBe(
      "https://h/op/1?api-version=2025-04-01",
    );
    expect(normalizeOperationUrl("https://h/op/1?monitor=true", "2025-04-01")).toBe(
      "https://h/op/1?monitor=true&api-version=2025-04-01",
    );
  });

  it("redacts everything but api-version, $expand and monitor", () => {
    const redacted = redactUrl(SIGNED_OPERATION_URL) ?? "";
    expect(redacted).toMatch(/operations\/4f2d1b5e-0000-4000-8000-000000000001\?api-version=2025-04-01$/);
    expect(redacted).not.toMatch(/[?&](s|c|h|t|p)=/);
    expect(redactUrl("https://acct.blob.core.windows.net/c/b?sv=1&sig=SECRET&se=x")).toBe(
      "https://acct.blob.core.windows.net/c/b",
    );
    expect(redactUrl("https://h/op/1&monitor=true&api-version=1")).toBe(
      "https://h/op/1?monitor=true&api-version=1",
    );
    expect(redactUrl("not a url")).toBe("[unparseable URL]");
    expect(redactUrl(undefined)).toBeUndefined();
  });

  it("compares paths case-insensitively without the query", () => {
    expect(comparablePath("https://h/Subscriptions/S/rg/x?api-version=1")).toBe(
      comparablePath("https://h/subscriptions/s/RG/x/"),
    );
  });
});
