/** Full-match patterns for the names actions take; nothing that fails them reaches a request. */

/** DNS-1123 label: namespaces, container names, most resource names' segments (63 characters). */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** DNS-1123 subdomain: pod, node and most object names (253 characters). */
export const DNS1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A network interface name as Linux allows it (no slash, no space, at most 15 characters). */
export const INTERFACE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.:-]{0,14}$/;
/** Whole seconds 1 to 600. */
export const PROBE_SECONDS = /^([1-9]|[1-9][0-9]|[1-5][0-9][0-9]|600)$/;

export function oneOf(values: readonly string[]): RegExp {
  return new RegExp(`^(${values.map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
}
