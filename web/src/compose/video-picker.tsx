import { useId } from 'react';
import type { VideoRecord } from '../api/types.js';
import { formatDuration } from '../components/format.js';

interface VideoPickerProps {
  videos: VideoRecord[];
  multiple: boolean;
  selected: string[];
  onChange(ids: string[]): void;
}

/** Which video(s) to compare on: a select in single mode, checkboxes in batch mode. */
export function VideoPicker({ videos, multiple, selected, onChange }: VideoPickerProps) {
  const selectId = useId();
  if (videos.length === 0) return <p className="hint">Add a video first (left).</p>;
  if (!multiple) {
    return (
      <div className="field">
        <label htmlFor={selectId} className="field__label">
          Video
        </label>
        <select id={selectId} value={selected[0] ?? ''} onChange={(e) => onChange([e.target.value])}>
          {videos.map((v) => (
            <option key={v.id} value={v.id}>
              {v.filename} ({formatDuration(v.duration_s)})
            </option>
          ))}
        </select>
      </div>
    );
  }
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));
  return (
    <fieldset className="field checklist">
      <legend className="field__label">Videos</legend>
      {videos.map((v) => (
        <label key={v.id} className="check">
          <input type="checkbox" value={v.id} checked={selected.includes(v.id)} onChange={(e) => toggle(v.id, e.target.checked)} />
          <span>
            {v.filename} <span className="muted">({formatDuration(v.duration_s)})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
