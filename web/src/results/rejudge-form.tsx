import { useId, useState, type FormEvent } from 'react';
import { api, describeError } from '../api/client.js';
import type { ModelDetail } from '../api/types.js';
import { judgeOptions } from '../compose/judge-picker.js';

interface RejudgeFormProps {
  jobId: string;
  /** the catalogue's models (null while loading) */
  models: ModelDetail[] | null;
  /** the judge the result was judged by, so the picker starts on another one */
  currentJudge: string | null;
  onStarted(jobId: string): void;
}

/** "Judge again with…": a judge picker and a button that starts a re-judging job (no model call) and opens it. */
export function RejudgeForm({ jobId, models, currentJudge, onStarted }: RejudgeFormProps) {
  const selectId = useId();
  const options = judgeOptions(models ?? []).filter((o) => o.id !== 'none');
  const [picked, setPicked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const judge = picked ?? options.find((o) => o.id !== currentJudge)?.id ?? options[0]?.id;
  if (!judge) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.rejudge(jobId, { judge_model: judge });
      onStarted(created.job_id);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="rejudge" onSubmit={submit} aria-label="Judge again">
      <label htmlFor={selectId} className="rejudge__label">
        Judge again with…
      </label>
      <select id={selectId} value={judge} onChange={(e) => setPicked(e.target.value)} disabled={busy}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small" disabled={busy} title="Starts a new job that reuses these answers and runs only the judging">
        {busy ? 'Starting…' : 'Judge again'}
      </button>
      {error && (
        <span className="card__error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
