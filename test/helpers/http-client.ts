/** JSON over real HTTP to a server started by startServer. */
export function jsonClient(baseUrl: string) {
  const send = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return {
    get: (path: string, token?: string) => send('GET', path, undefined, token),
    post: (path: string, body: unknown, token?: string) => send('POST', path, body, token),
    patch: (path: string, body: unknown, token?: string) => send('PATCH', path, body, token),
  };
}
