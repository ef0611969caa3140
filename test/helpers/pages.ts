import { csrfTokenFor } from '../../src/http/pages/web-session.js';
import type { TestApp } from './test-app.js';

/** A signed-in browser without a browser: the session cookie, and GET in a language. */
export async function pageClient(t: TestApp, user: { email: string; password: string }) {
  const body = new URLSearchParams({ email: user.email, password: user.password, next: '/' }).toString();
  const login = await t.app.request('/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' },
    body,
  });
  const token = /tourdesk_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error(`sign-in failed: ${login.status}`);
  const cookie = `tourdesk_session=${token}`;
  async function get(path: string, lang = 'en') {
    const response = await t.app.request(path, { headers: { Cookie: cookie, 'Accept-Language': lang } });
    const type = response.headers.get('content-type') ?? '';
    const html = type.includes('pdf') || type.includes('spreadsheetml') ? '' : await response.text();
    return { status: response.status, headers: response.headers, html };
  }
  /** A form posted as the browser would: its CSRF token, its origin, the reader's language. */
  async function post(path: string, form: Record<string, string>, lang = 'bg') {
    const response = await t.app.request(path, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', 'Accept-Language': lang },
      body: new URLSearchParams({ _csrf: csrfTokenFor(token!), ...form }).toString(),
    });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }
  /** A form with a file, posted as multipart as the browser posts an upload. */
  async function upload(path: string, form: Record<string, string>, file: { name: string; bytes: Uint8Array | string } | null, lang = 'bg') {
    const body = new FormData();
    body.append('_csrf', csrfTokenFor(token!));
    for (const [key, value] of Object.entries(form)) body.append(key, value);
    if (file) body.append('file', new Blob([file.bytes as BlobPart]), file.name);
    const response = await t.app.request(path, { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost', 'Accept-Language': lang }, body });
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }
  return { cookie, token, get, post, upload };
}
