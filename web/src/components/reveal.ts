/** Scrolls `element` into view when it is not already well inside the viewport (no motion if the user asked for less). */
export function reveal(element: Element | null, block: ScrollLogicalPosition = 'nearest'): void {
  if (!element) return;
  const box = element.getBoundingClientRect();
  if (box.top >= 0 && box.top <= window.innerHeight * 0.6) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ block, behavior: reduce ? 'auto' : 'smooth' });
}
