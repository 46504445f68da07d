/**
 * A URL as it may be shown in a banner or an error: any user name and password replaced by `***`.
 * A URL parser decides where the credentials end (`redis://:p@ss@host` has the password `p@ss`), so a
 * password holding `@`, `/` or `:` is hidden whole; text no parser accepts has everything between the
 * scheme and its last `@` hidden.
 */
export function redactUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url) {
    if (!url.username && !url.password) return value;
    url.username = '';
    url.password = '';
    return url.href.replace('://', '://***@');
  }
  const at = value.lastIndexOf('@');
  if (at === -1) return value;
  const scheme = value.indexOf('://');
  const start = scheme === -1 ? 0 : scheme + 3;
  return at > start ? `${value.slice(0, start)}***${value.slice(at)}` : value;
}
