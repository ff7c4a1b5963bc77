// Thin typed wrappers over pitwall's JSON API. One APIRequestContext per signed-in actor,
// so each keeps its own HttpOnly session cookie.
import { request, type APIRequestContext, type APIResponse } from '@playwright/test';

export type JobId = number | string;

export interface Vehicle {
  plate?: string;
  [key: string]: unknown;
}

export interface Job {
  id: JobId;
  ticket: string;
  stage: string;
  version: number;
  vehicle?: Vehicle;
  [key: string]: unknown;
}

export interface Bay {
  id: number;
  current_job: Job | null;
  queue: Job[];
  [key: string]: unknown;
}

export interface BaysBody {
  bays: Bay[];
}

export interface ApiError {
  error: { code: string; message?: string; [key: string]: unknown };
}

export interface ApiResult<T> {
  status: number;
  ok: boolean;
  /** Parsed JSON, or null when the body was empty or not JSON. */
  body: T;
}

export interface ActionBody {
  action: string;
  expected_version: number;
  [field: string]: unknown;
}

export function newActor(baseURL: string): Promise<APIRequestContext> {
  return request.newContext({ baseURL });
}

export async function wrap<T>(res: APIResponse): Promise<ApiResult<T>> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status(), ok: res.ok(), body: body as T };
}

export async function signIn(
  api: APIRequestContext,
  creds: { username: string; password: string },
): Promise<ApiResult<unknown>> {
  return wrap(await api.post('/api/v1/sessions', { data: creds }));
}

export async function signInBay(
  api: APIRequestContext,
  creds: { bay_id: number; pin: string },
): Promise<ApiResult<unknown>> {
  return wrap(await api.post('/api/v1/sessions', { data: creds }));
}

export async function getBays(api: APIRequestContext): Promise<ApiResult<BaysBody>> {
  return wrap(await api.get('/api/v1/bays'));
}

export async function getJob(api: APIRequestContext, id: JobId): Promise<ApiResult<Job>> {
  return wrap(await api.get(`/api/v1/jobs/${id}`));
}

export async function act(
  api: APIRequestContext,
  jobId: JobId,
  body: ActionBody,
): Promise<ApiResult<unknown>> {
  return wrap(await api.post(`/api/v1/jobs/${jobId}/actions`, { data: body }));
}

/** The job with `ticket` in bay `bayId` (current job or queue), or undefined. */
export function findJob(bays: BaysBody, bayId: number, ticket: string): Job | undefined {
  const bay = bays.bays.find((b) => b.id === bayId);
  if (!bay) return undefined;
  return [bay.current_job, ...bay.queue].find((j): j is Job => !!j && j.ticket === ticket);
}

export const ADVISOR = { username: 'advisor', password: 'pitwall' } as const;
export const BAY1_LEAD = { bay_id: 1, pin: '1111' } as const;

export interface Receipt {
  job_id: number;
  ticket: string;
  tracking_token: string;
}

/** A walk-in check-in through the kiosk API: the 20,000 km package at 19,800 km. */
export async function checkInWalkIn(
  api: APIRequestContext,
  plate: string,
  phone: string,
  wash = true,
): Promise<ApiResult<Receipt>> {
  return wrap(
    await api.post('/api/v1/checkins', {
      data: {
        plate,
        phone,
        model: 'Test car',
        mileage_km: 19_800,
        package: true,
        wash,
        old_parts: 'leave',
        payment_method: 'wechat',
        waiting: true,
        valuables_acknowledged: true,
        consent: true,
        signature: { width: 600, height: 220, strokes: [[[10, 10], [60, 50], [120, 20]]] },
      },
    }),
  );
}

/** Ticks every item of the job's work done, as `technician` at its bay (read through `staff`). */
export async function tickAll(
  staff: APIRequestContext,
  technician: APIRequestContext,
  jobId: JobId,
): Promise<number> {
  const job = await getJob(staff, jobId);
  const items = ((job.body?.items ?? []) as { id: number; status: string }[]).filter(
    (i) => i.status === 'todo' || i.status === 'approved',
  );
  for (const item of items) {
    const res = await technician.post(`/api/v1/jobs/${jobId}/items/${item.id}/check`, { data: { done: true } });
    if (!res.ok()) throw new Error(`tick ${item.id}: ${res.status()} ${await res.text()}`);
  }
  return items.length;
}

/** Takes `action` on a job at its current version (read through `staff`). */
export async function actNow(
  staff: APIRequestContext,
  actor: APIRequestContext,
  jobId: JobId,
  action: Record<string, unknown>,
): Promise<ApiResult<unknown>> {
  const job = await getJob(staff, jobId);
  if (!job.ok) return job;
  return act(actor, jobId, { ...action, expected_version: job.body.version } as ActionBody);
}
