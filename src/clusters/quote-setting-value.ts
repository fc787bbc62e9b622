/** Shapes of credentials: Slack, JWT (service-account and OIDC tokens), GKE/GitHub/GitLab/AWS tokens, PEM, long base64. */
const SECRET_SHAPES = [
  /\bxox[a-z]-|\bxapp-/i,
  /\beyJ[A-Za-z0-9_-]{8,}/,
  /sha256~|\bya29\.|\bghp_|\bglpat-|\bAKIA[0-9A-Z]{12}/,
  /-----BEGIN /,
  /[A-Za-z0-9+/=]{32,}/,
];

/**
 * A setting's value for an error message: `"5s"`, quoted as given, unless it looks like a credential, which is
 * left out (`a value that looks like a token (43 characters), not shown`). Values land in the wrong variable (a
 * bot token pasted into SLACK_API_URL), and the message that says so goes to the log and the terminal. A URL
 * keeps its shape without the user, password and query: `"ftp://***@proxy.example/api/?…"`.
 */
export function quoteSettingValue(value: string): string {
  if (SECRET_SHAPES.some((shape) => shape.test(value))) return `(a value that looks like a token (${value.length} characters), not shown)`;
  const shown = withoutUrlCredentials(value);
  return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 119)}…` : shown);
}

function withoutUrlCredentials(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    if (!url.username && !url.password && !url.search) return value;
    return `${url.protocol}//${url.username || url.password ? '***@' : ''}${url.host}${url.pathname}${url.search ? '?…' : ''}`;
  } catch {
    // Unparseable: cut at the first '@' or '?', where credentials would sit.
    return value.replace(/\/\/[^/]*@/, '//***@').replace(/\?.*$/, '?…');
  }
}
