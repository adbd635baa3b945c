// Small helpers to build elements without a framework; text always goes in as text, never as HTML.

/** el('td', {class: 'num', 'data-label': 'IDN'}, 'text', child, …) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** How long ago an ISO time or Date was, for ages and leases: "3 s", "2 min". */
export function duration(seconds) {
  seconds = Math.round(seconds);
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

export function milliseconds(ms) { return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`; }
