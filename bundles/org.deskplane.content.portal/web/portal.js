// Deskplane browser portal: talks to /api only, keeps the bearer token in sessionStorage (gone with the tab).
'use strict';

const API = '/api';
const TOKEN_KEY = 'deskplane.portal.token';
const USER_KEY = 'deskplane.portal.user';
const PREVIEW_BYTES = 64 * 1024;
const IMAGE_PREVIEW_LIMIT = 25 * 1024 * 1024;
const IMAGE_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  bmp: 'image/bmp', svg: 'image/svg+xml', ico: 'image/x-icon', avif: 'image/avif' };
const TEXT_EXTENSIONS = new Set(['txt', 'md', 'log', 'csv', 'tsv', 'json', 'xml', 'html', 'htm', 'css', 'js', 'ts',
  'java', 'py', 'sh', 'bat', 'ps1', 'ini', 'cfg', 'conf', 'properties', 'yaml', 'yml', 'toml', 'sql', 'c', 'h', 'cpp',
  'cs', 'go', 'rs', 'rb', 'pl', 'php', 'kt', 'gradle', 'svg', 'reg', 'inf', 'nfo', 'srt', 'tex', 'rtf']);

const $ = (id) => document.getElementById(id);

const state = { sources: [], source: null, path: '/', previewUrl: null, previewEntry: null };

// --- talking to the API -------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** fetch() below /api with the bearer token; a non-2xx answer becomes an ApiError built from problem+json. */
async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (token()) headers.set('Authorization', `Bearer ${token()}`);
  let response;
  try {
    response = await fetch(API + path, { ...options, headers });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached', e.message);
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

async function problemOf(response) {
  let title = `${response.status} ${response.statusText || 'Error'}`.trim();
  let detail = '';
  try {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      const problem = await response.json();
      title = problem.title || title;
      detail = problem.detail || '';
    } else {
      detail = (await response.text()).slice(0, 300);
    }
  } catch (e) {
    // the body was not readable: the status line says enough
  }
  if (response.status === 429 && response.headers.get('Retry-After')) {
    detail = `${detail} Try again in ${response.headers.get('Retry-After')} s.`.trim();
  }
  return new ApiError(response.status, title, detail);
}

function sourceUrl(what, path) {
  return `/profile/sources/${encodeURIComponent(state.source.id)}/${what}?path=${encodeURIComponent(path)}`;
}

// --- messages -----------------------------------------------------------------------------------------------

function showError(error) {
  if (error instanceof ApiError && error.status === 401 && token()) {
    signedOut('Your session has ended: please sign in again.');
    return;
  }
  $('error-title').textContent = error.title || 'Something went wrong';
  $('error-detail').textContent = error.detail !== undefined ? error.detail : (error.message || String(error));
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

/** Runs an action with a busy note; any error ends up in the error banner. */
async function guarded(note, action) {
  clearError();
  $('busy').textContent = note;
  $('busy').hidden = false;
  try {
    return await action();
  } catch (e) {
    showError(e);
    return undefined;
  } finally {
    $('busy').hidden = true;
  }
}

// --- views --------------------------------------------------------------------------------------------------

function show(view) {
  for (const id of ['login-view', 'sources-view', 'browser-view', 'preview-view']) {
    $(id).hidden = id !== view;
  }
  const signedIn = view !== 'login-view';
  $('logout').hidden = !signedIn;
  $('who').hidden = !signedIn;
  $('who').textContent = sessionStorage.getItem(USER_KEY) || '';
  window.scrollTo(0, 0);
}

function signedOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
  state.source = null;
  show('login-view');
  if (message) showError({ title: 'Signed out', detail: message });
  $('username').focus();
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// --- sign in / out ------------------------------------------------------------------------------------------

async function login(event) {
  event.preventDefault();
  const username = $('username').value.trim();
  const password = $('password').value;
  await guarded('Signing in…', async () => {
    const response = await api('/auth/login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password })
    });
    const session = await response.json();
    sessionStorage.setItem(TOKEN_KEY, session.token);
    sessionStorage.setItem(USER_KEY, session.username || username);
    $('password').value = '';
    await loadSources();
  });
}

