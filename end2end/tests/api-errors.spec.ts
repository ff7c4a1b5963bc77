// HTTP-only smoke of the API's error shapes and the OpenAPI document. No browser page.
import { test, expect, type APIRequestContext } from '@playwright/test';
import { startServer, type PitwallServer } from './support/server';
import {
  ADVISOR,
  BAY1_LEAD,
  findJob,
  getBays,
  newActor,
  signIn,
  signInBay,
  type ApiError,
  type JobId,
} from './support/api';

let server: PitwallServer;
let jobId: JobId;
const actors: APIRequestContext[] = [];

async function actor(): Promise<APIRequestContext> {
  const ctx = await newActor(server.baseURL);
  actors.push(ctx);
  return ctx;
}

test.beforeAll(async () => {
  server = await startServer();
  const staff = await actor();
  expect((await signIn(staff, ADVISOR)).ok, 'advisor sign-in').toBe(true);
  const bays = await getBays(staff);
  expect(bays.status).toBe(200);
  const job = findJob(bays.body, 1, 'A03');
  expect(job, 'ticket A03 at bay 1').toBeDefined();
  jobId = job!.id;
});

test.afterAll(async () => {
  await Promise.all(actors.splice(0).map((a) => a.dispose()));
  await server?.stop();
});

test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('server.log', { body: server.logs(), contentType: 'text/plain' });
  }
});

test('malformed JSON to an action is 400 bad_request', async () => {
  const bay = await actor();
  expect((await signInBay(bay, BAY1_LEAD)).ok, 'bay 1 PIN sign-in').toBe(true);
  const res = await bay.post(`/api/v1/jobs/${jobId}/actions`, {
    headers: { 'content-type': 'application/json' },
    data: Buffer.from('{"action": "start", "expected_version": '), // Buffer: sent verbatim
  });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as ApiError;
  expect(body.error.code).toBe('bad_request');
});

test('an action without a session is 401 unauthenticated', async () => {
  const anon = await actor();
  const res = await anon.post(`/api/v1/jobs/${jobId}/actions`, {
    data: { action: 'start', expected_version: 1 },
  });
  expect(res.status()).toBe(401);
  const body = (await res.json()) as ApiError;
  expect(body.error.code).toBe('unauthenticated');
});

test('the OpenAPI document lists the actions endpoint', async () => {
  const anon = await actor();
  const res = await anon.get('/api/v1/openapi.json');
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi?: unknown; paths?: Record<string, unknown> };
  expect(typeof doc.openapi).toBe('string');
  expect(typeof doc.paths).toBe('object');
  expect(Object.keys(doc.paths ?? {})).toContain('/api/v1/jobs/{job_id}/actions');
});
