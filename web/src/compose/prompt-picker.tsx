import { useId } from 'react';
import type { PromptTemplate } from '../api/types.js';

interface SinglePromptProps {
  templates: PromptTemplate[];
  prompt: string;
  onChange(prompt: string): void;
}

/** One prompt: start from a template, edit freely. */
export function SinglePromptPicker({ templates, prompt, onChange }: SinglePromptProps) {
  const textId = useId();
  const selectId = useId();
  const current = templates.find((t) => t.prompt === prompt)?.id ?? '';
  return (
    <div className="field">
      <label htmlFor={selectId} className="field__label">
        Prompt template
      </label>
      <select
        id={selectId}
        value={current}
        onChange={(e) => {
          const template = templates.find((t) => t.id === e.target.value);
          if (template) onChange(template.prompt);
        }}
      >
        <option value="" disabled>
          Custom prompt
        </option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <label htmlFor={textId} className="field__label">
        Prompt
      </label>
      <textarea id={textId} rows={4} value={prompt} onChange={(e) => onChange(e.target.value)} placeholder="Ask anything about the video…" />
    </div>
  );
}

interface BatchPromptProps {
  templates: PromptTemplate[];
  selectedTemplates: string[];
  onTemplatesChange(ids: string[]): void;
  customText: string;
  onCustomTextChange(text: string): void;
}

/** Several prompts: any of the templates plus free text, one prompt per line. */
export function BatchPromptPicker({ templates, selectedTemplates, onTemplatesChange, customText, onCustomTextChange }: BatchPromptProps) {
  const textId = useId();
  const toggle = (id: string, on: boolean) => onTemplatesChange(on ? [...selectedTemplates, id] : selectedTemplates.filter((s) => s !== id));
  return (
    <div className="field">
      <fieldset className="checklist">
        <legend className="field__label">Prompts</legend>
        {templates.map((t) => (
          <label key={t.id} className="check" title={t.prompt}>
            <input type="checkbox" checked={selectedTemplates.includes(t.id)} onChange={(e) => toggle(t.id, e.target.checked)} />
            <span>{t.name}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={textId} className="field__label">
        Your own prompts (one per line)
      </label>
      <textarea id={textId} rows={3} value={customText} onChange={(e) => onCustomTextChange(e.target.value)} placeholder="e.g. Where does the music change?" />
    </div>
  );
}