async function logout() {
  await guarded('Signing out…', async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      signedOut();
    }
  });
}

// --- data sources -------------------------------------------------------------------------------------------

async function loadSources() {
  const response = await api('/profile/sources');
  state.sources = await response.json();
  const list = $('sources');
  list.replaceChildren(...state.sources.map(sourceItem));
  $('sources-empty').hidden = state.sources.length > 0;
  show('sources-view');
}

function sourceItem(source) {
  const meta = [source.kind, source.backend, source.writable ? 'writable' : 'read-only'].filter(Boolean).join(' · ');
  return element('li', { className: 'source', dataset: { id: source.id } },
    element('button', { type: 'button', className: 'open', onclick: () => openSource(source) },
      element('span', { className: 'name' }, source.name || source.id, ' ',
        source.state ? element('span', { className: 'state' }, source.state) : null),
      element('span', { className: 'meta' }, meta),
      source.note ? element('span', { className: 'meta note' }, source.note) : null));
}

async function openSource(source) {
  state.source = source;
  $('source-name').textContent = source.name || source.id;
  $('source-note').textContent = [source.state, source.note].filter(Boolean).join(' — ');
  $('source-note').hidden = !source.note;
  $('upload-label').hidden = !source.writable;
  await openFolder('/');
}

// --- folders ------------------------------------------------------------------------------------------------

async function openFolder(path) {
  await guarded('Loading…', async () => {
    const response = await api(sourceUrl('entries', path));
    const entries = await response.json();
    state.path = path;
    entries.sort((a, b) => (a.type === 'DIRECTORY') === (b.type === 'DIRECTORY')
      ? a.name.localeCompare(b.name) : (a.type === 'DIRECTORY' ? -1 : 1));
    renderBreadcrumbs(path);
    $('entries').replaceChildren(...entries.map(entryItem));
    $('folder-empty').hidden = entries.length > 0;
    show('browser-view');
  });
}

function renderBreadcrumbs(path) {
  const parts = path.split('/').filter(Boolean);
  const crumbs = [element('button', { type: 'button', onclick: () => openFolder('/') }, state.source.name || 'Top')];
  parts.forEach((part, i) => {
    const target = '/' + parts.slice(0, i + 1).join('/');
    crumbs.push(element('span', { className: 'sep', 'aria-hidden': 'true' }, '/'));
    crumbs.push(element('button', { type: 'button', onclick: () => openFolder(target) }, part));
  });
  crumbs[crumbs.length - 1].setAttribute('aria-current', 'page');
  $('breadcrumbs').replaceChildren(...crumbs);
}

function entryItem(entry) {
  const folder = entry.type === 'DIRECTORY';
  const meta = folder ? 'Folder' : [formatSize(entry.size), formatDate(entry.modified)].filter(Boolean).join(' · ');
  const linkNote = entry.type === 'SYMLINK' && entry.linkTarget ? ` → ${entry.linkTarget}` : '';
  return element('li', { className: 'entry', dataset: { path: entry.path, type: entry.type } },
    element('button', { type: 'button', className: 'open',
      onclick: () => (folder ? openFolder(entry.path) : openPreview(entry)) },
      element('span', { className: 'name' }, typeBadge(entry), entry.name + linkNote),
      element('span', { className: 'meta' }, meta)),
    element('button', { type: 'button', className: 'side download', title: `Download ${entry.name}`,
      'aria-label': `Download ${entry.name}`, onclick: () => download(entry) }, '⬇'));
}

/** A small drawn badge instead of emoji: phones and servers without an emoji font show them as boxes. */
function typeBadge(entry) {
  if (entry.type === 'DIRECTORY') return element('span', { className: 'badge folder', 'aria-hidden': 'true' });
  const ext = extension(entry.name).slice(0, 4);
  return element('span', { className: 'badge file', 'aria-hidden': 'true' }, ext || '·');
}

