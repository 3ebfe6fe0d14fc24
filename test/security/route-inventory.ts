import { readFileSync } from 'node:fs';
import { api } from '../helpers/test-server.js';

export interface ApiRoute {
  method: string;
  /** OpenAPI path with `{id}` placeholders */
  template: string;
}

/** Every operation the OpenAPI document lists: new routes are covered without touching the tests. */
export async function routesFromOpenApi(baseUrl: string): Promise<ApiRoute[]> {
  const doc = (await api(`${baseUrl}/docs/json`)).body as { paths: Record<string, Record<string, unknown>> };
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.keys(operations).filter((m) => methods.includes(m)).map((m) => ({ method: m.toUpperCase(), template })),
  );
}

export interface KnownIds {
  videoId: string;
  jobId: string;
}

/** The path with real ids, so that a request that got through would act on real data. */
export function fillPath(template: string, ids: KnownIds): string {
  const id = template.startsWith('/api/video') ? ids.videoId : ids.jobId;
  return template.replace(/\{[^}]+\}/g, id);
}

export interface RequestBody {
  contentType: string;
  body: Buffer;
}

/** A multipart upload of a real video file. */
export function multipartUpload(file: string): RequestBody {
  const boundary = 'vidcompare-security-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="attack.mp4"\r\nContent-Type: video/mp4\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([Buffer.from(head), readFileSync(file), Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

/**
 * A body that the route would act on if the request got through: a real
 * comparison on a real video with a local model, a real upload; routes that
 * take no body get none.
 */
export function validBodyFor(route: ApiRoute, ids: KnownIds, videoFile: string): RequestBody | undefined {
  const json = (value: unknown): RequestBody => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify(value)) });
  switch (route.template) {
    case '/api/video/upload':
      return multipartUpload(videoFile);
    case '/api/compare':
    case '/api/compare-async':
      return json({ video_id: ids.videoId, prompt: 'List the cuts', models: ['local-shots'], judge_model: 'none' });
    case '/api/batch-compare':
    case '/api/batch-compare-async':
      return json({ video_ids: [ids.videoId], prompts: ['List the cuts'], models: ['local-shots'], judge_model: 'none' });
    case '/api/jobs/{id}/rejudge':
      return json({ judge_model: 'local-judge' });
    default:
      return undefined;
  }
}

/** Query that makes a route do the most: cleanup of everything finished. */
export function queryFor(route: ApiRoute): string {
  return route.template === '/api/jobs/cleanup' ? '?days=0' : '';
}

/** Everything that an attack could have changed, read with proper credentials. */
export async function stateSnapshot(baseUrl: string, ids: KnownIds, headers: Record<string, string> = {}): Promise<string> {
  const videos = (await api(`${baseUrl}/api/videos`, { headers })).body.videos as { id: string }[];
  const jobs = (await api(`${baseUrl}/api/jobs?limit=200`, { headers })).body as { job_id: string; status: string }[];
  const job = (await api(`${baseUrl}/api/jobs/${ids.jobId}`, { headers })).body as { status: string };
  return JSON.stringify({ videos: videos.map((v) => v.id).sort(), jobs: jobs.map((j) => `${j.job_id}:${j.status}`).sort(), job: job.status });
}

/** Counts attack requests per family and those that got in (a 2xx/3xx/5xx answer: a handler ran). */
export class AttackTally {
  private readonly families = new Map<string, { tried: number; gotIn: string[] }>();

  record(family: string, status: number, description: string): void {
    const entry = this.families.get(family) ?? { tried: 0, gotIn: [] };
    entry.tried += 1;
    if (status < 400 || status >= 500) entry.gotIn.push(`${status} ${description}`);
    this.families.set(family, entry);
  }

  get gotIn(): string[] {
    return [...this.families.values()].flatMap((f) => f.gotIn);
  }

  get total(): number {
    return [...this.families.values()].reduce((sum, f) => sum + f.tried, 0);
  }

  summary(title: string): string {
    const lines = [...this.families].map(([family, f]) => `  ${family.padEnd(40)} tried ${String(f.tried).padStart(4)}, got in ${f.gotIn.length}`);
    return `${title}\n${lines.join('\n')}\n  ${'total'.padEnd(40)} tried ${String(this.total).padStart(4)}, got in ${this.gotIn.length}`;
  }
}
