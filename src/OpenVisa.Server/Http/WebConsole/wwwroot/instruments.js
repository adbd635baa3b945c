// The instruments page: every served instrument with its resource names per transport, IDN, reservation, the clients
// attached to it over every transport (kept current by the server's "clients" events) and a health dot (green when
// it answers *IDN? within the health-check timeout).
import { request, instrumentPath, streamEvents, clientId } from './api.js';
import { el, duration, milliseconds } from './dom.js';

const HEALTH_TIMEOUT_MS = 5000;
const HEALTH_PARALLEL = 4;

export function instrumentsPage(main) {
  const stop = new AbortController();
  const heading = el('h1', {}, 'Instruments');
  const status = el('p', { class: 'muted', 'aria-live': 'polite' }, 'Asking the server what it serves…');
  const filter = el('input', { type: 'search', placeholder: 'Filter by name, IDN or resource', 'aria-label': 'Filter instruments' });
  const refresh = el('button', { type: 'button' }, 'Refresh');
  const body = el('tbody');
  const table = el('table', { class: 'responsive', id: 'instruments' },
    el('thead', {}, el('tr', {}, ['Health', 'Name', 'IDN', 'Resource names', 'Reservation', 'Clients', ''].map(h => el('th', { scope: 'col' }, h)))),
    body);
  main.append(heading, el('div', { class: 'toolbar' }, filter, refresh, status), el('div', { class: 'panel' }, table));

  const applyFilter = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of body.rows) {
      const visible = words.every(w => row.dataset.search.includes(w));
      row.hidden = !visible;
      if (visible) shown++;
    }
    return shown;
  };
  filter.addEventListener('input', () => {
    const shown = applyFilter();
    status.textContent = `${body.rows.length} instrument${body.rows.length === 1 ? '' : 's'} served` + (filter.value ? `, ${shown} shown` : '') + '.';
  });

  const load = async () => {
    status.textContent = 'Asking the server what it serves…';
    let list;
    try {
      list = (await request('/api/v1/instruments', { signal: stop.signal })).value;
    } catch (e) {
      if (e.name === 'AbortError') return;
      // Rows from before would show a health that is no longer known.
      body.replaceChildren();
      status.textContent = e.httpStatus === 0 || e.httpStatus === 401
        ? 'Could not list the instruments (see the message above).'
        : 'Could not list the instruments: ' + e.message;
      status.className = 'inline-error';
      return;
    }
    status.className = 'muted';
    body.replaceChildren(...list.map(row));
    const shown = applyFilter();
    status.textContent = list.length === 0
      ? 'This server serves no instrument.'
      : `${list.length} instrument${list.length === 1 ? '' : 's'} served` + (filter.value ? `, ${shown} shown` : '') +
        (list.length > 8 ? '; type in the filter to find one.' : '.');
    checkHealth(list, stop.signal);
  };
  refresh.addEventListener('click', load);
  load();
  // A client attaching or leaving (over SOCKET, VXI-11, HiSLIP, …) updates that instrument's row, a few at a time.
  const stale = new Set();
  let pending = null;
  streamEvents((kind, data) => {
    if (kind !== 'clients' || !data.instrument) return;
    stale.add(data.instrument);
    pending ??= setTimeout(async () => {
      pending = null;
      const names = [...stale];
      stale.clear();
      for (const name of names) {
        const tr = [...body.rows].find(r => r.dataset.name.toLowerCase() === name.toLowerCase());
        if (!tr) continue;
        try {
          const { value } = await request(instrumentPath(tr.dataset.name) + '/clients', { signal: stop.signal });
          tr.clientsCell.replaceChildren(...clientList(value));
        } catch { /* the next event or a refresh tries again */ }
      }
    }, 200);
  }, stop.signal);
  return () => { stop.abort(); clearTimeout(pending); };
}

/** Each client: its transport, address, the protocol's name for it, how long it has been attached, and a lock. */
function clientList(clients) {
  if (!clients || clients.length === 0) return [el('span', { class: 'muted' }, 'none')];
  return clients.map(c => el('div', { class: 'client', 'data-transport': c.transport },
    el('span', { class: 'tag' }, c.transport), el('code', {}, c.address),
    c.session ? el('span', { class: 'muted' }, ' ' + (c.transport === 'HTTP' && c.session === clientId ? 'this page' : c.session)) : null,
    c.locked ? el('span', { class: 'tag held' }, c.transport === 'HTTP' ? 'holds the reservation' : 'holds the lock') : null,
    el('span', { class: 'muted' }, ' · ' + duration((Date.now() - new Date(c.since)) / 1000))));
}

function row(instrument) {
  const dot = el('span', { class: 'dot', role: 'img', 'aria-label': 'health not checked yet', title: 'checking…' });
  const transports = instrument.transports.length
    ? instrument.transports.map(t => el('div', {}, el('span', { class: 'tag' }, t.protocol), el('code', {}, t.resourceName)))
    : [el('span', { class: 'muted' }, 'HTTP only')];
  const reservation = instrument.reserved
    ? el('span', { class: 'tag locked' }, `reserved, ${duration((new Date(instrument.reservationExpires) - Date.now()) / 1000)} left`)
    : el('span', { class: 'muted' }, 'free');
  const tr = el('tr', { 'data-name': instrument.name },
    el('td', { 'data-label': 'Health' }, dot),
    el('td', { 'data-label': 'Name' }, el('a', { href: '#/instrument/' + encodeURIComponent(instrument.name) }, instrument.name)),
    el('td', { 'data-label': 'IDN', class: 'idn' }, instrument.idn ?? el('span', { class: 'muted' }, 'no *IDN? answer')),
    el('td', { 'data-label': 'Resource names' }, transports),
    el('td', { 'data-label': 'Reservation' }, reservation),
    el('td', { 'data-label': 'Clients', class: 'clients' }, clientList(instrument.clients)),
    el('td', {}, el('a', { class: 'button', href: '#/instrument/' + encodeURIComponent(instrument.name) }, 'Console')));
  tr.dataset.search = [instrument.name, instrument.idn || '', ...instrument.transports.map(t => t.resourceName)].join(' ').toLowerCase();
  tr.dot = dot;
  tr.clientsCell = tr.querySelector('td.clients');
  return tr;
}

/** Asks each instrument *IDN? (a few at a time, so 20 instruments do not queue 20 requests at once). */
async function checkHealth(list, signal) {
  const rows = new Map([...document.querySelectorAll('#instruments tbody tr')].map(r => [r.dataset.name, r]));
  const queue = [...list];
  const worker = async () => {
    for (let instrument; (instrument = queue.shift());) {
      const dot = rows.get(instrument.name)?.dot;
      if (!dot || signal.aborted) return;
      try {
        const { ms } = await request(instrumentPath(instrument.name) + '/query', { method: 'POST', body: '*IDN?', as: 'text', timeoutMs: HEALTH_TIMEOUT_MS, signal });
        dot.className = 'dot ok';
        dot.setAttribute('aria-label', 'healthy');
        dot.title = `answered *IDN? in ${milliseconds(ms)}`;
      } catch (e) {
        if (e.name === 'AbortError') return;
        dot.className = 'dot bad';
        dot.setAttribute('aria-label', 'not answering');
        dot.title = e.message;
      }
    }
  };
  await Promise.all(Array.from({ length: HEALTH_PARALLEL }, worker));
}
