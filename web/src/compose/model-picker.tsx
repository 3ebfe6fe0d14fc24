import type { ModelDetail } from '../api/types.js';
import { formatCost } from '../components/format.js';
import { groupModels } from './model-groups.js';

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

/** The note under a model: price or why it cannot run, then its provider's word on its end of life (shown once, here). */
function modelNote(models: ModelDetail[], model: ModelDetail): string {
  const parts = [model.available ? priceLabel(model) : `unavailable: ${model.reason ?? 'not configured'}`];
  if (model.available && model.discovered) parts.push('listed by your account, not in the price table');
  if (model.available && model.reason) parts.push(model.reason);
  if (model.notice && !model.reason?.includes(model.notice)) parts.push(model.notice);
  else if (model.retired_to) parts.push(`retired, answered by ${modelName(models, model.retired_to)}`);
  return parts.join(' · ');
}

function modelName(models: ModelDetail[], id: string): string {
  const model = models.find((m) => m.id === id) as (ModelDetail & { display_name?: string }) | undefined;
  return model?.display_name ?? model?.name ?? id;
}

/**
 * Runnable models first, grouped by provider; a provider with nothing runnable
 * is one line saying how to enable it (its models listed when opened).
 */
export function ModelPicker({ models, selected, onChange }: ModelPickerProps) {
  const groups = groupModels(models);
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset className="field models">
      <legend className="field__label">Models</legend>
      {groups.available.map((group) => (
        <div key={group.provider} className="model-group" data-provider={group.provider}>
          <p className="model-group__name">{group.name}</p>
          <div className="checklist">
            {group.models.map((model) => (
              <label key={model.id} className={`check model-option${model.available ? '' : ' model-option--off'}`}>
                <input
                  type="checkbox"
                  checked={model.available && selected.includes(model.id)}
                  disabled={!model.available}
                  onChange={(e) => toggle(model.id, e.target.checked)}
                  aria-describedby={`model-note-${model.id}`}
                />
                <span className="model-option__text">
                  <span className="model-option__name">{modelName(models, model.id)}</span>
                  <span id={`model-note-${model.id}`} className="model-option__note">
                    {modelNote(models, model)}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </div>
      ))}
      {groups.unavailable.length > 0 && (
        <div className="model-off" data-testid="unavailable-providers">
          {groups.unavailable.map((group) => (
            <details key={group.provider} className="model-off__provider" data-provider={group.provider}>
              <summary>
                <strong>{group.name}</strong> — {group.hint} · {group.models.length} model{group.models.length === 1 ? '' : 's'}
              </summary>
              <ul className="model-off__list">
                {group.models.map((m) => (
                  <li key={m.id}>
                    {modelName(models, m.id)}
                    {m.notice ? <span className="muted"> · {m.notice}</span> : m.retired_to ? <span className="muted"> · retired, answered by {modelName(models, m.retired_to)}</span> : null}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
    </fieldset>
  );
}
