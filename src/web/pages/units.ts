/** A number with thousands separators, the same on every server whatever its locale. */
export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A count with its unit, so no number on the dashboard stands alone: "1 computer",
 * "1,230 findings". `plural` defaults to the singular plus "s".
 */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${num(n)} ${n === 1 ? singular : plural}`;
}
