/**
 * MikroORM's PostgreSQL connection returns date and timestamp columns of raw queries as strings (it parses them
 * itself for entities). Rows read with `em.execute` pass their time columns through here.
 */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`not a timestamp: ${String(value)}`);
  return date;
}

/** Returns the row with the named columns turned into Dates (or null). */
export function withDates<T extends object, K extends keyof T>(row: T, ...keys: K[]): T {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const key of keys) out[key as string] = toDate((row as Record<string, unknown>)[key as string]);
  return out as T;
}

/**
 * A text array as a PostgreSQL array literal (`{"A","B"}`), for `?::varchar[]` parameters: MikroORM's `execute`
 * spreads a JavaScript array parameter into a list (for `in (?)`), so arrays go in as one literal string.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
