import { Agent, request } from 'undici';

/**
 * `fetch` for the Slack clients (Bolt's `respond`, the Web API client), on undici's request API: the
 * WHATWG fetch that Node ships builds web streams and Request and Response objects for every call, which
 * costs several times what the request itself does, and every command makes one or two. It answers what
 * those clients read of a response (status, headers, text, JSON, bytes); a form upload, which they send
 * as FormData, goes through the platform's own fetch.
 */
export function slackFetch(): typeof fetch {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    if (typeof FormData !== 'undefined' && init.body instanceof FormData) return fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const response = await request(url, {
      dispatcher,
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers as Record<string, string> | undefined,
      body: init.body as string | undefined,
      signal: init.signal ?? undefined,
    });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
    }
    return {
      ok: response.statusCode >= 200 && response.statusCode < 300,
      status: response.statusCode,
      statusText: '',
      url,
      headers,
      text: async () => bytes.toString('utf8'),
      json: async () => JSON.parse(bytes.toString('utf8')),
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    } as unknown as Response;
  }) as typeof fetch;
}
