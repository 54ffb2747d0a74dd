/*
 * A minimal DER (Distinguished Encoding Rules) encoder: just enough ASN.1 to build an X.509 certificate.
 *
 * Every function returns the complete TLV (tag, length, value) encoding of one element, so elements compose
 * by nesting calls: `sequence(integer(2), oid("1.2.3"))`. Nothing here parses DER. Internal to the emulator's
 * TLS support; not part of any public entry point.
 */

/** Universal-class tag numbers used by the encoders below. */
const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  objectIdentifier: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** PrintableString's alphabet (X.680 §41.4); anything else would be rejected by strict parsers. */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.of(length);
  // Long form: first byte is 0x80 | number-of-length-bytes, then the length big-endian, no leading zeros.
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Encodes one element from a raw identifier octet and its already-encoded contents. */
export function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(tag), encodeLength(content.length), content]);
}

/** SEQUENCE of the given (already encoded) elements, in order. */
export function sequence(...elements: Uint8Array[]): Buffer {
  return tlv(Tag.sequence, Buffer.concat(elements));
}

/** SET OF the given (already encoded) elements; DER requires them sorted by their encodings. */
export function set(...elements: Uint8Array[]): Buffer {
  const sorted = elements.map((e) => Buffer.from(e)).sort((a, b) => Buffer.compare(a, b));
  return tlv(Tag.set, Buffer.concat(sorted));
}

/** BOOLEAN; DER fixes TRUE as 0xFF. */
export function boolean(value: boolean): Buffer {
  return tlv(Tag.boolean, Buffer.of(value ? 0xff : 0x00));
}

/**
 * INTEGER from a non-negative number or from unsigned big-endian bytes (e.g. a serial number).
 * Leading zero bytes are stripped and one is re-added when the high bit is set, because DER INTEGERs are
 * minimal two's complement and an unsigned value with the top bit set would otherwise read as negative.
 */
export function integer(value: number | Uint8Array): Buffer {
  let bytes: Buffer;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`Unsupported INTEGER value: ${value}`);
    const digits: number[] = [];
    for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) digits.unshift(rest % 256);
    bytes = Buffer.from(digits);
  } else {
    bytes = Buffer.from(value);
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  if (bytes.length === 0) bytes = Buffer.of(0);
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.of(0), bytes]);
  return tlv(Tag.integer, bytes);
}

/** OBJECT IDENTIFIER from dotted-decimal notation, e.g. `"2.5.4.3"`. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split(".").map(Number);
  const [first, second, ...rest] = arcs;
  if (
    first === undefined ||
    second === undefined ||
    arcs.some((a) => !Number.isSafeInteger(a) || a < 0) ||
    first > 2 ||
    (first < 2 && second > 39)
  ) {
    throw new RangeError(`Invalid object identifier: ${dotted}`);
  }
  const out: number[] = [];
  // The first two arcs share one subidentifier; each subidentifier is base-128 with continuation bits.
  for (const arc of [first * 40 + second, ...rest]) {
    const group: number[] = [arc % 128];
    for (let r = Math.floor(arc / 128); r > 0; r = Math.floor(r / 128)) group.unshift((r % 128) | 0x80);
    out.push(...group);
  }
  return tlv(Tag.objectIdentifier, Buffer.from(out));
}

/** UTF8String. */
export function utf8String(value: string): Buffer {
  return tlv(Tag.utf8String, Buffer.from(value, "utf8"));
}

/** PrintableString; throws if `value` has characters outside its restricted alphabet. */
export function printableString(value: string): Buffer {
  if (!PRINTABLE.test(value)) throw new RangeError(`Not a PrintableString: ${JSON.stringify(value)}`);
  return tlv(Tag.printableString, Buffer.from(value, "ascii"));
}

/** IA5String (ASCII), as used by dNSName entries; throws on non-ASCII input. */
export function ia5String(value: string): Buffer {
  if (!/^\p{ASCII}*$/u.test(value)) throw new RangeError(`Not an IA5String: ${JSON.stringify(value)}`);
  return tlv(Tag.ia5String, Buffer.from(value, "ascii"));
}

/**
 * A certificate validity time. RFC 5280 §4.1.2.5 mandates UTCTime for years 1950–2049 and GeneralizedTime
 * otherwise, both in UTC with whole seconds, so the choice is made here rather than by callers.
 */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError("Time out of range");
  const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
  const rest =
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds()) +
    "Z";
  return year >= 1950 && year < 2050
    ? tlv(Tag.utcTime, Buffer.from(pad(year % 100) + rest, "ascii"))
    : tlv(Tag.generalizedTime, Buffer.from(pad(year, 4) + rest, "ascii"));
}

/** BIT STRING; `unusedBits` is how many low-order bits of the last byte are padding (0–7). */
export function bitString(bytes: Uint8Array, unusedBits = 0): Buffer {
  if (!Number.isInteger(unusedBits) || unusedBits < 0 || unusedBits > 7 || (bytes.length === 0 && unusedBits))
    throw new RangeError(`Invalid unused bit count: ${unusedBits}`);
  return tlv(Tag.bitString, Buffer.concat([Buffer.of(unusedBits), bytes]));
}

/** OCTET STRING. */
export function octetString(bytes: Uint8Array): Buffer {
  return tlv(Tag.octetString, bytes);
}

/**
 * Context-specific tag `[tagNumber]` (0–30).
 *
 * - `"explicit"` wraps a complete element (constructed), e.g. the certificate's `[0] version`.
 * - `"implicit"` replaces the tag of a primitive element, keeping only its contents, e.g. SAN `[2] dNSName`.
 */
export function contextSpecific(
  tagNumber: number,
  element: Uint8Array,
  mode: "explicit" | "implicit",
): Buffer {
  if (!Number.isInteger(tagNumber) || tagNumber < 0 || tagNumber > 30)
    throw new RangeError(`Unsupported context-specific tag: ${tagNumber}`);
  if (mode === "explicit") return tlv(0xa0 | tagNumber, element);
  return tlv(0x80 | tagNumber, contentsOf(element));
}

/** The contents octets of an encoded element, i.e. without its tag and length. */
function contentsOf(element: Uint8Array): Uint8Array {
  const first = element[1] ?? 0;
  const lengthBytes = first < 0x80 ? 0 : first & 0x7f;
  return element.subarray(2 + lengthBytes);
}
