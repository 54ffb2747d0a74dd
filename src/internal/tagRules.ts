/**
 * Azure's tag rules, checked before a request so that tags the service would refuse never half
 * create a resource: at most 50 tags, names of 1 to 512 characters (UTF-16 code units, as .NET
 * counts) without `<`, `>`, `%`, `&`, `\`, `?`, `/` or control characters, values of at most 256
 * characters. The emulator keeps the same rules in its own module; a property test compares them.
 */

/** Most tags one resource can have. */
export const MAX_TAGS = 50;
/** Longest tag name. */
export const MAX_TAG_NAME_LENGTH = 512;
/** Longest tag value. */
export const MAX_TAG_VALUE_LENGTH = 256;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_IN_NAME = /[<>%&\\?/\u0000-\u001f\u007f]/;

/** Why a set of tags breaks Azure's rules, or undefined when it keeps them. Checked in ARM's order. */
export function tagRuleViolation(entries: readonly (readonly [string, string])[]): string | undefined {
  if (entries.length > MAX_TAGS) return `at most ${MAX_TAGS} tags are allowed, got ${entries.length}`;
  for (const [name] of entries) {
    if (name.trim() === "") return "tag names must not be empty or blank";
  }
  for (const [name] of entries) {
    if (FORBIDDEN_IN_NAME.test(name)) {
      return `tag name ${JSON.stringify(shorten(name))} contains a character Azure refuses in tag names (< > % & \\ ? / or a control character)`;
    }
  }
  for (const [name] of entries) {
    if (name.length > MAX_TAG_NAME_LENGTH) {
      return `tag name ${JSON.stringify(shorten(name))} is ${name.length} characters long; at most ${MAX_TAG_NAME_LENGTH} are allowed`;
    }
  }
  for (const [name, value] of entries) {
    if (value.length > MAX_TAG_VALUE_LENGTH) {
      return `the value of tag ${JSON.stringify(shorten(name))} is ${value.length} characters long; at most ${MAX_TAG_VALUE_LENGTH} are allowed`;
    }
  }
  return undefined;
}

/**
 * Checks tags given as an option and returns a copy.
 * @throws TypeError when `value` is not a plain object of strings (a `Map` would otherwise be sent as `{}`)
 * @throws RangeError when the tags break Azure's rules
 */
export function validateTags(value: unknown, what: string): Record<string, string> {
  if (!isPlainObject(value)) {
    throw new TypeError(
      `${what} must be a plain object of string values such as { env: "prod" }, got ${kindOf(value)}`,
    );
  }
  const entries = Object.entries(value);
  for (const [name, tagValue] of entries) {
    if (typeof tagValue !== "string") {
      throw new TypeError(
        `${what}[${JSON.stringify(shorten(name))}] must be a string, got ${tagValue === null ? "null" : typeof tagValue}`,
      );
    }
  }
  const violation = tagRuleViolation(entries as [string, string][]);
  if (violation !== undefined) throw new RangeError(`${what}: ${violation}`);
  // defineProperty keeps a tag named `__proto__` an ordinary key of the copy.
  const copy: Record<string, string> = {};
  for (const [name, tagValue] of entries as [string, string][]) {
    Object.defineProperty(copy, name, {
      value: tagValue,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Map) return "a Map (use Object.fromEntries(map))";
  if (typeof value === "object") {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } }).constructor?.name;
    return `a ${name ?? "non-plain object"}`;
  }
  return typeof value;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
