import { useId } from 'react';
import type { ModelDetail } from '../api/types.js';

interface JudgePickerProps {
  models: ModelDetail[];
  value: string;
  onChange(id: string): void;
}

/** The judge options: available models that can judge, the local judge, and no judging. */
export function judgeOptions(models: ModelDetail[]): { id: string; label: string }[] {
  const options = models
    .filter((m) => m.available && m.can_judge && m.id !== 'local-judge')
    .map((m) => ({ id: m.id, label: m.name }));
  const local = models.find((m) => m.id === 'local-judge');
  options.push({ id: 'local-judge', label: local?.name ?? 'Local judge' });
  options.push({ id: 'none', label: 'No judge (answers only, no scores)' });
  return options;
}

export function JudgePicker({ models, value, onChange }: JudgePickerProps) {
  const selectId = useId();
  return (
    <div className="field">
      <label htmlFor={selectId} className="field__label">
        Judge
      </label>
      <select id={selectId} value={value} onChange={(e) => onChange(e.target.value)}>
        {judgeOptions(models).map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
