/**
 * The views the navigation shows, in order. Only built views are listed (DESIGN.md names
 * the others still to come: Backprop step-through, Representations, Loss landscape,
 * Feature visualization, Compare); adding one is one entry here.
 */
import { defineAsyncComponent, type Component } from 'vue';

export interface NavView {
  id: string;
  label: string;
  /** SVG path on a 24×24 grid, stroked. */
  icon: string;
  component: Component;
}

export const VIEWS: NavView[] = [
  { id: 'playground', label: 'Playground', icon: 'M5 19l4-6 4 3 6-9M4 4v16h16', component: defineAsyncComponent(() => import('./views/PlaygroundView.vue')) },
  { id: 'runs', label: 'Runs', icon: 'M4 6h16M4 12h16M4 18h10', component: defineAsyncComponent(() => import('./views/RunsView.vue')) },
];

export const DEFAULT_VIEW = VIEWS[0].id;
