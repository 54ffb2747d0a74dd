/**
 * Azure's tag rules, the one place the emulator keeps them: at most 50 tags per resource, names of
 * 1 to 512 characters without `<`, `>`, `%`, `&`, `\`, `?`, `/` or control characters, values of
 * at most 256 characters. ARM applies them to every resource type that takes tags, so every
 * handler (resource groups, collections, disks, VMs, NICs, virtual networks) and `emu.addVm`
 * read tags through this module. Errors use ARM's codes and wording (`InvalidTags`,
 * `InvalidTagName`, `InvalidTagNameCharacters`, `InvalidTagValueLength`).
 *
 * Tags are kept in null-prototype records: a tag named `__proto__` (or `constructor`) is an
 * ordinary tag, stored and returned like any other, and cannot reach `Object.prototype`.
 *
 * The constants are exported for the emulator's tests and for a later SDK-side mirror, which
 * must agree with them exactly; they are not part of the public emulator API.
 */
import { armErrors, type ArmError } from "../armErrors.js";

/** Most tags one resource can have. */
export const MAX_TAGS = 50;
/** Longest tag name, in UTF-16 code units (as .NET counts string length). */
export const MAX_TAG_NAME_LENGTH = 512;
/** Longest tag value, in UTF-16 code units. */
export const MAX_TAG_VALUE_LENGTH = 256;
/** Characters ARM refuses in tag names (values may hold any). */
export const FORBIDDEN_TAG_NAME_CHARACTERS: readonly string[] = ["<", ">", "%", "&", "\\", "?", "/"];

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN_IN_NAME = /[<>%&\\?/\u0000-\u001f\u007f]/;

/** A tag record that treats every name, `__proto__` included, as an ordinary key. */
export function newTagRecord(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** Whether a tag name breaks the character rule (a forbidden or a control character). */
export function hasForbiddenTagNameCharacter(name: string): boolean {
  return FORBIDDEN_IN_NAME.test(name);
}

/**
 * The ARM error for a set of tags, or undefined when they are valid. Checked in ARM's order:
 * count, empty names, characters, name length, value length.
 */
export function tagsViolation(tags: readonly (readonly [string, string])[]): ArmError | undefined {
  if (tags.length > MAX_TAGS) return armErrors.tooManyTags(tags.length, MAX_TAGS);
  if (tags.some(([name]) => name.trim() === "")) return armErrors.emptyTagName();
  const badCharacters = tags.filter(([name]) => hasForbiddenTagNameCharacter(name)).map(([name]) => name);
  if (badCharacters.length > 0) return armErrors.tagNameCharacters(badCharacters);
  const longNames = tags.filter(([name]) => name.length > MAX_TAG_NAME_LENGTH).map(([name]) => name);
  if (longNames.length > 0) return armErrors.tagNameTooLong(longNames, MAX_TAG_NAME_LENGTH);
  const longValues = tags
    .filter(([, value]) => value.length > MAX_TAG_VALUE_LENGTH)
    .map(([, value]) => value);
  if (longValues.length > 0) return armErrors.tagValueTooLong(longValues, MAX_TAG_VALUE_LENGTH);
  return undefined;
}

/**
 * Reads `obj.tags` of a request body: absent or null → undefined; otherwise an object of string
 * values that keeps the rules, returned as a null-prototype record.
 */
export function readTags(obj: Record<string, unknown>, target = "tags"): Record<string, string> | undefined {
  const value = obj.tags;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw armErrors.invalidParameter(target, "Property 'tags' must be an object of strings.");
  }
  // JSON.parse makes `__proto__` an own property, so Object.entries sees it like any other.
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [name, tagValue] of entries) {
    if (typeof tagValue !== "string") {
      throw armErrors.invalidParameter(target, `The value of tag '${name}' must be a string.`);
    }
  }
  const tags = entries as [string, string][];
  const violation = tagsViolation(tags);
  if (violation !== undefined) throw violation;
  return toTagRecord(tags);
}

/**
 * Checks tags given to `emu.addVm` (plain objects or Maps are not mixed up: only plain objects of
 * strings are accepted) and returns them as a null-prototype record.
 * @throws TypeError for a value that is not an object of strings, RangeError for a broken rule
 */
export function checkSeedTags(value: unknown, name: string): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Map) {
    throw new TypeError(`${name} must be a plain object of string values.`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [tagName, tagValue] of entries) {
    if (typeof tagValue !== "string") {
      throw new TypeError(`${name}['${tagName}'] must be a string, got ${typeof tagValue}.`);
    }
  }
  const violation = tagsViolation(entries as [string, string][]);
  if (violation !== undefined) throw new RangeError(`${name}: ${violation.code}: ${violation.message}`);
  return toTagRecord(entries as [string, string][]);
}

function toTagRecord(entries: readonly (readonly [string, string])[]): Record<string, string> {
  const record = newTagRecord();
  for (const [name, value] of entries) record[name] = value;
  return record;
}
