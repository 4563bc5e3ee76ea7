/**
 * The views the navigation shows, in order (docs/architecture.md, "Renderer"); adding one is
 * one entry here.
 */
import type { AsyncComponentLoader, Component } from 'vue';
import { lazyView } from './lazyView';

export interface NavView {
  id: string;
  label: string;
  /** SVG path on a 24×24 grid, stroked. */
  icon: string;
  component: Component;
  /** A heading the nav shows above the first view of a group. */
  group?: string;
}

const ENTRIES: (Omit<NavView, 'component'> & { load: AsyncComponentLoader })[] = [
  { id: 'playground', label: 'Playground', icon: 'M5 19l4-6 4 3 6-9M4 4v16h16', load: () => import('../playground/PlaygroundView.vue') },
  { id: 'runs', label: 'Runs', icon: 'M4 6h16M4 12h16M4 18h10', load: () => import('../runs/RunsView.vue') },
  { id: 'compare', label: 'Compare', icon: 'M4 19l5-7 4 3 7-10M4 15l5-2 4 1 7-6', load: () => import('../compare/CompareView.vue') },
  { id: 'landscape', group: 'Analysis', label: 'Loss landscape', icon: 'M3 20l5-9 4 5 3-4 6 8zM8 6a2 2 0 104 0 2 2 0 00-4 0', load: () => import('../landscape/LandscapeView.vue') },
  { id: 'features', group: 'Analysis', label: 'Feature visualization', icon: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM16.5 13v7M13 16.5h7', load: () => import('../analysis/FeatureVisView.vue') },
  { id: 'channels', group: 'Analysis', label: 'Channels', icon: 'M4 5h10v10H4zM7 8h10v10H7zM10 11h10v10H10z', load: () => import('../analysis/ChannelsView.vue') },
  { id: 'representations', group: 'Analysis', label: 'Representations', icon: 'M5 18h.01M9 14h.01M8 19h.01M15 8h.01M19 6h.01M17 11h.01M3 21h18M3 3v18', load: () => import('../analysis/RepresentationsView.vue') },
  { id: 'lecture-perceptron', group: 'Lecture', label: 'Perceptron', icon: 'M4 20L20 4M7 8h.01M16 17h.01M6 15h.01', load: () => import('../lecture/PerceptronView.vue') },
  { id: 'lecture-xor', group: 'Lecture', label: 'XOR by hand', icon: 'M5 5l14 14M19 5L5 19', load: () => import('../lecture/XorByHandView.vue') },
  { id: 'lecture-activations', group: 'Lecture', label: 'Activations', icon: 'M3 18c6 0 6-12 18-12M3 12h18', load: () => import('../lecture/ActivationsView.vue') },
  { id: 'lecture-stacked-linear', group: 'Lecture', label: 'Stacked linear', icon: 'M4 6h16M4 12h16M4 18h16M6 20L18 4', load: () => import('../lecture/StackedLinearView.vue') },
  { id: 'lecture-universal', group: 'Lecture', label: 'Universal approx.', icon: 'M3 14c3-8 5 4 8-2s4-6 10 2', load: () => import('../lecture/UniversalView.vue') },
  { id: 'lecture-backprop', group: 'Lecture', label: 'Backprop step by step', icon: 'M20 12H4M10 6l-6 6 6 6', load: () => import('../lecture/BackpropStepView.vue') },
  { id: 'lecture-gradient-descent', group: 'Lecture', label: 'Gradient descent', icon: 'M3 5c4 12 14 12 18 0M8 11l3 3', load: () => import('../lecture/GradientDescentView.vue') },
  { id: 'lecture-making-it-work', group: 'Lecture', label: 'Making it work', icon: 'M12 3v4M12 17v4M3 12h4M17 12h4M12 8a4 4 0 100 8 4 4 0 000-8', load: () => import('../lecture/MakingItWorkView.vue') },
];

export const VIEWS: NavView[] = ENTRIES.map(({ load, ...view }) => ({ ...view, component: lazyView(view.label, load) }));

export const DEFAULT_VIEW = VIEWS[0].id;
