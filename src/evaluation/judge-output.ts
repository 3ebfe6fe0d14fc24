import { z } from 'zod';

/** Thrown when the judge's answer stays invalid after the allowed retries. */
export class JudgeOutputError extends Error {
  override name = 'JudgeOutputError';
  constructor(
    message: string,
    /** the last invalid output, trimmed, for the record */
    readonly output: string,
  ) {
    super(message);
  }
}

const evaluationSchema = z.object({
  response: z.string().transform((label) => label.replace(/^\s*response\s+/i, '').trim().toUpperCase()),
  score: z.number().min(1).max(10),
  reasoning: z.string(),
  strengths: z.array(z.string()).default([]),
  weaknesses: z.array(z.string()).default([]),
});

const outputSchema = z.object({
  evaluations: z.array(evaluationSchema).min(1),
  overall_summary: z.string(),
});

export type JudgeOutput = z.infer<typeof outputSchema>;

export type ParsedJudgeOutput = { ok: true; value: JudgeOutput } | { ok: false; reason: string };

/** Takes the JSON object out of a reply that may wrap it in a code fence or prose. */
function extractJson(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  if (body.startsWith('{')) return body;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  return start >= 0 && end > start ? body.slice(start, end + 1) : body;
}

/**
 * Parses and validates the judge's reply: JSON of the expected shape, with
 * every label scored exactly once and no unknown label.
 */
export function parseJudgeOutput(text: string, labels: readonly string[]): ParsedJudgeOutput {
  let json: unknown;
  try {
    json = JSON.parse(extractJson(text));
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  const parsed = outputSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'output'}: ${issue.message}` };
  }
  const seen = parsed.data.evaluations.map((e) => e.response);
  const unknown = seen.filter((label) => !labels.includes(label));
  if (unknown.length > 0) return { ok: false, reason: `unknown response label(s) ${unknown.join(', ')}` };
  const duplicated = seen.filter((label, i) => seen.indexOf(label) !== i);
  if (duplicated.length > 0) return { ok: false, reason: `response(s) ${[...new Set(duplicated)].join(', ')} scored more than once` };
  const missing = labels.filter((label) => !seen.includes(label));
  if (missing.length > 0) return { ok: false, reason: `no score for response(s) ${missing.join(', ')}` };
  return { ok: true, value: parsed.data };
}
