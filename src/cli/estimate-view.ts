import type { JobRequestEstimate } from '../domain/job.js';
import type { CliContext } from './cli-context.js';
import { formatCost, formatCount } from './output/format.js';
import { formatTable } from './output/table.js';

/** Prints POST /api/estimate's answer: one row per answer model and judge, then the total (JSON as is with --json). */
export function printEstimate(out: CliContext['out'], estimate: JobRequestEstimate): void {
  if (out.json) {
    out.data(estimate);
    return;
  }
  const rows = estimate.per_model.map((m) => [
    m.model_id,
    m.role,
    String(m.calls),
    formatCount(m.input_tokens),
    `${formatCount(m.output_tokens)}${m.output_basis === 'default' && m.output_tokens > 0 ? '*' : ''}`,
    formatCost(m.cost_usd),
  ]);
  out.line(
    formatTable(
      [{ header: 'model' }, { header: 'role' }, { header: 'calls', align: 'right' }, { header: 'tokens in', align: 'right' }, { header: 'tokens out', align: 'right' }, { header: 'cost', align: 'right' }],
      rows,
    ),
  );
  const unpriced = estimate.unpriced_models.length > 0 ? ` (price unknown for ${estimate.unpriced_models.join(', ')})` : '';
  out.line(`Estimate: ${estimate.calls} calls, ${formatCost(estimate.total_usd)}${unpriced}. Nothing was started.`);
  if (estimate.per_model.some((m) => m.output_basis === 'default' && m.output_tokens > 0)) out.line(out.style.dim('* no answers of this model yet: 1000 output tokens per answer (800 per judge call) assumed'));
}
