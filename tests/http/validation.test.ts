import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServices, type TestServices } from '../helpers/build-test-services.js';
import { expectErrorShape, hardenedApp, type TestApp } from '../helpers/hardening.js';

/**
 * Every bad input the hardening issue lists, against the real app over a real index: each one is a 4xx
 * in the {"error":{"code","message"}} shape, never a 5xx, for /api/ask and /api/ask/stream alike.
 */
let real: TestServices;
let t: TestApp;

beforeAll(async () => {
  real = await buildTestServices();
  t = hardenedApp({ services: real.services, env: { RATE_LIMIT_PER_MINUTE: '0' } });
});
afterAll(() => real?.cleanup());

const turns = (n: number, content = '你好') =>
  Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content }));

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** [case, raw JSON body, expected status, expected code] */
const BAD_JSON_BODIES: Array<[string, string, number, string]> = [
  ['question is a number', '{"question": 42}', 400, 'invalid_question'],
  ['question is an array', '{"question": ["a"]}', 400, 'invalid_question'],
  ['question is an object', '{"question": {"text": "a"}}', 400, 'invalid_question'],
  ['question is null', '{"question": null}', 400, 'invalid_question'],
  ['question is a boolean', '{"question": true}', 400, 'invalid_question'],
  ['question missing', '{}', 400, 'invalid_question'],
  ['question misspelt', '{"qustion": "沐曦股份的估值是多少?"}', 400, 'invalid_question'],
  ['question empty', '{"question": ""}', 400, 'invalid_question'],
  ['question whitespace', '{"question": " \\t\\n\\u3000 "}', 400, 'invalid_question'],
  ['question over 2,000 characters', JSON.stringify({ question: '问'.repeat(2001) }), 400, 'invalid_question'],
  ['question with a lone high surrogate', '{"question": "估值\\ud800是多少"}', 400, 'invalid_question'],
  ['question with a lone low surrogate', '{"question": "\\udc00估值"}', 400, 'invalid_question'],
  ['question with reversed surrogates', '{"question": "\\udc00\\ud800"}', 400, 'invalid_question'],
  ['body is an array', '[{"question": "a"}]', 400, 'bad_request'],
  ['body is a string', '"沐曦股份的估值是多少?"', 400, 'bad_request'],
  ['body is a number', '12', 400, 'bad_request'],
  ['body is null', 'null', 400, 'bad_request'],
  ['malformed JSON', '{"question": "a"', 400, 'bad_request'],
  ['trailing garbage', '{"question": "a"} x', 400, 'bad_request'],
  ['single quotes', "{'question': 'a'}", 400, 'bad_request'],
  ['deeply nested JSON in the question', `{"question": ${nested(5000)}}`, 400, 'bad_request'],
  ['deeply nested JSON in history', `{"question": "a", "history": ${nested(40)}}`, 400, 'bad_request'],
  ['deeply nested objects', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`, 400, 'bad_request'],
  ['history is a string', '{"question": "a", "history": "earlier"}', 400, 'invalid_history'],
  ['history is an object', '{"question": "a", "history": {"role": "user"}}', 400, 'invalid_history'],
  ['history over 20 turns', JSON.stringify({ question: 'a', history: turns(21) }), 400, 'invalid_history'],
  ['history over 16 KiB', JSON.stringify({ question: 'a', history: turns(5, '长'.repeat(4000)) }), 400, 'invalid_history'],
  ['history turn with a bad role', JSON.stringify({ question: 'a', history: [{ role: 'system', content: 'x' }] }), 400, 'invalid_history'],
  ['history turn without content', JSON.stringify({ question: 'a', history: [{ role: 'user' }] }), 400, 'invalid_history'],
  ['history turn content a number', JSON.stringify({ question: 'a', history: [{ role: 'user', content: 1 }] }), 400, 'invalid_history'],
  ['history turn with a lone surrogate', '{"question": "a", "history": [{"role": "user", "content": "\\ud83d"}]}', 400, 'invalid_history'],
  ['history turn is null', '{"question": "a", "history": [null]}', 400, 'invalid_history'],
  ['body over 64 KiB', JSON.stringify({ question: 'a', pad: 'x'.repeat(70 * 1024) }), 413, 'payload_too_large'],
];

const BAD_CONTENT_TYPES: Array<[string, string | undefined, string]> = [
  ['text/plain', 'text/plain', '{"question": "a"}'],
  ['form-urlencoded', 'application/x-www-form-urlencoded', 'question=a'],
  ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="question"\r\n\r\na\r\n--x--'],
  ['XML', 'application/xml', '<question>a</question>'],
  ['no content type', undefined, '{"question": "a"}'],
  ['JSON in latin1', 'application/json; charset=latin1', '{"question": "a"}'],
];

describe.each(['/api/ask', '/api/ask/stream'])('POST %s rejects bad input with a 4xx JSON error', (path) => {
  it.each(BAD_JSON_BODIES)('%s', async (_name, body, status, code) => {
    const res = await request(t.app).post(path).set('Content-Type', 'application/json').send(body);
    expectErrorShape(res, status);
    expect(res.body.error.code).toBe(code);
  });

  it.each(BAD_CONTENT_TYPES)('wrong content type: %s → 415', async (_name, type, body) => {
    const req = request(t.app).post(path);
    if (type) req.set('Content-Type', type);
    else req.unset('Content-Type');
    const res = await req.send(Buffer.from(body));
    expectErrorShape(res, 415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('JSON declared UTF-16 but sent as UTF-8 → 400 (it does not decode to JSON)', async () => {
    const res = await request(t.app).post(path).set('Content-Type', 'application/json; charset=utf-16').send(Buffer.from('{"question": "a"}'));
    expectErrorShape(res, 400);
  });

  it('gzip-encoded JSON it cannot inflate → 4xx, not 5xx', async () => {
    const res = await request(t.app).post(path).set('Content-Type', 'application/json').set('Content-Encoding', 'br-nonsense').send('{"question":"a"}');
    expectErrorShape(res);
  });
});

describe('limits are inclusive: the largest valid inputs are answered', () => {
  it('a 2,000-character question and 20 turns of history get 200 with an answer from the real core', async () => {
    const question = `沐曦股份的估值是多少?${' '.repeat(2000 - 11)}`;
    expect(question.length).toBe(2000);
    const res = await request(t.app)
      .post('/api/ask')
      .send({ question, history: turns(20, '谢谢') });
    expect(res.status).toBe(200);
    expect(typeof res.body.answer).toBe('string');
    expect(Array.isArray(res.body.citations)).toBe(true);
  });

  it('a question with valid surrogate pairs (emoji) is accepted', async () => {
    const res = await request(t.app).post('/api/ask').send({ question: '沐曦股份的估值是多少?😀' });
    expect(res.status).toBe(200);
  });

  it('history exactly at 16 KiB is accepted, one character more is not', async () => {
    const at = [...turns(3, 'x'.repeat(5000)), { role: 'user', content: 'x'.repeat(16 * 1024 - 15000) }];
    expect((await request(t.app).post('/api/ask').send({ question: 'a', history: at })).status).toBe(200);
    at[3].content += 'x';
    expectErrorShape(await request(t.app).post('/api/ask').send({ question: 'a', history: at }), 400);
  });

  it('JSON nested up to 32 levels (in an ignored field) is accepted, 33 is not', async () => {
    const ok = `{"question": "沐曦股份的估值是多少?", "extra": ${nested(31)}}`;
    expect((await request(t.app).post('/api/ask').set('Content-Type', 'application/json').send(ok)).status).toBe(200);
    const deep = `{"question": "沐曦股份的估值是多少?", "extra": ${nested(32)}}`;
    expectErrorShape(await request(t.app).post('/api/ask').set('Content-Type', 'application/json').send(deep), 400);
  });
});

describe('other routes', () => {
  it.each([
    ['GET', '/api/ask', 404],
    ['PUT', '/api/ask', 404],
    ['DELETE', '/api/documents/x', 404],
    ['GET', '/api/nope', 404],
    ['PATCH', '/api/documents', 404],
    ['GET', '/api/documents/%E0%A4%A', 400],
    ['GET', '/api/documents/%', 400],
    ['POST', '/api/health', 415],
    ['GET', '/v2/whatever', 404],
  ])('%s %s → %i JSON', async (method, path, status) => {
    const res = await request(t.app)[method.toLowerCase() as 'get'](path);
    expectErrorShape(res, status);
  });

  it('GET /api/documents/ (trailing slash) is the document list', async () => {
    const res = await request(t.app).get('/api/documents/').expect(200);
    expect(Array.isArray(res.body)).toBe(true);
  });

  it('POST /api/documents/x with a JSON body is a 404, not a crash', async () => {
    expectErrorShape(await request(t.app).post('/api/documents/x').send({ a: 1 }), 404);
  });

  it('the server is healthy after all of this', async () => {
    const res = await request(t.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });
});
