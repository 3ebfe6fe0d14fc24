/**
 * The access token for servers started with VIDCOMPARE_TOKEN: asked for once,
 * kept in localStorage, sent as a Bearer header (or `?token=` on URLs the
 * browser fetches by itself: EventSource, <video>, <img>, downloads).
 */

const storageKey = 'vidcompare.token';
/** the part of the page's localStorage used here, typed so that this module also loads where there is none (Node, in the unit tests) */
interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
const storage = (): TokenStorage | undefined => (globalThis as { localStorage?: TokenStorage }).localStorage;
type Listener = () => void;

let token: string | null = readStored();
let required = false;
const listeners = new Set<Listener>();

function readStored(): string | null {
  try {
    return storage()?.getItem(storageKey) ?? null;
  } catch {
    // storage can be disabled (private mode, policies): the token then lives for this page only
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function getToken(): string | null {
  return token;
}

export function setToken(value: string | null): void {
  token = value && value.trim() ? value.trim() : null;
  try {
    if (token) storage()?.setItem(storageKey, token);
    else storage()?.removeItem(storageKey);
  } catch {
    // see readStored: keeping it in memory is the fallback
  }
  required = false;
  notify();
}

/**
 * Called when the server answers 401 to a request sent with `sentWith` (the
 * token then in use): the UI then asks for a token. A 401 for a request sent
 * before the token last changed says nothing about the new one (it answers a
 * call made before the user typed it), so it does not ask again.
 */
export function markTokenRequired(sentWith: string | null): void {
  if (required || sentWith !== token) return;
  required = true;
  notify();
}

export function isTokenRequired(): boolean {
  return required;
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `url` with `?token=` appended when a token is set. */
export function withToken(url: string): string {
  if (!token) return url;
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

export function authHeaders(): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
