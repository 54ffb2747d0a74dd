/**
 * The CLI's pure pieces: output formats, hints with CLI flags, where the config lives, which errors
 * mean "endpoint unreachable", and the sign-in authority per cloud.
 */
import { describe, expect, it } from "vitest";
import { configDir, parseDefaults } from "../../src/cli/config.js";
import { credentialOptions } from "../../src/cli/context.js";
import { formatGenericTable, formatJsonc, formatTsv, toJsonValue } from "../../src/cli/formats.js";
import { toCliHints } from "../../src/cli/hints.js";
import { applyQuery } from "../../src/cli/output.js";
import { shellQuote } from "../../src/cli/quote.js";
import { unreachableCode } from "../../src/cli/report.js";

describe("output formats", () => {
  it("prints tsv as az does: scalars of each item, tab-separated, nested values left out", () => {
    expect(
      formatTsv([
        { a: 1, b: "x", nested: { c: 2 }, list: [1] },
        { a: 2, b: null },
      ]),
    ).toBe("1\tx\n2\t");
    expect(formatTsv("just")).toBe("just");
    expect(formatTsv([["a", 1]])).toBe("a\t1");
  });

  it("builds a table from any JSON value, for --query results", () => {
    expect(
      formatGenericTable([
        { name: "a", n: 1 },
        { name: "bb", extra: true },
      ]),
    ).toBe("Name  N  Extra\n----  -  -----\na     1\nbb       true");
    expect(formatGenericTable(7)).toBe("7");
    expect(formatGenericTable({ k: "v" })).toBe("K\n-\nv");
  });

  it("colours jsonc only when asked", () => {
    expect(formatJsonc({ a: "b" }, false)).toBe('{\n  "a": "b"\n}');
    expect(formatJsonc({ a: 1, b: true }, true)).toContain('\u001b[94m"a"\u001b[0m: \u001b[33m1\u001b[0m');
  });

  it("queries the JSON form (dates as strings) with JMESPath", () => {
    const when = new Date("2026-01-02T03:04:05Z");
    expect(toJsonValue({ when, gone: undefined })).toEqual({ when: "2026-01-02T03:04:05.000Z" });
    expect(applyQuery([{ n: 1 }, { n: 2 }], "[?n > `1`].n")).toEqual([2]);
    expect(() => applyQuery([], "[?")).toThrow(/not a valid JMESPath expression/);
  });
});

describe("hints name CLI flags", () => {
  it("rewrites the SDK's option names", () => {
    expect(toCliHints('pass copyRegions: "any" to the client to skip this check.')).toBe(
      "pass --copy-regions any to skip this check.",
    );
    expect(toCliHints("pass allowMissingDisks: true to restore it anyway")).toBe(
      "pass --allow-missing-disks to restore it anyway",
    );
    expect(toCliHints("Choose another vmName, or use restoreVmInPlace")).toBe(
      "Choose another --vm-name, or use restore-vm --in-place",
    );
    expect(toCliHints("excludeUnsupportedDisks: true without skipPreflight.")).toBe(
      "--exclude-unsupported without --skip-preflight.",
    );
  });
});

describe("config and clouds", () => {
  it("puts the config where az users expect it", () => {
    expect(configDir({ VMRP_CONFIG_DIR: "/x" }, "linux")).toBe("/x");
    expect(configDir({ XDG_CONFIG_HOME: "/xdg" }, "linux")).toBe("/xdg/vmrp");
    expect(configDir({ APPDATA: "C:\\Users\\me\\AppData\\Roaming" }, "win32")).toMatch(
      /AppData.Roaming.vmrp$/,
    );
    expect(configDir({}, "darwin")).toMatch(/\.config[\\/]vmrp$/);
  });

  it("parses --defaults pairs and refuses unknown keys", () => {
    expect(parseDefaults(["group=rg", "location="])).toEqual({ group: "rg", location: "" });
    expect(() => parseDefaults(["colour=red"])).toThrow(/unknown key 'colour'/);
    expect(() => parseDefaults(["group"])).toThrow(/key=value/);
  });

  it("signs in against the chosen cloud's authority", () => {
    expect(credentialOptions(undefined)).toEqual({});
    expect(credentialOptions("AzureChinaCloud")).toEqual({ authorityHost: "https://login.chinacloudapi.cn" });
    expect(credentialOptions("AzureUSGovernment")).toEqual({
      authorityHost: "https://login.microsoftonline.us",
    });
  });
});

describe("errors", () => {
  it("recognises network and TLS failures anywhere in the cause chain", () => {
    expect(unreachableCode(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe("ECONNREFUSED");
    expect(
      unreachableCode(new Error("outer", { cause: Object.assign(new Error("dns"), { code: "ENOTFOUND" }) })),
    ).toBe("ENOTFOUND");
    expect(unreachableCode(new Error("self-signed certificate in certificate chain"))).toBe("TLS");
    expect(unreachableCode(new Error("ResourceNotFound"))).toBeUndefined();
  });

  it("quotes printed commands for a POSIX shell", () => {
    expect(shellQuote("/subscriptions/x/rg")).toBe("/subscriptions/x/rg");
    expect(shellQuote(`{"a":"it's"}`)).toBe(`'{"a":"it'\\''s"}'`);
  });
});
