/** UTC calendar periods for the grandfather-father-son retention rules. */

const DAY_MS = 86_400_000;

/** `2026-11-20`: the UTC day of `date`. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `2026-11`: the UTC month of `date`. */
export function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/**
 * `2026-W47`: the ISO 8601 week of `date` in UTC. Weeks start on Monday and belong to the year of
 * their Thursday, so 2027-01-01 (a Friday) is in 2026-W53 and 2024-12-30 (a Monday) in 2025-W01.
 */
export function isoWeekKey(date: Date): string {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(midnight + (3 - weekday) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const firstThursday =
    Date.UTC(isoYear, 0, 4) + (3 - ((new Date(Date.UTC(isoYear, 0, 4)).getUTCDay() + 6) % 7)) * DAY_MS;
  const week = 1 + Math.round((thursday.getTime() - firstThursday) / (7 * DAY_MS));
  return `${isoYear}-W${String(week).padStart(2, "0")}`;
}
