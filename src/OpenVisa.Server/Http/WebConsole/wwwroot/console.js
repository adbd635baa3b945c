// The console of one instrument: a command line with history, write/query/read, binary replies summarised and
// plottable (in either byte order), the error queue one click away, and the live traffic of every client on this
// instrument, whatever its transport (SOCKET, VXI-11, HiSLIP, serial, HTTP).
import { request, instrumentPath, streamEvents } from './api.js';
import { el, milliseconds } from './dom.js';
import { blockData, summary, looksBinary, decode, sampleTypes, latin1, byteOrderOf } from './binary.js';
import { plotPanel } from './plot.js';

const HISTORY_LIMIT = 100;
const LOG_LIMIT = 500;
const TRAFFIC_LIMIT = 300;
const ERROR_QUEUE_LIMIT = 32;

export function consolePage(main, name) {
  const stop = new AbortController();
  const path = instrumentPath(name);
  const historyKey = 'openvisa-history:' + name;
  const history = JSON.parse(localStorage.getItem(historyKey) || '[]');
  let historyAt = history.length;

  const idn = el('p', { class: 'muted' }, '');
  const input = el('input', { id: 'command', class: 'mono', type: 'text', autocomplete: 'off', spellcheck: 'false',
    placeholder: '*IDN?', 'aria-label': 'Command to send', 'aria-describedby': 'command-help' });
  const timeout = el('input', { id: 'timeout', class: 'number', type: 'number', min: '1', step: '100', value: '5000', 'aria-label': 'Timeout in milliseconds' });
  const button = (text, action, primary) => el('button', { type: 'button', class: primary ? 'primary' : null, 'data-action': action, onclick: () => run(action) }, text);
  const log = el('ol', { class: 'log mono', id: 'log', 'aria-live': 'polite', 'aria-label': 'Replies' });
  const traffic = el('ol', { class: 'log traffic mono', id: 'traffic', 'aria-label': 'Live traffic' });
  const trafficState = el('span', { class: 'muted' }, 'connecting…');
  const plotArea = el('section', { class: 'panel', id: 'plot-panel', hidden: true });
  const form = el('form', { class: 'command', onsubmit: e => { e.preventDefault(); run(input.value.includes('?') ? 'query' : 'write'); } },
    input, button('Query', 'query', true), button('Write', 'write'), button('Read', 'read'));
  main.append(
    el('h1', {}, el('a', { href: '#/' }, 'Instruments'), ' / ', el('span', { class: 'mono' }, name)),
    idn,
    el('div', { class: 'grid' },
      el('div', {},
        el('section', { class: 'panel' },
          el('h2', {}, 'Console'),
          form,
          el('p', { id: 'command-help', class: 'muted' }, 'Enter sends a query (with ?) or a write; ↑/↓ walk the history.'),
          el('div', { class: 'toolbar' },
            button('Error queue (SYST:ERR?)', 'errors'), button('Status byte', 'stb'), button('Device clear', 'clear'), button('Trigger', 'trigger'),
            el('label', {}, 'Timeout ', timeout, ' ms'),
            el('button', { type: 'button', onclick: () => log.replaceChildren() }, 'Clear log')),
          log),
        plotArea),
      el('section', { class: 'panel' }, el('h2', {}, 'Live traffic ', trafficState),
        el('p', { class: 'muted' }, 'Every client\'s messages to and from this instrument, over any transport.'), traffic)));

  input.addEventListener('keydown', e => {
    if (e.key === 'ArrowUp' && historyAt > 0) { historyAt--; input.value = history[historyAt]; e.preventDefault(); }
    else if (e.key === 'ArrowDown') { historyAt = Math.min(history.length, historyAt + 1); input.value = history[historyAt] ?? ''; e.preventDefault(); }
  });
  input.focus();

  request('/api/v1/instruments', { signal: stop.signal }).then(({ value }) => {
    const me = value.find(i => i.name.toLowerCase() === name.toLowerCase());
    if (!me) { idn.textContent = `This server serves no instrument named ${name}.`; idn.className = 'inline-error'; return; }
    idn.textContent = (me.idn || 'no *IDN? answer') + (me.reserved ? ' · reserved by a client' : '');
  }).catch(() => {});

  const remember = command => {
    if (command && history[history.length - 1] !== command) {
      history.push(command);
      while (history.length > HISTORY_LIMIT) history.shift();
      localStorage.setItem(historyKey, JSON.stringify(history));
    }
    historyAt = history.length;
  };

  const entry = (...children) => {
    const li = el('li', {}, ...children);
    log.append(li);
    while (log.children.length > LOG_LIMIT) log.firstChild.remove();
    li.scrollIntoView({ block: 'nearest' });
    return li;
  };
  const failed = (what, e) => entry(el('span', { class: 'sent' }, what), ' ', el('span', { class: 'error' }, `${e.visaStatus || 'error'}: ${e.message}`));
  const timed = ms => el('span', { class: 'timing' }, milliseconds(ms));

  const showBytes = (sent, bytes, ms) => {
    if (!looksBinary(bytes)) {
      entry(el('span', { class: 'sent' }, '> ' + sent), timed(ms), el('div', { class: 'reply' }, latin1(bytes).replace(/\r?\n$/, '')));
      return;
    }
    const block = blockData(bytes);
    const samples = block ?? bytes;
    const order = el('select', { 'aria-label': 'Byte order', 'data-byte-order': '' },
      el('option', { value: 'little' }, 'little-endian'),
      el('option', { value: 'big' }, 'big-endian'),
      el('option', { value: 'instrument' }, "instrument's (FORM:BORD?)"));
    const plotButtons = Object.keys(sampleTypes).map(type =>
      el('button', { type: 'button', 'data-plot': type, onclick: () => plotInOrder(sent, samples, type, order, li) }, type));
    const li = entry(el('span', { class: 'sent' }, '> ' + sent), timed(ms),
      el('div', { class: 'reply' }, `binary reply, ${summary(bytes)}` + (block ? ` (IEEE block of ${block.length} data bytes)` : '')),
      el('div', { class: 'toolbar' }, 'Plot as ', plotButtons, el('label', {}, 'byte order ', order)));
  };

  /** Plots in the chosen byte order; "instrument's" asks FORM:BORD? (NORMal is big-endian, SWAPped little-endian). */
  const plotInOrder = async (sent, samples, type, order, li) => {
    li.querySelector('.inline-error')?.remove();
    let bigEndian = order.value === 'big';
    if (order.value === 'instrument' && sampleTypes[type] > 1) {
      try {
        const { value } = await request(path + '/query', { method: 'POST', body: 'FORM:BORD?', as: 'text', timeoutMs: Number(timeout.value), signal: stop.signal });
        bigEndian = byteOrderOf(value);
      } catch (e) {
        if (e.name === 'AbortError') return;
        li.append(el('span', { class: 'inline-error' }, `Could not ask the byte order: ${e.message} Choose little- or big-endian.`));
        return;
      }
    }
    plotSamples(sent, samples, type, bigEndian);
  };

  let panel = null;
  const plotSamples = (sent, data, type, bigEndian) => {
    plotArea.hidden = false;
    panel?.stop();
    const order = sampleTypes[type] > 1 ? (bigEndian ? ', big-endian' : ', little-endian') : '';
    panel = plotPanel(plotArea, `${sent} as ${type}${order}`);
    // Repeating a console plot sends the same query again: the page shows what the instrument sends now.
    panel.show(async () => {
      if (panel.fresh) {
        const { value } = await request(path + '/query_binary', { method: 'POST', body: sent, as: 'bytes', timeoutMs: Number(timeout.value), signal: stop.signal });
        data = blockData(value) ?? value;
      }
      panel.fresh = true;
      return { x: null, y: decode(data, type, bigEndian), xUnit: '', yUnit: '', label: `${Math.floor(data.length / sampleTypes[type])} ${type} samples${order}` };
    });
  };

  async function run(action) {
    const command = input.value.trim();
    const timeoutMs = Number(timeout.value) || 5000;
    const post = (suffix, body, as) => request(path + suffix, { method: 'POST', body, as, timeoutMs, signal: stop.signal });
    try {
      if (action === 'query' || action === 'write') {
        if (!command) { input.focus(); return; }
        remember(command);
        input.value = '';
        if (action === 'write') {
          const { ms } = await post('/write', command, 'none');
          entry(el('span', { class: 'sent' }, '> ' + command), timed(ms), el('div', { class: 'muted' }, command.includes('?') ? 'written; its reply waits for Read' : 'written'));
        } else {
          // Asked as bytes so a binary reply is summarised rather than shown as garbage.
          const { value, ms } = await post('/query_binary', command, 'bytes');
          showBytes(command, value, ms);
        }
      } else if (action === 'read') {
        const { value, ms } = await post('/read', '', 'bytes');
        showBytes('(read)', value, ms);
      } else if (action === 'errors') {
        const errors = [];
        let total = 0;
        for (let i = 0; i < ERROR_QUEUE_LIMIT; i++) {
          const { value, ms } = await post('/query', 'SYST:ERR?', 'text');
          total += ms;
          errors.push(value.trim());
          if (/^[+]?0\s*,/.test(value.trim())) break;
        }
        entry(el('span', { class: 'sent' }, '> SYST:ERR? (until 0)'), timed(total), errors.map(e => el('div', { class: /^[+]?0\s*,/.test(e) ? 'reply' : 'error' }, e)));
      } else if (action === 'stb') {
        const { value, ms } = await request(path + '/stb', { timeoutMs, signal: stop.signal });
        entry(el('span', { class: 'sent' }, '> status byte'), timed(ms), el('div', { class: 'reply' }, `${value.stb} (0x${value.stb.toString(16).padStart(2, '0')}, bits ${value.stb.toString(2).padStart(8, '0')})`));
      } else if (action === 'clear' || action === 'trigger') {
        const { ms } = await (action === 'clear' ? post('/clear', '', 'none') : post('/trigger', '', 'none'));
        entry(el('span', { class: 'sent' }, '> ' + (action === 'clear' ? 'device clear' : 'trigger')), timed(ms), el('div', { class: 'muted' }, 'done'));
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
      failed('> ' + (command || action), e);
    }
  }

  streamEvents((kind, data) => {
    if (kind !== 'traffic' && kind !== 'srq') return;
    if ((data.instrument || '').toLowerCase() !== name.toLowerCase()) return;
    const li = kind === 'srq'
      ? el('li', {}, el('span', { class: 'dir' }, 'SRQ'), `status byte ${data.stb}`)
      : el('li', { 'data-transport': data.transport || 'server' }, el('span', { class: 'dir' }, data.direction === 'write' ? '→' : '←'),
          el('span', { class: 'who' }, data.transport ? `${data.transport} ${data.client}` : 'server'), data.message);
    li.prepend(el('span', { class: 'muted' }, new Date().toLocaleTimeString() + ' '));
    traffic.append(li);
    while (traffic.children.length > TRAFFIC_LIMIT) traffic.firstChild.remove();
    traffic.scrollTop = traffic.scrollHeight;
  }, stop.signal, state => { trafficState.textContent = state === 'open' ? '(live)' : state === 'error' ? '(reconnecting…)' : '(closed)'; });

  return () => { stop.abort(); panel?.stop(); };
}
