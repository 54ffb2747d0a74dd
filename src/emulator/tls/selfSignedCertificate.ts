import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import {
  bitString,
  boolean,
  contextSpecific,
  ia5String,
  integer,
  octetString,
  oid,
  sequence,
  set,
  time,
  utf8String,
} from "./der.js";

/** A freshly generated certificate and its private key, both PEM encoded. */
export interface SelfSignedCertificate {
  /** The certificate (`-----BEGIN CERTIFICATE-----`); give it to clients as their trusted `ca`. */
  readonly certPem: string;
  /** The unencrypted PKCS#8 private key (`-----BEGIN PRIVATE KEY-----`); give it to the server as `key`. */
  readonly keyPem: string;
  /** SHA-256 of the DER certificate as colon-separated upper-case hex, as `X509Certificate.fingerprint256`. */
  readonly fingerprint256: string;
}

/** Options for {@link createSelfSignedCertificate}. */
export interface SelfSignedCertificateOptions {
  /** Subject and issuer common name. Defaults to `"azure-vm-restore-points emulator"`. */
  commonName?: string;
  /** DNS names put in subjectAltName (ASCII; use punycode). Defaults to `["localhost"]`. */
  hostnames?: string[];
  /** IPv4/IPv6 addresses put in subjectAltName. Defaults to `["127.0.0.1", "::1"]`. */
  ipAddresses?: string[];
  /** Days the certificate stays valid, counted from one hour before now. Defaults to 365. */
  validityDays?: number;
}

const OID = {
  commonName: "2.5.4.3",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
} as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Generates a self-signed X.509 v3 certificate with a new EC P-256 key, for serving HTTPS on loopback.
 *
 * The certificate is its own trust anchor: clients trust it by passing `certPem` as the TLS `ca` option
 * (e.g. `https.get(url, { ca: certPem })`), without disabling certificate verification. Hostname checks
 * pass for every entry of `hostnames` and `ipAddresses`, which go into subjectAltName.
 *
 * Uses only `node:crypto`; generation takes a few milliseconds.
 *
 * @param options - Subject name, subjectAltName entries and validity; see {@link SelfSignedCertificateOptions}.
 * @returns The certificate, its private key and its SHA-256 fingerprint.
 * @throws RangeError if a hostname is not ASCII, an IP address is malformed, or `validityDays` is not positive.
 */
export function createSelfSignedCertificate(
  options: SelfSignedCertificateOptions = {},
): SelfSignedCertificate {
  const commonName = options.commonName ?? "azure-vm-restore-points emulator";
  const hostnames = options.hostnames ?? ["localhost"];
  const ipAddresses = options.ipAddresses ?? ["127.0.0.1", "::1"];
  const validityDays = options.validityDays ?? 365;
  if (!Number.isFinite(validityDays) || validityDays <= 0) {
    throw new RangeError(`validityDays must be a positive number, got ${validityDays}`);
  }

  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" });

  // Positive (top bit clear) yet non-zero in the top byte, so the DER INTEGER is exactly 16 bytes.
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;

  // Backdated so clients whose clocks lag slightly behind ours do not see a not-yet-valid certificate;
  // whole seconds because that is all UTCTime can express.
  const notBefore = new Date(Math.floor((Date.now() - HOUR_MS) / 1000) * 1000);
  const notAfter = new Date(notBefore.getTime() + validityDays * DAY_MS);

  const name = sequence(set(sequence(oid(OID.commonName), utf8String(commonName))));
  const signatureAlgorithm = sequence(oid(OID.ecdsaWithSha256)); // ECDSA takes no parameters (RFC 5758 §3.2).

  const tbs = sequence(
    contextSpecific(0, integer(2), "explicit"), // v3, required for extensions
    integer(serial),
    signatureAlgorithm,
    name, // issuer equals subject: self-signed
    sequence(time(notBefore), time(notAfter)),
    name,
    spki,
    contextSpecific(3, sequence(...extensions(spki, hostnames, ipAddresses)), "explicit"),
  );

  // For EC keys node:crypto already emits the DER Ecdsa-Sig-Value (SEQUENCE { r, s }) that X.509 expects.
  const signature = sign("sha256", tbs, privateKey);
  const der = sequence(tbs, signatureAlgorithm, bitString(signature));

  return {
    certPem: toPem("CERTIFICATE", der),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    fingerprint256: createHash("sha256")
      .update(der)
      .digest("hex")
      .toUpperCase()
      .replace(/(..)(?!$)/g, "$1:"),
  };
}

function extensions(spki: Buffer, hostnames: readonly string[], ipAddresses: readonly string[]): Buffer[] {
  const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
    // DER omits BOOLEAN fields equal to their DEFAULT, and `critical` defaults to FALSE.
    critical ? sequence(oid(id), boolean(true), octetString(value)) : sequence(oid(id), octetString(value));

  const altNames = [
    ...hostnames.map((host) => contextSpecific(2, ia5String(host), "implicit")),
    ...ipAddresses.map((ip) => contextSpecific(7, octetString(ipAddressBytes(ip)), "implicit")),
  ];
  // OpenSSL treats a self-signed leaf in the trust store as the anchor; CA:TRUE keeps it a consistent
  // CA certificate (keyCertSign requires cA per RFC 5280 §4.2.1.3) so strict verifiers accept it too.
  const result = [
    extension(OID.basicConstraints, true, sequence(boolean(true))),
    // Bits 0 (digitalSignature) and 5 (keyCertSign): 0b1000_0100, the 2 trailing zero bits marked unused.
    extension(OID.keyUsage, true, bitString(Buffer.of(0x84), 2)),
    extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
    // Lets chain builders match this certificate as issuer of itself without comparing names only.
    extension(OID.subjectKeyIdentifier, false, octetString(subjectKeyIdentifier(spki))),
  ];
  // An empty GeneralNames is invalid (RFC 5280 §4.2.1.6), so the extension is left out instead.
  if (altNames.length > 0) result.push(extension(OID.subjectAltName, false, sequence(...altNames)));
  return result;
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents (not the whole SPKI). */
function subjectKeyIdentifier(spki: Buffer): Buffer {
  // For P-256 the uncompressed point (0x04 || X || Y) is the SPKI's last 65 bytes.
  return createHash("sha1")
    .update(spki.subarray(spki.length - 65))
    .digest();
}

/** The 4- or 16-byte network-order form that the iPAddress GeneralName carries. */
function ipAddressBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split(".").map(Number));
  if (!isIPv6(ip) || ip.includes("%")) throw new RangeError(`Invalid IP address: ${ip}`);
  // Rewrite an embedded dotted IPv4 tail (e.g. ::ffff:1.2.3.4) as two hex groups before expanding "::".
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  let text = ip;
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = ip.slice(0, dotted.index) + ((a << 8) | b).toString(16) + ":" + ((c << 8) | d).toString(16);
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string | undefined): string[] => (part ? part.split(":") : []);
  const left = parse(head);
  const right = parse(tail);
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((group, i) => out.writeUInt16BE(parseInt(group, 16), i * 2));
  return out;
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
