import type { FindingStatus } from '../compliance/model.js';
import { html, queryString, type Html } from './html.js';

/** Statuses in the order every table, legend and chart shows them. */
export const STATUS_ORDER: readonly FindingStatus[] = [
  'current',
  'pending',
  'overdue',
  'unsupported',
  'unknown',
];

/** A coloured status pill; the colour comes from the stylesheet's status variables. */
export function badge(status: FindingStatus): Html {
  return html`<span class="badge badge-${status}">${status}</span>`;
}

/** `2026-08-25` from an ISO time, or a dash. */
export function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '–';
}

/** `2026-08-25 12:00 UTC` from an ISO time, or a dash. */
export function dateTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '–';
}

/** Whole percent of part in whole, or a dash when whole is 0. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}

/** A duration in words: "45 s", "12 min", "3 h", "2 d". */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** Days with one decimal, or a dash. */
export function days(n: number | null): string {
  return n === null ? '–' : n.toFixed(1);
}

/** Whole days from `iso` (a missed deadline) to `now`, or null when there is none. */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  return iso ? Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000) : null;
}

/** Path of a person's page. */
export function personHref(email: string): string {
  return `/people/${encodeURIComponent(email)}`;
}

/** Path of a host's page (ids are opaque: a source's id may hold any character). */
export function hostHref(id: string): string {
  return `/hosts/${encodeURIComponent(id)}`;
}

/**
 * A serial claimed in an identity conflict, linked to a host search for it: the host that holds
 * the serial is found by searching, since the conflict names no host id.
 */
export function claimedSerialLink(serial: string): Html {
  return html`<a href="/hosts${queryString({ q: serial })}">${serial}</a>`;
}

/** Path of a product's page. */
export function productHref(id: string): string {
  return `/products/${encodeURIComponent(id)}`;
}
