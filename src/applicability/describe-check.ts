/** `firewalld is enabled: check with \`systemctl is-active firewalld\` on each node machine`. */
export function describeCheck(what: string, check: string | undefined): string {
  if (!check) return what;
  return `${what}: ${check.startsWith('`') ? 'check with' : 'check'} ${check}`;
}
