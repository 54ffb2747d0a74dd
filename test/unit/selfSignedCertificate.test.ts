import { X509Certificate, createPrivateKey } from "node:crypto";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { describe, it, expect } from "vitest";
import { createSelfSignedCertificate } from "../../src/emulator/tls/selfSignedCertificate.js";
import { contextSpecific, integer, oid, set, time, utf8String } from "../../src/emulator/tls/der.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Starts an HTTPS server on 127.0.0.1:0 and runs `fn` against its port, always closing it afterwards. */
async function withServer<T>(
  cert: { certPem: string; keyPem: string },
  fn: (port: number) => Promise<T>,
): Promise<T> {
  const server = https.createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => {
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await fn((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => {
      server.close((err) => {
        if (err) reject(err);
        else resolve();
      });
    });
  }
}

function get(options: https.RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get({ ...options, agent: false, path: "/" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => {
        resolve(body);
      });
    });
    req.on("error", reject);
  });
}

describe("createSelfSignedCertificate", () => {
  it("produces a parseable, self-signed certificate with the defaults", () => {
    const before = Date.now();
    const { certPem, keyPem, fingerprint256 } = createSelfSignedCertificate();
    const after = Date.now();
    const cert = new X509Certificate(certPem);

    expect(cert.subject).toBe("CN=azure-vm-restore-points emulator");
    expect(cert.issuer).toBe("CN=azure-vm-restore-points emulator");
    expect(cert.subjectAltName?.split(", ")).toEqual([
      "DNS:localhost",
      "IP Address:127.0.0.1",
      "IP Address:0:0:0:0:0:0:0:1",
    ]);
    expect(cert.ca).toBe(true);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    expect(cert.fingerprint256).toBe(fingerprint256);
    expect(cert.publicKey.asymmetricKeyType).toBe("ec");
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);

    // Times are truncated to whole seconds, hence the one-second slack on the lower bound.
    const validFrom = Date.parse(cert.validFrom);
    const validTo = Date.parse(cert.validTo);
    expect(validFrom).toBeGreaterThanOrEqual(before - HOUR_MS - 1000);
    expect(validFrom).toBeLessThanOrEqual(after - HOUR_MS);
    expect(validTo - validFrom).toBe(365 * DAY_MS);
  });

  it("honours custom names, addresses and validity", () => {
    const { certPem } = createSelfSignedCertificate({
      commonName: "Émulateur ARM",
      hostnames: ["management.localhost", "*.example.test"],
      ipAddresses: ["10.1.2.3", "2001:db8::ff00:42:8329", "::ffff:192.168.0.1"],
      validityDays: 30_000, // reaches past 2049, where RFC 5280 switches to GeneralizedTime
    });
    const cert = new X509Certificate(certPem);

    expect(cert.subject).toBe("CN=Émulateur ARM");
    expect(cert.subjectAltName?.split(", ")).toEqual([
      "DNS:management.localhost",
      "DNS:*.example.test",
      "IP Address:10.1.2.3",
      "IP Address:2001:DB8:0:0:0:FF00:42:8329",
      "IP Address:0:0:0:0:0:FFFF:C0A8:1",
    ]);
    expect(Date.parse(cert.validTo) - Date.parse(cert.validFrom)).toBe(30_000 * DAY_MS);
    expect(cert.checkIP("2001:db8::ff00:42:8329")).toBe("2001:db8::ff00:42:8329");
    expect(cert.checkHost("api.example.test")).toBe("*.example.test"); // returns the matching SAN entry
    expect(cert.verify(cert.publicKey)).toBe(true);
  });

  it("omits subjectAltName when there are no names", () => {
    const cert = new X509Certificate(createSelfSignedCertificate({ hostnames: [], ipAddresses: [] }).certPem);
    expect(cert.subjectAltName).toBeUndefined();
  });

  it("rejects invalid input", () => {
    expect(() => createSelfSignedCertificate({ ipAddresses: ["999.1.1.1"] })).toThrow(RangeError);
    expect(() => createSelfSignedCertificate({ ipAddresses: ["fe80::1%eth0"] })).toThrow(RangeError);
    expect(() => createSelfSignedCertificate({ hostnames: ["bücher.example"] })).toThrow(RangeError);
    expect(() => createSelfSignedCertificate({ validityDays: 0 })).toThrow(RangeError);
    expect(() => createSelfSignedCertificate({ validityDays: Number.NaN })).toThrow(RangeError);
  });

  it("gives a different key and serial on every call", () => {
    const a = createSelfSignedCertificate();
    const b = createSelfSignedCertificate();
    const certA = new X509Certificate(a.certPem);
    const certB = new X509Certificate(b.certPem);

    expect(a.keyPem).not.toBe(b.keyPem);
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
    expect(certA.serialNumber).not.toBe(certB.serialNumber);
    // Positive 16-byte serial: 32 hex digits with the top bit clear.
    expect(certA.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(certB.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
  });

  it("is trusted over HTTPS when passed as ca, for 127.0.0.1 and for localhost", async () => {
    const cert = createSelfSignedCertificate();
    await withServer(cert, async (port) => {
      await expect(get({ host: "127.0.0.1", port, ca: cert.certPem })).resolves.toBe("ok");
      await expect(get({ host: "127.0.0.1", port, servername: "localhost", ca: cert.certPem })).resolves.toBe(
        "ok",
      );
    });
  });

  it("is rejected over HTTPS without ca, by another ca, or for a name it does not cover", async () => {
    const cert = createSelfSignedCertificate();
    const other = createSelfSignedCertificate();
    await withServer(cert, async (port) => {
      await expect(get({ host: "127.0.0.1", port })).rejects.toMatchObject({
        code: "DEPTH_ZERO_SELF_SIGNED_CERT",
      });
      await expect(get({ host: "127.0.0.1", port, ca: other.certPem })).rejects.toThrow();
      await expect(
        get({ host: "127.0.0.1", port, servername: "example.com", ca: cert.certPem }),
      ).rejects.toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID" });
    });
  });
});

describe("der", () => {
  it("encodes the primitives X.509 needs", () => {
    expect(integer(0).toString("hex")).toBe("020100");
    expect(integer(128).toString("hex")).toBe("02020080");
    expect(integer(Buffer.from("0000ff", "hex")).toString("hex")).toBe("020200ff");
    expect(oid("1.2.840.10045.4.3.2").toString("hex")).toBe("06082a8648ce3d040302");
    expect(utf8String("a".repeat(200)).subarray(0, 3).toString("hex")).toBe("0c81c8");
    expect(time(new Date(Date.UTC(2049, 11, 31, 23, 59, 59))).toString("latin1")).toBe(
      "\x17\x0d491231235959Z",
    );
    expect(time(new Date(Date.UTC(2050, 0, 1))).toString("latin1")).toBe("\x18\x0f20500101000000Z");
    expect(contextSpecific(0, integer(2), "explicit").toString("hex")).toBe("a003020102");
    expect(set(integer(2), integer(1)).toString("hex")).toBe("3106020101020102");
  });
});
