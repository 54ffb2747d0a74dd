/**
 * Argument parsers for commander options; they throw `InvalidArgumentError`, which commander turns
 * into a usage error naming the option.
 */
import { InvalidArgumentError } from "commander";
import { UsageError } from "./exitCodes.js";

export function parseInteger(
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): (value: string) => number {
  return (value: string) => {
    if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}.`);
    return n;
  };
}

export function parseChoice<T extends string>(name: string, choices: readonly T[]): (value: string) => T {
  return (value: string) => {
    const found = choices.find((c) => c.toLowerCase() === value.toLowerCase());
    if (found === undefined) throw new InvalidArgumentError(`${name} must be one of: ${choices.join(", ")}.`);
    return found;
  };
}

/**
 * A value of an open service enumeration: a known value in any casing is given its canonical
 * spelling, any other non-empty value is passed on as typed, for Azure to decide (Azure adds SKUs
 * and modes over time; the SDK sends them as given).
 */
export function parseOpenChoice(name: string, known: readonly string[]): (value: string) => string {
  return (value: string) => {
    if (value.trim() === "") {
      throw new InvalidArgumentError(`${name} must not be empty; known values: ${known.join(", ")}.`);
    }
    return known.find((k) => k.toLowerCase() === value.toLowerCase()) ?? value;
  };
}

/** Comma-separated or repeated values. */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== ""),
  ];
}

/** Seconds, fractions allowed (`--interval 0.5`). */
export function parseSeconds(name: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError(`${name} must be a number of seconds.`);
    return Number(value);
  };
}

/** `key=value` tags, from `--tags a=1 b=2` or repeated `--tag a=1`. */
export function parseTags(
  pairs: readonly string[] | undefined,
  flag = "--tags",
): Record<string, string> | undefined {
  if (pairs === undefined) return undefined;
  const tags: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new UsageError(`${flag} expects key=value, got '${pair}'.`);
    tags[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return tags;
}
