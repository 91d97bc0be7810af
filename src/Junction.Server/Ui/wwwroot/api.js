// The one way pages talk to the gateway: same-origin JSON with the session cookie and the CSRF header.

/** A non-2xx answer: the HTTP status and, from the problem details (or an OpenAI-style error), its code, detail and field errors. */
export class ApiError extends Error {
  constructor(status, body) {
    const problem = normalize(status, body);
    super(problem.detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors;
    this.body = body;
  }
}

const SESSION = '/ui/api/session';
let current = null;

/**
 * Calls a JSON endpoint. `query` is an object (null and empty values are left out) or URLSearchParams.
 * Answers 204 with null; throws ApiError on a non-2xx answer and, on 401, sends the app to the sign-in page.
 */
export async function api(path, { method = 'GET', body, query } = {}) {
  const url = withQuery(path, query);
  const headers = { 'Accept': 'application/json', 'X-Junction-UI': '1' };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }

  let response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    throw new ApiError(0, { code: 'network_error', detail: 'The gateway could not be reached.' });
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text }; }
  }

  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && path !== SESSION) {
      current = null;
      const here = location.hash || '#/overview';
      if (!here.startsWith('#/signin')) {
        location.hash = '#/signin?next=' + encodeURIComponent(here);
      }
    }
    throw error;
  }

  return response.status === 204 ? null : data;
}

/** The signed-in session (`GET /ui/api/session`), or null; cached until sign-in or sign-out. */
export function currentSession() {
  return current;
}

/** Asks the gateway who the cookie belongs to; null when nobody is signed in. */
export async function loadSession() {
  try {
    current = await api(SESSION);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 404)) {
      current = null;
    } else {
      throw error;
    }
  }
  return current;
}

/** Exchanges an API key for the session cookie; the key itself is sent once and kept nowhere. */
export async function signIn(key) {
  current = await api(SESSION, { method: 'POST', body: { key } });
  return current;
}

/** Ends the session on the gateway and forgets it here. */
export async function signOut() {
  try {
    await api(SESSION, { method: 'DELETE' });
  } finally {
    current = null;
  }
}

function withQuery(path, query) {
  if (!query) return path;
  const params = query instanceof URLSearchParams ? new URLSearchParams(query) : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [name, value] of Object.entries(query)) {
      if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? path + (path.includes('?') ? '&' : '?') + text : path;
}

function normalize(status, body) {
  if (body && typeof body.error === 'object' && body.error !== null) {
    // The OpenAI-shaped errors of /x/* and /v1/*.
    const e = body.error;
    return {
      code: e.code || e.type || 'error',
      title: e.type || 'Error',
      detail: e.message || `The gateway answered ${status}.`,
      errors: e.param ? [{ field: e.param, reason: e.message }] : [],
    };
  }
  return {
    code: body?.code || (status === 0 ? 'network_error' : 'http_' + status),
    title: body?.title || 'Error',
    detail: body?.detail || `The gateway answered ${status}.`,
    errors: Array.isArray(body?.errors) ? body.errors : [],
  };
}
