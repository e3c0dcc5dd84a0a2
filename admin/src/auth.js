// Login with one bearer token: an API key (fk_…) or an identity provider's JWT; the
// service tells them apart. The token lives in sessionStorage (gone when the tab closes),
// never in localStorage. GET /admin/session checks it: 401 for a wrong one. Whether it
// is still valid (a token's expiry) is for the service to say, by its clock, not the
// browser's: a 401 ends the session, and the login page tells why.

const KEY = 'flarekit.token';
const SESSION = 'flarekit.session';
const ENDED = 'flarekit.ended';

/** Why the last session ended (a 401's message), for the login page to show; or null. */
export function endedBecause() {
  return sessionStorage.getItem(ENDED);
}

export function token() {
  return sessionStorage.getItem(KEY);
}

export function session() {
  const text = sessionStorage.getItem(SESSION);
  return text ? JSON.parse(text) : null;
}

export async function readSession(candidate) {
  const response = await fetch('/admin/session', {
    headers: { Authorization: `Bearer ${candidate}`, Accept: 'application/json' },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || `The service answered ${response.status}`);
  }
  return body;
}

export const authProvider = {
  async login({ key }) {
    const candidate = (key ?? '').trim();
    if (!candidate) throw new Error('Paste an API key (fk_…) or a bearer token');
    const caller = await readSession(candidate);
    if (!caller.authenticated) throw new Error('The service did not accept this key');
    sessionStorage.setItem(KEY, candidate);
    sessionStorage.setItem(SESSION, JSON.stringify(caller));
    sessionStorage.removeItem(ENDED);
  },
  async logout() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(SESSION);
  },
  async checkAuth() {
    if (!token()) throw new Error('Not signed in');
  },
  // 401: the key is wrong, revoked or expired: back to the login page. 403: the rules
  // deny this one action; stay, and let the notification show the service's message.
  async checkError(error) {
    if (error?.status === 401) {
      const reason = error.message || 'The key is no longer accepted';
      sessionStorage.removeItem(KEY);
      sessionStorage.removeItem(SESSION);
      sessionStorage.setItem(ENDED, reason);
      throw new Error(reason);
    }
  },
  async getPermissions() {
    return session();
  },
  async getIdentity() {
    const caller = session();
    if (!caller) throw new Error('Not signed in');
    return { id: caller.subject, fullName: `${caller.subject} (${caller.roles.join(', ') || 'no roles'})` };
  },
};
