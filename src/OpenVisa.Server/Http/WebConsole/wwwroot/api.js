// The console's only way to the server: fetch() on /api/v1/. Every failure becomes an ApiError whose message says
// what went wrong and what to try, so each page can show it as it is.

const TOKEN_KEY = 'openvisa-token';

/** A failed request: HTTP status (0 when the server did not answer), VISA status name and a readable message. */
export class ApiError extends Error {
  constructor(httpStatus, visaStatus, message) {
    super(message);
    this.httpStatus = httpStatus;
    this.visaStatus = visaStatus;
  }
}

/** This tab's client id: the server keeps a written query's reply for the same id until it is read. */
export const clientId = 'console-' + Math.random().toString(16).slice(2, 10);

const listeners = new Set();
/** Calls f(error) for failures that concern the whole page: the server gone (0) or a token needed (401). */
export function onConnectionProblem(f) { listeners.add(f); }
/** Calls f(null) after a request succeeded again. */
function report(error) { for (const f of listeners) f(error); }

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value); else sessionStorage.removeItem(TOKEN_KEY);
}

function headers(extra) {
  const h = { 'X-Client-Id': clientId, ...extra };
  const t = token();
  if (t) h.Authorization = 'Bearer ' + t;
  return h;
}

/** Instrument names may hold '/' (ASRL/dev/ttyUSB0::INSTR); the server expects it escaped. */
export function instrumentPath(name) { return '/api/v1/instruments/' + encodeURIComponent(name); }

/**
 * One request. options: method, body (string, bytes or object sent as JSON), timeoutMs (sent as X-Timeout-Ms),
 * as: 'json' | 'text' | 'bytes' | 'none', signal. Resolves to { value, ms, response }.
 */
export async function request(path, options = {}) {
  const extra = {};
  let body = options.body;
  if (body !== undefined && typeof body === 'object' && !(body instanceof Uint8Array)) {
    body = JSON.stringify(body);
    extra['Content-Type'] = 'application/json';
  } else if (typeof body === 'string') {
    extra['Content-Type'] = 'text/plain; charset=utf-8';
  }
  if (options.timeoutMs) extra['X-Timeout-Ms'] = String(Math.round(options.timeoutMs));
  const started = performance.now();
  let response;
  try {
    response = await fetch(path, { method: options.method || 'GET', headers: headers(extra), body, signal: options.signal, cache: 'no-store' });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    const error = new ApiError(0, 'VI_ERROR_CONN_LOST',
      `The server at ${location.origin} does not answer: it may have stopped, or the network is down. ` +
      'Start it again (ovisa serve … --http PORT); this page retries by itself.');
    report(error);
    throw error;
  }
  const ms = performance.now() - started;
  if (!response.ok) {
    const error = await failure(response);
    if (response.status === 401) report(error); else report(null);
    throw error;
  }
  report(null);
  const as = options.as || 'json';
  let value = null;
  if (response.status !== 204) {
    if (as === 'json') value = await response.json();
    else if (as === 'text') value = await response.text();
    else if (as === 'bytes') value = new Uint8Array(await response.arrayBuffer());
  }
  return { value, ms, response };
}

async function failure(response) {
  const text = await response.text();
  try {
    const json = JSON.parse(text);
    if (json && json.message) return new ApiError(response.status, json.status || '', json.message);
  } catch { /* not JSON: a proxy's page, or a server that is not OpenVisa */ }
  if (response.status === 404 && !text)
    return new ApiError(404, 'VI_ERROR_NSUP_OPER', `${response.url} does not exist on this server; is it an older OpenVisa?`);
  return new ApiError(response.status, '', `HTTP ${response.status} ${response.statusText}: ${text.slice(0, 300)}`);
}

/**
 * Server-sent events of GET /api/v1/events, read with fetch() so the bearer token can be sent (EventSource cannot
 * send headers). Calls onEvent(kind, data) until signal aborts; reconnects after a pause when the stream ends.
 */
export async function streamEvents(onEvent, signal, onState) {
  while (!signal.aborted) {
    try {
      const response = await fetch('/api/v1/events', { headers: headers({ Accept: 'text/event-stream' }), signal, cache: 'no-store' });
      if (!response.ok) throw await failure(response);
      onState?.('open');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let kind = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) kind = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length) {
            try { onEvent(kind, JSON.parse(data.join('\n'))); } catch { /* a malformed event is skipped */ }
          }
        }
      }
      onState?.('closed');
    } catch (e) {
      if (signal.aborted) return;
      onState?.('error', e);
    }
    await new Promise(resolve => setTimeout(resolve, 3000));
  }
}
