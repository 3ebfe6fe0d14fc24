import type { CompareResponse } from '../api/types.js';
import { Notice } from '../components/notice.js';
import './ratings.css';

/** Each judge's score per answer for a panel, the panel's agreement, flips, and same-family warnings. */
export function PanelScores({ comparison }: { comparison: CompareResponse }) {
  const judges = comparison.judges ?? [];
  const conflicts = comparison.judge_conflicts ?? [];
  const agreement = comparison.judge_agreement;
  return (
    <>
      {conflicts.map((c) => (
        <Notice key={c.judge_model} kind="warning">
          Judge {c.judge_model} is from the same family ({c.family}) as {c.models.join(', ')}: judges tend to prefer their own family.
        </Notice>
      ))}
      {judges.length > 1 && (
        <div className="panel-scores" data-testid="panel-scores">
          <table aria-label="Each judge's scores">
            <thead>
              <tr>
                <th scope="col">Answer</th>
                {judges.map((j) => (
                  <th key={j.judge_model} scope="col">{j.judge_name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {comparison.results.map((r) => (
                <tr key={r.model_id}>
                  <td>{r.display_name}</td>
                  {judges.map((j) => (
                    <td key={j.judge_model}>{j.status === 'failed' ? 'failed' : (j.evaluation.find((e) => e.model_id === r.model_id)?.score ?? '–')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            Panel agreement: Kendall's W {agreement?.kendall_w ?? '–'}, largest spread {agreement?.max_spread ?? '–'} points
            {comparison.flip_rate !== null && comparison.flip_rate !== undefined ? `; ${Math.round(comparison.flip_rate * 100)} % of pairs flipped when the order was reversed` : ''}.
          </p>
        </div>
      )}
      {judges.length <= 1 && comparison.flip_rate !== null && comparison.flip_rate !== undefined && (
        <p className="hint">{Math.round(comparison.flip_rate * 100)} % of answer pairs flipped when the judge read them in reversed order.</p>
      )}
    </>
  );
}
