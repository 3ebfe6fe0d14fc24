import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A horizontally scrolling area that says so: a fading edge and a hint when
 * there is more to the right, keyboard-scrollable (it takes focus).
 */
export function ScrollArea({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ left: false, right: false });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const left = element.scrollLeft > 1;
      const right = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setMore((current) => (current.left === left && current.right === right ? current : { left, right }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);

  const scrollable = more.left || more.right;
  return (
    <div className={`scroll-area${more.left ? ' scroll-area--more-left' : ''}${more.right ? ' scroll-area--more-right' : ''}${className ? ` ${className}` : ''}`}>
      <div ref={box} className="scroll-area__box" tabIndex={0} role="region" aria-label={label}>
        {children}
      </div>
      {scrollable && (
        <p className="scroll-area__hint" aria-hidden="true">
          {more.right ? 'Scroll sideways for more →' : '← Scroll back'}
        </p>
      )}
    </div>
  );
}
