export type Section = 'compose' | 'jobs' | 'result';

interface SectionTabsProps {
  current: Section;
  onChange(section: Section): void;
  runningJobs: number;
  hasResult: boolean;
}

const labels: Record<Section, string> = { compose: 'Compose', jobs: 'Jobs', result: 'Result' };

/** On narrow screens the workspace shows one section at a time: Compose · Jobs · Result. */
export function SectionTabs({ current, onChange, runningJobs, hasResult }: SectionTabsProps) {
  return (
    <nav className="section-tabs" aria-label="Sections">
      {(Object.keys(labels) as Section[]).map((section) => (
        <button
          key={section}
          type="button"
          className={`section-tabs__tab${current === section ? ' section-tabs__tab--on' : ''}`}
          aria-pressed={current === section}
          onClick={() => onChange(section)}
          data-tab={section}
        >
          {labels[section]}
          {section === 'jobs' && runningJobs > 0 && <span className="count">{runningJobs}</span>}
          {section === 'result' && !hasResult && <span className="visually-hidden"> (none open)</span>}
        </button>
      ))}
    </nav>
  );
}
