import { useCallback, useEffect, useState } from 'react';
import { api, describeError } from '../api/client.js';
import type { ModelsResponse, PromptTemplate } from '../api/types.js';

export interface Catalogue {
  models: ModelsResponse | null;
  prompts: PromptTemplate[];
  error: string | null;
  reload(): void;
}

/** The models (with availability) and prompt templates the server offers. */
export function useCatalogue(): Catalogue {
  const [models, setModels] = useState<ModelsResponse | null>(null);
  const [prompts, setPrompts] = useState<PromptTemplate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([api.models(), api.prompts()])
      .then(([m, p]) => {
        if (!live) return;
        setModels(m);
        setPrompts(p);
        setError(null);
      })
      .catch((e: unknown) => live && setError(`Could not load the models and prompts: ${describeError(e)}`));
    return () => {
      live = false;
    };
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { models, prompts, error, reload };
}
