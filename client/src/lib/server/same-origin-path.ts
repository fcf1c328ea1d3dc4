/** A base no request can name: what a candidate resolves against to prove it names nothing but a path on it. */
const PROBE = 'http://same-origin.invalid';

/**
 * `target` (a path, optionally with a query) as a Location value that a browser resolves on this site's own origin,
 * whatever the requested path looked like; `fallback` when it cannot be made one.
 *
 * A browser reads `//host/…` and `/\host/…` (backslashes count as slashes, tabs and newlines are dropped) as another
 * site, and dot segments can produce such a path (`/.//host` resolves to `//host`). So the target is resolved by the
 * URL parser (which does all of that), its leading slashes are collapsed to one, and the result must resolve to the
 * probe origin again. Raw control characters, schemes and anything not starting with a slash give the fallback; the
 * serialized URL is ASCII with every unsafe byte percent-encoded, so it is also a safe header value.
 */
export function sameOriginPath(target: string, fallback = '/'): string {
  if (!/^[/\\]/.test(target) || /[\u0000-\u001f\u007f]/.test(target)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(target.replace(/^[/\\]+/, '/'), PROBE);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE) return fallback;
  const path = resolved.pathname.replace(/^\/+/, '/') + resolved.search;
  return staysOnOrigin(path) ? path : fallback;
}

/** Whether a Location value resolves to a path on the origin of the request it answers. */
function staysOnOrigin(location: string): boolean {
  if (!location.startsWith('/') || /^\/[/\\]/.test(location) || /[\u0000-\u0020\u007f-\uffff]/.test(location)) return false;
  try {
    return new URL(location, `${PROBE}/a/b`).origin === PROBE;
  } catch {
    return false;
  }
}