function formatSize(size) {
  if (size === null || size === undefined || size < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${size} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return isNaN(date) ? '' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function extension(name) {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

// --- preview ------------------------------------------------------------------------------------------------

async function openPreview(entry) {
  releasePreview();
  state.previewEntry = entry;
  $('preview-name').textContent = entry.name;
  $('preview-text').hidden = true;
  $('preview-image').hidden = true;
  $('preview-note').hidden = true;
  show('preview-view');
  const ext = extension(entry.name);
  await guarded('Loading preview…', async () => {
    if (IMAGE_TYPES[ext] && entry.size <= IMAGE_PREVIEW_LIMIT) {
      const response = await api(sourceUrl('content', entry.path));
      const blob = new Blob([await response.blob()], { type: IMAGE_TYPES[ext] });
      state.previewUrl = URL.createObjectURL(blob);
      $('preview-image').alt = entry.name;
      $('preview-image').src = state.previewUrl;
      $('preview-image').hidden = false;
      return;
    }
    if (entry.size === 0) {
      previewNote('The file is empty.');
      return;
    }
    const response = await api(sourceUrl('content', entry.path), { headers: { Range: `bytes=0-${PREVIEW_BYTES - 1}` } });
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!TEXT_EXTENSIONS.has(ext) && looksBinary(bytes)) {
      previewNote('No preview for this kind of file: download it instead.');
      return;
    }
    // a cut in the middle of a multi-byte character shows as one replacement character at the end: harmless
    $('preview-text').textContent = new TextDecoder('utf-8').decode(bytes);
    $('preview-text').hidden = false;
    if (entry.size > bytes.length) {
      previewNote(`Showing the first ${formatSize(bytes.length)} of ${formatSize(entry.size)}.`);
    }
  });
}

function looksBinary(bytes) {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > sample.length / 20;
}

function previewNote(text) {
  $('preview-note').textContent = text;
  $('preview-note').hidden = false;
}

function releasePreview() {
  if (state.previewUrl) URL.revokeObjectURL(state.previewUrl);
  state.previewUrl = null;
  $('preview-image').removeAttribute('src');
}

function closePreview() {
  releasePreview();
  state.previewEntry = null;
  show('browser-view');
}

// --- downloads and uploads ----------------------------------------------------------------------------------

/** Downloads need the bearer header, so the file is fetched as a blob and saved through an object URL. */
async function download(entry) {
  const folder = entry.type === 'DIRECTORY';
  const name = folder ? `${entry.name || state.source.name || 'folder'}.zip` : entry.name;
  await guarded(`Downloading ${name}…`, async () => {
    const response = await api(sourceUrl(folder ? 'zip' : 'content', entry.path));
    saveBlob(await response.blob(), name);
  });
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = element('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken its own reference once the download started
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function upload() {
  const files = Array.from($('upload-input').files);
  $('upload-input').value = '';
  if (files.length === 0) return;
  const folder = state.path;
  const uploaded = await guarded(`Uploading ${files.length} file(s)…`, async () => {
    for (const file of files) {
      const target = (folder.endsWith('/') ? folder : folder + '/') + file.name;
      await api(sourceUrl('content', target), {
        method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: file
      });
    }
    return true;
  });
  if (uploaded) await openFolder(folder);
}

// --- wiring -------------------------------------------------------------------------------------------------

function start() {
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('error-close').addEventListener('click', clearError);
  $('back-to-sources').addEventListener('click', () => guarded('Loading…', loadSources));
  $('download-folder').addEventListener('click', () => {
    const name = state.path === '/' ? '' : state.path.slice(state.path.lastIndexOf('/') + 1);
    download({ type: 'DIRECTORY', name, path: state.path });
  });
  $('upload-input').addEventListener('change', upload);
  $('close-preview').addEventListener('click', closePreview);
  $('preview-download').addEventListener('click', () => state.previewEntry && download(state.previewEntry));
  if (token()) {
    guarded('Loading…', loadSources).then(() => {
      if ($('sources-view').hidden && $('login-view').hidden) signedOut();
    });
  } else {
    show('login-view');
  }
}

start();
