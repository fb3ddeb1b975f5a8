/**
 * PARSE_URL(url, part [, key]) as Flink 1.20, which reads the URL with java.net.URL: a protocol Java has no handler
 * for, a relative URL or a port that is not a number gives NULL; nothing is decoded or normalised except the
 * protocol (lower case). Parts: HOST, PATH, QUERY, REF, PROTOCOL, FILE, AUTHORITY, USERINFO (exactly so spelt; any
 * other part gives NULL). With a key, the value of the first `key=value` of the QUERY.
 */

/** The protocols a Java runtime has URL handlers for. */
const PROTOCOLS = new Set(['http', 'https', 'ftp', 'file', 'jar', 'mailto']);

interface JavaUrl {
  readonly protocol: string;
  readonly authority: string | null;
  readonly userInfo: string | null;
  readonly host: string;
  readonly path: string;
  readonly query: string | null;
  readonly ref: string | null;
}

export function parseUrl(text: string, part: string, key?: string): string | null {
  const url = javaUrl(text);
  if (url === null) return null;
  if (key !== undefined) return part === 'QUERY' && url.query !== null ? queryValue(url.query, key) : null;
  switch (part) {
    case 'HOST': return url.host;
    case 'PATH': return url.path;
    case 'QUERY': return url.query;
    case 'REF': return url.ref;
    case 'PROTOCOL': return url.protocol;
    case 'FILE': return url.query === null ? url.path : `${url.path}?${url.query}`;
    case 'AUTHORITY': return url.authority;
    case 'USERINFO': return url.userInfo;
    default: return null;
  }
}

/** The value of the first `key=value` pair of a query (Flink's regex `(&|^)key=([^&]*)`), or NULL. */
function queryValue(query: string, key: string): string | null {
  let from = 0;
  for (;;) {
    const at = query.indexOf(`${key}=`, from);
    if (at < 0) return null;
    if (at === 0 || query[at - 1] === '&') {
      const start = at + key.length + 1;
      const end = query.indexOf('&', start);
      return query.slice(start, end < 0 ? undefined : end);
    }
    from = at + 1;
  }
}

/** java.net.URL's split of an absolute URL: protocol ':' ['//' authority] path ['?' query] ['#' ref]. */
function javaUrl(text: string): JavaUrl | null {
  const spec = text.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(spec);
  if (scheme === null) return null;
  const protocol = scheme[1]!.toLowerCase();
  if (!PROTOCOLS.has(protocol)) return null;
  let rest = spec.slice(scheme[0].length);
  let ref: string | null = null;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    ref = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | null = null;
  const question = rest.indexOf('?');
  if (question >= 0) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  let authority: string | null = null;
  let userInfo: string | null = null;
  let host = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    authority = rest.slice(2, slash < 0 ? undefined : slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const at = authority.lastIndexOf('@');
    if (at >= 0) userInfo = authority.slice(0, at);
    host = authority.slice(at + 1);
    const bracket = host.lastIndexOf(']');
    const colon = host.indexOf(':', bracket < 0 ? 0 : bracket);
    if (colon >= 0) {
      const port = host.slice(colon + 1);
      if (port !== '' && !/^\d+$/.test(port)) return null;
      host = host.slice(0, colon);
    }
  }
  return { protocol, authority, userInfo, host, path: rest, query, ref };
}
