import { useEffect, useState } from 'react';
import { RatingsView } from '../ratings/ratings-view.js';
import { ArenaView } from './arena-view.js';

export type AppView = 'compare' | 'arena' | 'ratings';

function viewFromHash(): AppView {
  const hash = window.location.hash;
  return hash === '#arena' ? 'arena' : hash === '#ratings' ? 'ratings' : 'compare';
}

/** Which page is open, from the URL hash (#arena, #ratings; anything else is the compare workspace). */
export function useAppView(): AppView {
  const [view, setView] = useState<AppView>(viewFromHash);
  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return view;
}

export function ViewTabs({ view }: { view: AppView }) {
  const tabs: [AppView, string, string][] = [
    ['compare', 'Compare', '#'],
    ['arena', 'Arena', '#arena'],
    ['ratings', 'Ratings', '#ratings'],
  ];
  return (
    <nav className="view-tabs" aria-label="Pages">
      {tabs.map(([id, label, href]) => (
        <a key={id} href={href} aria-current={view === id ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** The Arena or Ratings page. */
export function OtherView({ view }: { view: Exclude<AppView, 'compare'> }) {
  return <div className="view-page">{view === 'arena' ? <ArenaView /> : <RatingsView />}</div>;
}
