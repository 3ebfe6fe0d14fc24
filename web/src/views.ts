import { createElement, type ComponentType } from 'react';
import { ArenaView } from './arena/arena-view.js';
import { CompareView } from './compare-view.js';
import { RatingsView } from './ratings/ratings-view.js';

/**
 * The app's top-level views, in the order the header lists them. A new view
 * is one entry here: an id (its URL is #id; the first view owns every other
 * hash, such as #job=…), a label, and the component to show.
 */
export interface AppView {
  id: string;
  label: string;
  component: ComponentType;
}

/** a page of its own (not the compare workspace): centred, one column */
function page(View: ComponentType): ComponentType {
  return function Page() {
    return createElement('div', { className: 'view-page' }, createElement(View));
  };
}

export const appViews: AppView[] = [
  { id: 'compare', label: 'Compare', component: CompareView },
  { id: 'arena', label: 'Arena', component: page(ArenaView) },
  { id: 'ratings', label: 'Ratings', component: page(RatingsView) },
];

export const defaultView: AppView = appViews[0]!;

/** The view the URL names (#arena, #ratings); anything else is the default view. */
export function viewFromHash(hash: string): AppView {
  return appViews.find((v) => v !== defaultView && hash === `#${v.id}`) ?? defaultView;
}

export function viewHref(view: AppView): string {
  return view === defaultView ? '#' : `#${view.id}`;
}
