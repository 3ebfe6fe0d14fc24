export type CompareMode = 'single' | 'batch';

/** Single comparison (one video, one prompt) or batch (videos × prompts). */
export function ModeSwitch({ mode, onChange }: { mode: CompareMode; onChange(mode: CompareMode): void }) {
  return (
    <fieldset className="mode-switch">
      <legend className="visually-hidden">Mode</legend>
      {(['single', 'batch'] as const).map((value) => (
        <label key={value} className={`mode-switch__option${mode === value ? ' mode-switch__option--on' : ''}`}>
          <input type="radio" name="compare-mode" value={value} checked={mode === value} onChange={() => onChange(value)} />
          {value === 'single' ? 'Single' : 'Batch'}
        </label>
      ))}
    </fieldset>
  );
}
