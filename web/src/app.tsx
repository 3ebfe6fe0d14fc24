import { useEffect, useState, useSyncExternalStore } from 'react';
import { getToken, isTokenRequired, setToken, subscribeToken } from './api/auth-token.js';
import { TokenDialog } from './components/token-dialog.js';
import { WorkerCount } from './components/worker-count.js';
import { appViews, viewFromHash, viewHref } from './views.js';
import { PlayerProvider } from './videos/player-context.js';

/** The view named in the URL (#arena, #ratings); any other hash (#job=…) belongs to the default view. */
function useCurrentView() {
  const read = () => viewFromHash(window.location.hash);
  const [view, setView] = useState(read);
  useEffect(() => {
    const onHash = () => setView(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return view;
}

/** The whole page: header with the views, the current view, and the token prompt when the server asks for one. */
export function App() {
  const tokenRequired = useSyncExternalStore(subscribeToken, isTokenRequired);
  const token = useSyncExternalStore(subscribeToken, getToken);
  const view = useCurrentView();
  const View = view.component;
  return (
    <PlayerProvider>
      <a className="skip-link" href="#workspace">
        Skip to the workspace
      </a>
      <header className="topbar">
        <p className="topbar__title">
          vidcompare <span className="topbar__tagline">compare video-understanding models side by side</span>
        </p>
        <nav className="topbar__nav" aria-label="Views">
          {appViews.map((v) => (
            <a key={v.id} href={viewHref(v)} className="topbar__view" aria-current={v.id === view.id ? 'page' : undefined}>
              {v.label}
            </a>
          ))}
        </nav>
        <nav className="topbar__links" aria-label="Links">
          <WorkerCount key={token ?? 'no-token'} />
          <a href="/docs" target="_blank" rel="noopener noreferrer">
            API docs
          </a>
          {token && (
            <button type="button" className="button button--ghost button--small" onClick={() => setToken(null)}>
              Forget token
            </button>
          )}
        </nav>
      </header>
      <main id="workspace" tabIndex={-1}>
        <h1 className="visually-hidden">vidcompare: {view.label}</h1>
        {/* remounting refetches everything with the new token */}
        <View key={`${view.id}-${token ?? 'no-token'}`} />
      </main>
      {tokenRequired && <TokenDialog onSubmit={setToken} />}
    </PlayerProvider>
  );
}
