import type { ModelDetail } from '../api/types.js';
import { formatCost } from '../components/format.js';

interface ModelPickerProps {
  models: ModelDetail[];
  selected: string[];
  onChange(ids: string[]): void;
}

function priceLabel(model: ModelDetail): string {
  if (model.input_usd_per_mtok === null || model.output_usd_per_mtok === null) return 'price unknown';
  if (model.input_usd_per_mtok === 0 && model.output_usd_per_mtok === 0) return 'free, runs locally';
  return `${formatCost(model.input_usd_per_mtok)} in / ${formatCost(model.output_usd_per_mtok)} out per 1M tokens`;
}

/** Answer models with their availability; unavailable ones say why and cannot be picked. */
export function ModelPicker({ models, selected, onChange }: ModelPickerProps) {
  const answerModels = models.filter((m) => m.role === 'answer');
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset className="field checklist models">
      <legend className="field__label">Models</legend>
      {answerModels.map((model) => (
        <label key={model.id} className={`check model-option${model.available ? '' : ' model-option--off'}`}>
          <input
            type="checkbox"
            checked={model.available && selected.includes(model.id)}
            disabled={!model.available}
            onChange={(e) => toggle(model.id, e.target.checked)}
            aria-describedby={`model-note-${model.id}`}
          />
          <span className="model-option__text">
            <span className="model-option__name">{model.name}</span>
            <span id={`model-note-${model.id}`} className="model-option__note">
              {model.available ? priceLabel(model) : `unavailable: ${model.reason ?? 'not configured'}`}
              {model.retired_to ? ` · retired, answered by ${model.retired_to}` : ''}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
