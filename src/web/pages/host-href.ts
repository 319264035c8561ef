/** Path of a host's page (ids are opaque: a source's id may hold any character). */
export function hostHref(id: string): string {
  return `/hosts/${encodeURIComponent(id)}`;
}
