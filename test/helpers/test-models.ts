import { writeFileSync } from 'node:fs';
import path from 'node:path';

type Limits = { requests_per_minute: number; concurrent: number };

/**
 * Writes a models file adding `count` test-provider models (test-1, test-2, ...)
 * and returns its path; `providerLimits` sets a limit shared by all of them.
 */
export function writeTestModelsFile(dir: string, count = 4, limits: Limits = { requests_per_minute: 100_000, concurrent: 1000 }, providerLimits?: Limits): string {
  const models = Array.from({ length: count }, (_, i) => ({
    id: `test-${i + 1}`,
    name: `Test model ${i + 1}`,
    provider: 'test',
    provider_model: `test-model-${i + 1}`,
    input_usd_per_mtok: 1,
    output_usd_per_mtok: 2,
    limits,
  }));
  const file = path.join(dir, 'models.json');
  writeFileSync(file, JSON.stringify({ models, ...(providerLimits ? { providers: { test: providerLimits } } : {}) }));
  return file;
}
