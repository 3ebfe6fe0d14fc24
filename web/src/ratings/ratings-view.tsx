import { useEffect, useState } from 'react';
import { promptCategories } from '../../../src/domain/prompt-category.js';
import { arenaApi, type JudgeAgreementView, type RatingSource, type RatingsResponse } from '../arena/arena-api.js';
import { describeError } from '../api/client.js';
import { Notice } from '../components/notice.js';
import { RatingWhisker } from './rating-whisker.js';
import './ratings.css';

const sources: { value: RatingSource; label: string }[] = [
  { value: 'human', label: 'Human votes' },
  { value: 'judge', label: 'Judge verdicts' },
  { value: 'all', label: 'Both' },
];

const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)} %`);

/** Bradley–Terry ratings with their intervals as whiskers, filtered by source and category, and each judge's agreement with the humans. */
export function RatingsView() {
  const [source, setSource] = useState<RatingSource>('human');
  const [category, setCategory] = useState('');
  const [ratings, setRatings] = useState<RatingsResponse | null>(null);
  const [agreement, setAgreement] = useState<JudgeAgreementView[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    Promise.all([arenaApi.ratings(source, category), arenaApi.agreement()])
      .then(([r, a]) => {
        if (!current) return;
        setRatings(r);
        setAgreement(a.judges);
        setError(null);
      })
      .catch((caught: unknown) => current && setError(describeError(caught)));
    return () => {
      current = false;
    };
  }, [source, category]);

  const models = ratings?.models ?? [];
  const min = Math.min(...models.map((m) => m.ci_low));
  const max = Math.max(...models.map((m) => m.ci_high));
  return (
    <section className="panel ratings" aria-labelledby="ratings-heading">
      <div className="panel__head">
        <h2 id="ratings-heading">Ratings</h2>
        <a className="button button--small button--secondary" href={arenaApi.votesExportUrl('csv')} download>
          Export votes (CSV)
        </a>
      </div>
      <p className="hint">
        Bradley–Terry ratings on the Elo scale (mean 1000), with 95 % intervals from {ratings?.resamples ?? 500} bootstrap resamples. A tie or
        “both bad” counts as half a win for each side. Overlapping intervals mean the order is not settled yet.
      </p>
      <div className="ratings__filters">
        <label>
          Source{' '}
          <select value={source} onChange={(event) => setSource(event.target.value as RatingSource)} aria-label="Rating source">
            {sources.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category{' '}
          <select value={category} onChange={(event) => setCategory(event.target.value)} aria-label="Prompt category">
            <option value="">All categories</option>
            {promptCategories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {ratings && models.length === 0 && <p className="empty">No games yet for this choice: vote in the Arena, or run judged comparisons.</p>}
      {models.length > 0 && (
        <table className="ratings__table" aria-label="Model ratings">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Model</th>
              <th scope="col" className="num">Rating</th>
              <th scope="col" className="num">95 % interval</th>
              <th scope="col" className="ratings__whisker-head">Interval</th>
              <th scope="col" className="num">Games (W–T–L)</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m, i) => (
              <tr key={m.model_id} className="ratings__row" data-model-id={m.model_id}>
                <td>{i + 1}</td>
                <td title={m.model_id}>{m.model_name}</td>
                <td className="num" data-testid="rating">{m.rating.toFixed(0)}</td>
                <td className="num">
                  {m.ci_low.toFixed(0)} – {m.ci_high.toFixed(0)}
                </td>
                <td className="ratings__whisker-cell">
                  <RatingWhisker rating={m} min={min} max={max} />
                </td>
                <td className="num" data-testid="games">
                  {m.games} ({m.wins}–{m.ties}–{m.losses})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="ratings__subhead">Judges against the human votes</h3>
      {agreement.length === 0 ? (
        <p className="empty">No judged pair has a human vote yet.</p>
      ) : (
        <table className="ratings__table" aria-label="Judge agreement">
          <thead>
            <tr>
              <th scope="col">Judge</th>
              <th scope="col" className="num">Pairs</th>
              <th scope="col" className="num">Agreement</th>
              <th scope="col" className="num">Cohen's κ</th>
            </tr>
          </thead>
          <tbody>
            {agreement.map((a) => (
              <tr key={a.judge_model}>
                <td>{a.judge_model}</td>
                <td className="num">{a.n}</td>
                <td className="num">{percent(a.agreement)}</td>
                <td className="num">{a.cohens_kappa === null ? '–' : a.cohens_kappa.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">κ corrects agreement for chance: above 0.6 a judge is a fair stand-in for the voters, near 0 it is guessing.</p>
    </section>
  );
}
