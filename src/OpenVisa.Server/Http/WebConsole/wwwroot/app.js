// The console's pages, switched by the URL's #fragment: #/ (instruments), #/instrument/NAME (console), #/bench.
import { request, onConnectionProblem, setToken, token } from './api.js';
import { instrumentsPage } from './instruments.js';
import { consolePage } from './console.js';
import { benchPage } from './bench.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const tokenForm = document.getElementById('token-form');
let leave = null;

/** Shows a page-wide problem: the server gone, or a token needed (with the form to give it). */
onConnectionProblem(error => {
  if (!error) {
    if (!banner.hidden && banner.dataset.kind !== 'info') { banner.hidden = true; tokenForm.hidden = true; }
    return;
  }
  banner.className = '';
  banner.dataset.kind = error.httpStatus === 401 ? 'token' : 'gone';
  banner.textContent = error.httpStatus === 401
    ? (token() ? 'The token is wrong: ' : 'A token is required: ') + error.message
    : error.message;
  banner.hidden = false;
  tokenForm.hidden = error.httpStatus !== 401;
  if (error.httpStatus === 401) document.getElementById('token-input').focus();
  else retrySoon();
});

let retry = null;
/** While the server is gone, asks it every 5 s and shows the page again once it answers. */
function retrySoon() {
  if (retry) return;
  retry = setTimeout(async () => {
    retry = null;
    try {
      await request('/api/v1/server');
      route();
    } catch { /* the banner stays; the next failure schedules the next try */ }
  }, 5000);
}

tokenForm.addEventListener('submit', e => {
  e.preventDefault();
  setToken(document.getElementById('token-input').value.trim());
  document.getElementById('token-input').value = '';
  tokenForm.hidden = true;
  banner.hidden = true;
  route();
});

async function serverInfo() {
  try {
    const { value } = await request('/api/v1/server');
    document.getElementById('server-info').textContent = `${value.server} ${value.version || ''} · ${location.host}`;
  } catch { /* shown by the banner */ }
}

function route() {
  leave?.();
  leave = null;
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  let page = 'instruments';
  main.innerHTML = '';
  if (hash.startsWith('/instrument/')) {
    page = 'console';
    leave = consolePage(main, hash.slice('/instrument/'.length));
  } else if (hash === '/bench') {
    page = 'bench';
    leave = benchPage(main);
  } else {
    leave = instrumentsPage(main);
  }
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === page || (page === 'console' && a.dataset.nav === 'instruments')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  serverInfo();
}

window.addEventListener('hashchange', route);
route();
