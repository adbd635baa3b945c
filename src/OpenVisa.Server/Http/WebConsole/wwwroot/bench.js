// The bench view (ovisa serve --bench FILE): each instrument's parameters with value, unit, label, validator, safety
// limits and the age of the cached value; refresh, set through the driver (errors inline), the JSON snapshot, and
// an oscilloscope's waveform in volts against seconds.
import { request } from './api.js';
import { el, duration } from './dom.js';
import { plotPanel } from './plot.js';

export function benchPage(main) {
  const stop = new AbortController();
  const status = el('p', { class: 'muted', 'aria-live': 'polite' }, 'Asking the server for its bench…');
  const heading = el('h1', {}, 'Bench');
  const sections = el('div', {});
  const refreshAll = el('button', { type: 'button' }, 'Refresh all');
  const download = el('button', { type: 'button' }, 'Download snapshot (JSON)');
  const toolbar = el('div', { class: 'toolbar', hidden: true }, refreshAll, download);
  main.append(heading, toolbar, status, sections);
  const ages = new Set();
  const ticker = setInterval(() => { for (const update of ages) update(); }, 1000);
  const panels = [];

  request('/api/v1/bench', { signal: stop.signal }).then(({ value: bench }) => {
    heading.textContent = `Bench: ${bench.name || bench.file}`;
    status.textContent = `${bench.file}` + (bench.experiment ? ` · ${bench.experiment}` : '') +
      ` · ${bench.instruments.length} instrument${bench.instruments.length === 1 ? '' : 's'}`;
    toolbar.hidden = false;
    for (const failure of bench.failures) sections.append(el('p', { class: 'panel inline-error' }, `${failure.alias} did not open: ${failure.message}`));
    // A table of contents: a bench has many parameters, and the waveform sits below the scope's.
    sections.append(el('nav', { class: 'toolbar', 'aria-label': 'Bench instruments' }, 'Go to:',
      bench.instruments.map(i => el('a', { href: '#/bench', 'data-target': 'bench-' + i.alias, onclick: e => {
        e.preventDefault();
        document.getElementById(e.currentTarget.dataset.target)?.scrollIntoView();
      } }, i.alias + (i.oscilloscope ? ' (waveform)' : '')))));
    for (const instrument of bench.instruments) sections.append(instrumentSection(instrument, stop.signal, ages, panels));
  }).catch(e => {
    if (e.name === 'AbortError') return;
    status.className = 'inline-error';
    status.textContent = e.httpStatus === 404 ? e.message : 'Could not ask for the bench: ' + e.message;
  });

  refreshAll.addEventListener('click', () => { for (const b of sections.querySelectorAll('button[data-action=refresh]')) b.click(); });
  download.addEventListener('click', async () => {
    // fetch + a blob link rather than a plain link, so a required token is sent.
    download.disabled = true;
    try {
      const { value } = await request('/api/v1/bench/snapshot', { as: 'bytes', signal: stop.signal });
      const url = URL.createObjectURL(new Blob([value], { type: 'application/json' }));
      const a = el('a', { href: url, download: 'bench-snapshot.json', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      status.textContent = `Snapshot downloaded (${value.length} bytes).`;
      status.className = 'muted';
    } catch (e) {
      if (e.name === 'AbortError') return;
      status.textContent = 'The snapshot failed: ' + e.message;
      status.className = 'inline-error';
    } finally {
      download.disabled = false;
    }
  });
  return () => { stop.abort(); clearInterval(ticker); for (const p of panels) p.stop(); };
}

function instrumentSection(instrument, signal, ages, panels) {
  const alias = instrument.alias;
  const base = '/api/v1/bench/' + encodeURIComponent(alias);
  const body = el('tbody');
  const note = el('span', { class: 'muted', 'aria-live': 'polite' });
  const refresh = el('button', { type: 'button', 'data-action': 'refresh' }, 'Refresh');
  const section = el('section', { class: 'panel', id: 'bench-' + alias, 'data-alias': alias },
    el('h2', {}, alias, ' ', el('span', { class: 'muted' }, [instrument.driver, instrument.idn].filter(Boolean).join(' · '))),
    el('div', { class: 'toolbar' }, refresh,
      instrument.served ? el('a', { class: 'button', href: '#/instrument/' + encodeURIComponent(alias) }, 'Console') : null, note),
    el('table', { class: 'responsive parameters' },
      el('thead', {}, el('tr', {}, ['Parameter', 'Value', 'Validator and limits', 'Age', 'Set'].map(h => el('th', { scope: 'col' }, h)))),
      body));
  const rows = new Map();
  const show = parameters => {
    for (const p of parameters) {
      let row = rows.get(p.name);
      if (!row) { row = parameterRow(p, base, signal, ages); rows.set(p.name, row); body.append(row.tr); }
      row.update(p);
    }
  };
  show(instrument.parameters);
  refresh.addEventListener('click', async () => {
    refresh.disabled = true;
    note.textContent = 'reading every parameter…';
    note.className = 'muted';
    try {
      const { value, ms } = await request(base + '?refresh=true', { signal });
      show(value.parameters);
      const failed = value.parameters.filter(p => p.error).length;
      note.textContent = `read in ${Math.round(ms)} ms` + (failed ? `; ${failed} could not be read (see their rows)` : '');
    } catch (e) {
      if (e.name === 'AbortError') return;
      note.textContent = e.message;
      note.className = 'inline-error';
    } finally {
      refresh.disabled = false;
    }
  });
  if (instrument.oscilloscope) section.append(waveformSection(alias, base, instrument.oscilloscope.channels, signal, panels));
  return section;
}

function parameterRow(p, base, signal, ages) {
  const value = el('td', { 'data-label': 'Value', class: 'value mono' });
  const age = el('td', { 'data-label': 'Age', class: 'age num' });
  const limits = el('td', { 'data-label': 'Validator and limits', class: 'validator' });
  const setCell = el('td', { 'data-label': 'Set' });
  const tr = el('tr', { 'data-parameter': p.name },
    el('td', { 'data-label': 'Parameter' }, el('div', {}, p.label), el('code', { class: 'muted' }, p.name)),
    value, limits, age, setCell);
  let fetchedAt = null, ageAtFetch = null;
  const showAge = () => {
    age.textContent = ageAtFetch === null ? '—' : duration(ageAtFetch + (performance.now() - fetchedAt) / 1000);
  };
  ages.add(showAge);
  let input = null, message = null;
  if (p.settable) {
    const label = `New value of ${p.name}`;
    input = p.kind === 'boolean' || p.kind === 'choice'
      // A placeholder first, so an unknown state is never shown as (and sent as) the first choice, e.g. an output "true".
      ? el('select', { 'aria-label': label }, el('option', { value: '', disabled: true, selected: true }, 'choose…'),
        (p.kind === 'boolean' ? ['true', 'false'] : p.choices).map(c => el('option', { value: c }, c)))
      : el('input', { type: 'text', class: 'number mono', inputmode: p.kind === 'text' ? 'text' : 'decimal', 'aria-label': label });
    const button = el('button', { type: 'submit' }, 'Set');
    message = el('span', { class: 'inline-error', role: 'alert' });
    const form = el('form', { class: 'setter' }, input, p.unit ? el('span', { class: 'muted' }, p.unit) : null, button);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      button.disabled = true;
      message.textContent = '';
      message.className = 'inline-error';
      try {
        const { value: updated } = await request(base + '/parameters/' + encodeURIComponent(p.name), { method: 'POST', body: { value: input.value }, signal });
        row.update(updated);
        message.className = 'inline-ok';
        message.textContent = 'set';
      } catch (err) {
        if (err.name === 'AbortError') return;
        message.textContent = err.message;
        input.setAttribute('aria-invalid', 'true');
      } finally {
        button.disabled = false;
      }
    });
    input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
    setCell.append(form, message);
  } else {
    setCell.append(el('span', { class: 'muted' }, p.gettable ? 'read only' : '—'));
  }
  const row = {
    tr,
    update(q) {
      value.textContent = q.value === null ? '—' : q.value + (q.unit ? ' ' + q.unit : '');
      if (q.error) value.append(el('span', { class: 'inline-error' }, q.error));
      limits.replaceChildren(...[
        q.validator ? el('div', {}, q.validator) : null,
        q.safetyLimits ? el('div', {}, el('span', { class: 'tag locked' }, 'safety'), q.safetyLimits) : null].filter(Boolean));
      if (!limits.childNodes.length) limits.append(el('span', { class: 'muted' }, '—'));
      fetchedAt = performance.now();
      ageAtFetch = q.ageSeconds;
      showAge();
      if (input && q.value !== null && document.activeElement !== input && !input.getAttribute('aria-invalid')) input.value = q.value;
    },
  };
  return row;
}

function waveformSection(alias, base, channels, signal, panels) {
  const channel = el('select', { 'aria-label': `${alias} channel` },
    Array.from({ length: channels }, (_, i) => el('option', { value: String(i + 1) }, `Channel ${i + 1}`)));
  const fetchButton = el('button', { type: 'button', class: 'primary' }, 'Fetch waveform');
  const area = el('div', { class: 'waveform' });
  const wrapper = el('div', {}, el('h2', {}, 'Waveform'), el('div', { class: 'toolbar' }, channel, fetchButton), area);
  let panel = null;
  fetchButton.addEventListener('click', () => {
    panel?.stop();
    panel = plotPanel(area, `${alias} channel ${channel.value}`);
    panels.push(panel);
    const n = channel.value;
    panel.show(async () => {
      const { value: w } = await request(`${base}/waveform?channel=${n}`, { signal });
      const x = Float64Array.from(w.voltages, (_, i) => w.xOrigin + (i - w.xReference) * w.xIncrement);
      return { x, y: Float64Array.from(w.voltages), xUnit: w.xUnit, yUnit: w.yUnit, label: `channel ${w.channel}, ${w.voltages.length} points` };
    });
  });
  return wrapper;
}
