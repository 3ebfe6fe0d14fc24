import type { Command } from 'commander';
import { contextFor } from '../cli-context.js';
import { formatPrice, truncate } from '../output/format.js';
import { formatTable } from '../output/table.js';

/** `models` and `prompts`: what can be compared. */
export function registerCatalogueCommands(program: Command): void {
  program
    .command('models')
    .description('list the models: id, provider, whether available and why not')
    .option('--available', 'only the available ones')
    .option('--refresh', "ask each configured provider for its model list first (the server also does every 6 h)")
    .action(async (options: { available?: boolean; refresh?: boolean }, command: Command) => {
      const ctx = contextFor(command);
      const response = options.refresh ? await ctx.client.refreshModels() : await ctx.client.models();
      const details = options.available ? response.details.filter((d) => d.available) : response.details;
      if (ctx.out.json) {
        ctx.out.data({ ...response, details });
        return;
      }
      const { style } = ctx.out;
      const price = (input?: number | null, output?: number | null) =>
        input === undefined || input === null ? '' : `${formatPrice(input)} / ${formatPrice(output)}`;
      ctx.out.line(
        formatTable(
          [{ header: 'id' }, { header: 'provider' }, { header: 'role' }, { header: 'available' }, { header: '$/Mtok in/out' }, { header: 'reason' }],
          details.map((d) => [
            d.id,
            d.provider,
            d.role === 'judge' ? 'judge' : d.can_judge ? 'answer+judge' : 'answer',
            d.available ? style.green('yes') : style.red('no'),
            d.price_known === false ? 'unknown' : price(d.input_usd_per_mtok, d.output_usd_per_mtok),
            truncate([d.reason, d.notice ?? (d.retired_to ? `retired: answered by ${d.retired_to}` : '')].filter(Boolean).join('; '), 80),
          ]),
        ),
      );
      ctx.out.line(style.dim(`Default judge: ${response.default_judge ?? 'none available'}`));
    });

  program
    .command('prompts')
    .description('list the suggested prompt templates (use their id with --template)')
    .option('--full', 'print each template\'s whole prompt')
    .action(async (options: { full?: boolean }, command: Command) => {
      const ctx = contextFor(command);
      const prompts = await ctx.client.prompts();
      if (ctx.out.json) {
        ctx.out.data(prompts);
        return;
      }
      if (options.full) {
        for (const p of prompts) ctx.out.line(`${ctx.out.style.bold(p.id)} (${p.category}): ${p.name}\n  ${p.prompt}\n`);
        return;
      }
      ctx.out.line(
        formatTable(
          [{ header: 'id' }, { header: 'category' }, { header: 'name' }, { header: 'prompt' }],
          prompts.map((p) => [p.id, p.category, p.name, truncate(p.prompt, Math.max(30, ctx.out.width - 70))]),
        ),
      );
    });
}
