/**
 * The few browser objects the specs' page functions touch, typed here: this project types its
 * tests for Node, without the DOM. A page function reaches them as
 * `globalThis as unknown as InPage` (it runs in the page, so it can use no value from this file).
 */
export interface InPageStyle {
  outlineStyle: string; outlineWidth: string; boxShadow: string;
  fontWeight: string; fontSize: string; fontFamily: string; paddingLeft: string; paddingRight: string;
}

export interface InPageElement {
  id: string;
  textContent: string | null;
  clientWidth: number;
  scrollWidth: number;
  offsetParent: unknown;
  contains(other: unknown): boolean;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<InPageElement> & { length: number };
}

export interface InPageSelect extends InPageElement {
  selectedOptions: ArrayLike<{ text: string }>;
  labels: ArrayLike<{ textContent: string | null }>;
}

export interface InPage {
  document: {
    activeElement: InPageElement | null;
    body: InPageElement;
    querySelector(selector: string): InPageElement | null;
    querySelectorAll(selector: string): Iterable<InPageElement>;
    createTreeWalker(root: InPageElement, whatToShow: number): { nextNode(): { textContent: string | null } | null };
    createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } };
  };
  getComputedStyle(element: InPageElement): InPageStyle;
}

/** NodeFilter.SHOW_TEXT: a tree walker over text nodes only. */
export const SHOW_TEXT = 4;
