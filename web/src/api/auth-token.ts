/**
 * The access token for servers started with VIDCOMPARE_TOKEN: asked for once,
 * kept in localStorage, sent as a Bearer header (or `?token=` on URLs the
 * browser fetches by itself: EventSource, <video>, <img>, downloads).
 */

const storageKey = 'vidcompare.token';
type Listener = () => void;

let token: string | null = readStored();
let required = false;
const listeners = new Set<Listener>();

function readStored(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
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
    if (token) window.localStorage.setItem(storageKey, token);
    else window.localStorage.removeItem(storageKey);
  } catch {
    // see readStored: keeping it in memory is the fallback
  }
  required = false;
  notify();
}

/** Called when the server answers 401: the UI then asks for a token. */
export function markTokenRequired(): void {
  if (required) return;
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
