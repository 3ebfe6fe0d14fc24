import { useEffect, useState, type FormEvent } from 'react';
import { api, describeError } from '../api/client.js';
import type { BatchCompareBody, CompareBody, VideoRecord } from '../api/types.js';
import { Notice } from '../components/notice.js';
import { parseBudget } from './cost-estimate.js';
import { CostSummary } from './cost-summary.js';
import { JudgePicker, judgeOptions } from './judge-picker.js';
import { ModeSwitch, type CompareMode } from './mode-switch.js';
import { ModelPicker } from './model-picker.js';
import { batchPrompts } from './batch-prompts.js';
import { BatchPromptPicker, SinglePromptPicker } from './prompt-picker.js';
import type { Catalogue } from './use-catalogue.js';
import { useEstimate } from './use-estimate.js';
import { VideoPicker } from './video-picker.js';

interface ComposePanelProps {
  catalogue: Catalogue;
  videos: VideoRecord[];
  /** the video in the player, preferred as the single-mode video */
  preferredVideoId: string | null;
  onStarted(jobId: string): void;
}

/** Choose mode, videos, prompts, models and judge; start a comparison job. */
export function ComposePanel({ catalogue, videos, preferredVideoId, onStarted }: ComposePanelProps) {
  const details = catalogue.models?.details ?? [];
  const [mode, setMode] = useState<CompareMode>('single');
  const [singleVideo, setSingleVideo] = useState<string | null>(null);
  const [batchVideos, setBatchVideos] = useState<string[]>([]);
  const [prompt, setPrompt] = useState('');
  const [templates, setTemplates] = useState<string[]>([]);
  const [customText, setCustomText] = useState('');
  const [models, setModels] = useState<string[] | null>(null);
  const [judge, setJudge] = useState<string | null>(null);
  const [budget, setBudget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // defaults once the catalogue arrives: the server's default models, the server's default judge
  useEffect(() => {
    if (!catalogue.models) return;
    const ds = catalogue.models.details;
    setModels((current) => current ?? catalogue.models!.default_models ?? ds.filter((m) => m.role === 'answer' && m.available && !m.retired_to).map((m) => m.id));
    setJudge((current) => {
      if (current) return current;
      const wanted = catalogue.models?.default_judge ?? 'none';
      return judgeOptions(ds).some((o) => o.id === wanted) ? wanted : 'local-judge';
    });
  }, [catalogue.models]);
  useEffect(() => {
    if (!prompt && catalogue.prompts[0]) setPrompt(catalogue.prompts[0].prompt);
    if (templates.length === 0 && catalogue.prompts[0]) setTemplates([catalogue.prompts[0].id]);
    // fills the defaults when the templates arrive; later edits are the user's
  }, [catalogue.prompts]);
  useEffect(() => {
    if (preferredVideoId) setSingleVideo(preferredVideoId);
  }, [preferredVideoId]);

  const liveIds = new Set(videos.map((v) => v.id));
  const singleId = singleVideo && liveIds.has(singleVideo) ? singleVideo : (videos[0]?.id ?? null);
  const chosenVideos = mode === 'single' ? videos.filter((v) => v.id === singleId) : videos.filter((v) => batchVideos.includes(v.id));
  const prompts = mode === 'single' ? (prompt.trim() ? [prompt.trim()] : []) : batchPrompts(catalogue.prompts, templates, customText);
  const chosenModels = details.filter((m) => m.available && (models ?? []).includes(m.id));

  const problem =
    chosenVideos.length === 0 ? (mode === 'single' ? 'Pick a video.' : 'Pick at least one video.')
    : prompts.length === 0 ? (mode === 'single' ? 'Write a prompt.' : 'Pick or write at least one prompt.')
    : chosenModels.length === 0 ? 'Pick at least one model.'
    : null;

  const maxCost = parseBudget(budget);
  const budgetProblem = budget.trim() !== '' && maxCost === undefined ? 'The budget must be an amount in USD above 0.' : null;
  // the body Run would send: estimated by the server as the selection changes
  const body: CompareBody | BatchCompareBody | null =
    problem || !judge
      ? null
      : mode === 'single'
        ? { video_id: chosenVideos[0]!.id, prompt: prompts[0]!, models: chosenModels.map((m) => m.id), judge_model: judge, ...(maxCost ? { max_cost_usd: maxCost } : {}) }
        : { video_ids: chosenVideos.map((v) => v.id), prompts, models: chosenModels.map((m) => m.id), judge_model: judge, ...(maxCost ? { max_cost_usd: maxCost } : {}) };
  const estimate = useEstimate(body);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body || budgetProblem) return;
    setBusy(true);
    setError(null);
    try {
      const created = 'video_ids' in body ? await api.batchCompare(body) : await api.compare(body);
      onStarted(created.job_id);
    } catch (e) {
      setError(`The job was not started: ${describeError(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="compose-heading">
      <div className="panel__head">
        <h2 id="compose-heading">Compare</h2>
        <ModeSwitch mode={mode} onChange={setMode} />
      </div>
      {catalogue.error && <Notice kind="error">{catalogue.error}</Notice>}
      <form className="compose" onSubmit={submit} aria-label="New comparison">
        <div className="compose__column">
          <VideoPicker
            videos={videos}
            multiple={mode === 'batch'}
            selected={mode === 'single' ? (singleId ? [singleId] : []) : batchVideos}
            onChange={(ids) => (mode === 'single' ? setSingleVideo(ids[0] ?? null) : setBatchVideos(ids))}
          />
          {mode === 'single' ? (
            <SinglePromptPicker templates={catalogue.prompts} prompt={prompt} onChange={setPrompt} />
          ) : (
            <BatchPromptPicker
              templates={catalogue.prompts}
              selectedTemplates={templates}
              onTemplatesChange={setTemplates}
              customText={customText}
              onCustomTextChange={setCustomText}
            />
          )}
        </div>
        <div className="compose__column">
          <ModelPicker models={details} selected={models ?? []} onChange={setModels} />
          {judge && <JudgePicker models={details} value={judge} onChange={setJudge} />}
        </div>
        <div className="compose__footer">
          <CostSummary videos={chosenVideos} promptCount={prompts.length} modelCount={chosenModels.length} batch={mode === 'batch'} estimate={estimate} />
          <label className="compose__budget">
            Budget (USD, optional){' '}
            <input type="text" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} placeholder="no limit" aria-describedby="budget-hint" size={8} />
            <span id="budget-hint" className="hint"> calls stop once this is spent; the rest are shown as skipped</span>
          </label>
          {error && <Notice kind="error">{error}</Notice>}
          <div className="compose__actions">
            {(problem ?? budgetProblem) && <span className="hint">{problem ?? budgetProblem}</span>}
            <button type="submit" className="button button--primary" disabled={busy || problem !== null || budgetProblem !== null}>
              {busy ? 'Starting…' : mode === 'single' ? 'Run comparison' : 'Run batch'}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}
