import { MAX_ROLLBAR_ITEM_BYTES, handleRollbarItemRequest } from './rollbar-item-api';
import type { RollbarApiRequest } from './rollbar-item-api';

const validItem = {
  data: {
    environment: 'test',
    level: 'warning',
    uuid: 'c1f1e7a4-9d7e-4a6b-8f4e-0a7c2b9d1e11',
    body: { message: { body: 'Hello World!' } },
  },
};

function post(body: unknown, headers: Record<string, string> = {}): RollbarApiRequest {
  return {
    method: 'POST',
    path: '/api/1/item/',
    headers: {
      'content-type': 'application/json',
      'x-rollbar-access-token': 'token-1',
      ...headers,
    },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

const messageOf = (body: string) => (JSON.parse(body) as { message: string }).message;

describe('handleRollbarItemRequest', () => {
  it('accepts an item and answers like Rollbar, with its uuid', () => {
    const response = handleRollbarItemRequest(post(validItem));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      err: 0,
      result: { id: null, uuid: validItem.data.uuid },
    });
    expect(response.item).toMatchObject({ accessToken: 'token-1', data: validItem.data });
    expect(response.item?.raw).toBe(JSON.stringify(validItem));
  });

  it('takes the token from the body when the header is missing, as older notifiers send it', () => {
    const response = handleRollbarItemRequest(
      post({ ...validItem, access_token: 'body-token' }, { 'x-rollbar-access-token': '' }),
    );
    expect(response.item?.accessToken).toBe('body-token');
  });

  it.each([
    [
      'a missing token',
      post(validItem, { 'x-rollbar-access-token': '' }),
      401,
      /missing access token/,
    ],
    [
      'a rejected token',
      post(validItem, { 'x-rollbar-access-token': 'wrong' }),
      403,
      /invalid access token/,
    ],
    ['another path', { ...post(validItem), path: '/api/1/deploy/' }, 404, /POST \/api\/1\/item\//],
    ['GET', { ...post(validItem), method: 'GET' }, 405, /GET is not allowed/],
    ['form data', post(validItem, { 'content-type': 'text/plain' }), 415, /application\/json/],
    ['broken JSON', post('{"data":'), 400, /not valid JSON/],
    ['an array', post([validItem]), 422, /JSON object/],
    ['no data', post({}), 422, /'data' is missing/],
    [
      'no environment',
      post({ data: { ...validItem.data, environment: undefined } }),
      422,
      /environment/,
    ],
    ['an unknown level', post({ data: { ...validItem.data, level: 'fatal' } }), 422, /level/],
    [
      'an empty body',
      post({ data: { ...validItem.data, body: {} } }),
      422,
      /exactly one of .* it has none/,
    ],
    [
      'two bodies',
      post({
        data: { ...validItem.data, body: { message: { body: 'a' }, crash_report: { raw: 'b' } } },
      }),
      422,
      /it has message, crash_report/,
    ],
    [
      'a trace chain without exception class',
      post({ data: { ...validItem.data, body: { trace_chain: [{ frames: [], exception: {} }] } } }),
      422,
      /trace_chain/,
    ],
    ['an oversized body', post(`{"pad":"${'x'.repeat(MAX_ROLLBAR_ITEM_BYTES)}"}`), 413, /limit/],
  ])('rejects %s with a clear 4xx', (_what, request, status, message) => {
    const response = handleRollbarItemRequest(request, {
      acceptToken: (token) => token === 'token-1' || token === 'body-token',
    });
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toMatchObject({ err: 1 });
    expect(messageOf(response.body)).toMatch(message);
    expect(response.item).toBeUndefined();
  });
});
