import type { ComponentType } from 'react';
import { CompareView } from './compare-view.js';

/**
 * The app's top-level views, in the order the header lists them. A new view
 * (an arena, ratings) is one entry here: an id for the URL (#view=id), a label,
 * and the component to show (React.lazy works for a large one).
 */
export interface AppView {
  id: string;
  label: string;
  component: ComponentType;
}

export const appViews: AppView[] = [{ id: 'compare', label: 'Compare', component: CompareView }];

export const defaultView: AppView = appViews[0]!;
