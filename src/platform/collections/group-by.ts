/**
 * Items grouped by a key, in first-seen order. Appends in place: rebuilding each group's array per
 * item (`[...group, item]`) turns a pass over a large fleet quadratic.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
