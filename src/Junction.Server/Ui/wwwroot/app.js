// The Control Center's shell: hash router, session gate, navigation and top bar. Pages live in pages/*.js and
// export `render(root, ctx)`; see the module contract in the docs (docs/control-center.md).
import { currentSession, loadSession, signOut, ApiError } from './api.js';
import { h, clear, errorBox, notFound } from './dom.js';

/** Routes, most specific first. `page` is the module under pages/; `nav` is the navigation entry it lights up. */
const ROUTES = [
  { pattern: ['signin'], page: 'signin', public: true },
  { pattern: ['overview'], page: 'overview', nav: 'overview' },
  { pattern: ['tenants'], page: 'tenants', nav: 'tenants' },
  { pattern: ['tenants', ':id'], page: 'tenant', nav: 'tenants' },
  { pattern: ['requests'], page: 'requests', nav: 'requests' },
  { pattern: ['requests', ':tenant', ':requestId'], page: 'request', nav: 'requests' },
  { pattern: ['playground'], page: 'playground', nav: 'playground' },
  { pattern: ['catalog'], page: 'catalog', nav: 'catalog' },
  { pattern: ['audit'], page: 'audit', nav: 'audit' },
];

const NAV = [
  { id: 'overview', label: 'Overview', hash: '#/overview' },
  { id: 'tenants', label: 'Tenants', hash: '#/tenants' },
  { id: 'requests', label: 'Requests', hash: '#/requests' },
  { id: 'playground', label: 'Playground', hash: '#/playground' },
  { id: 'catalog', label: 'Catalog', hash: '#/catalog' },
  { id: 'audit', label: 'Audit', hash: '#/audit' },
];

const ROLE_NAMES = { admin: 'Platform admin', tenant_admin: 'Tenant admin', viewer: 'Viewer', member: 'Member' };

const app = document.getElementById('app');
let renderCount = 0;
let checkedSession = false;

/** Splits `#/a/b?x=1` into decoded path segments and the query. */
export function parseHash(hash) {
  const text = (hash || '').replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  const segments = path.split('/').filter(s => s.length > 0).map(s => {
    try { return decodeURIComponent(s); } catch { return s; }
  });
  return { segments, query };
}

/** The route a hash names, with its params; null when none matches. */
export function match(hash) {
  const { segments, query } = parseHash(hash);
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    const params = {};
    let ok = true;
    route.pattern.forEach((part, i) => {
      if (part.startsWith(':')) params[part.slice(1)] = segments[i];
      else if (part !== segments[i]) ok = false;
    });
    if (ok) return { route, params, query };
  }
  return { route: null, params: {}, query };
}

function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

async function render() {
  const token = ++renderCount;
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    history.replaceState(null, '', '#/overview');
  }

  if (!checkedSession) {
    try {
      await loadSession();
    } catch (error) {
      if (token !== renderCount) return;
      clear(app).appendChild(h('main', { class: 'standalone' }, h('h1', null, 'Junction Control Center'), errorBox(error)));
      return;
    }
    checkedSession = true;
    if (token !== renderCount) return;
  }

  const { route, params, query } = match(location.hash);
  const session = currentSession();
  if (!session && !route?.public) {
    const next = location.hash.startsWith('#/signin') ? '' : '?next=' + encodeURIComponent(location.hash);
    history.replaceState(null, '', '#/signin' + next);
    return render();
  }
  if (session && route?.page === 'signin') {
    history.replaceState(null, '', safeNext(query.get('next')));
    return render();
  }

  const main = h('main', { id: 'main', class: 'page', tabindex: '-1' });
  if (route?.public) {
    main.classList.add('standalone');
    clear(app).appendChild(main);
  } else {
    clear(app).appendChild(shell(session, route?.nav, main));
  }

  document.title = titleFor(route) + ' · Junction';
  if (!route) {
    main.appendChild(notFound());
    return;
  }

  const loading = h('p', { class: 'loading', 'aria-busy': 'true' }, 'Loading…');
  main.appendChild(loading);
  try {
    const module = await import(`./pages/${route.page}.js`);
    if (token !== renderCount) return;
    loading.remove();
    await module.render(main, { session, params, query, navigate });
  } catch (error) {
    if (token !== renderCount) return;
    clear(main);
    if (error instanceof ApiError && error.status === 401) return; // api.js already went to sign-in
    if (error instanceof ApiError && error.status === 404) {
      main.appendChild(notFound('Nothing here, or it is outside what this key may see.'));
    } else if (error instanceof ApiError) {
      main.appendChild(h('h1', { tabindex: '-1' }, titleFor(route)));
      main.appendChild(errorBox(error));
    } else {
      console.error(error);
      main.appendChild(h('h1', { tabindex: '-1' }, titleFor(route)));
      main.appendChild(errorBox(new Error('This page could not be loaded.')));
    }
  }

  if (token === renderCount) {
    const heading = main.querySelector('h1');
    if (heading && !main.contains(document.activeElement)) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
}

function shell(session, active, main) {
  const tenantLabel = session.role === 'admin' ? 'All tenants' : (session.tenant_name || session.tenant_id);
  const nav = h('nav', { class: 'sidebar', 'aria-label': 'Main' },
    h('a', { class: 'brand', href: '#/overview' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '⋈'), 'Junction'),
    h('ul', null, NAV.map(item => h('li', null,
      h('a', {
        href: navHash(item, session), 'data-testid': 'nav-' + item.id,
        'aria-current': item.id === active ? 'page' : null, class: item.id === active ? 'active' : null,
      }, navLabel(item, session))))));

  const top = h('header', { class: 'topbar' },
    h('a', { class: 'skip', href: '#main', onclick: e => { e.preventDefault(); main.focus(); } }, 'Skip to content'),
    h('div', { class: 'who' },
      h('span', { class: 'who-tenant', 'data-testid': 'session-tenant' }, tenantLabel),
      h('span', { class: 'badge badge-role', 'data-testid': 'session-role' }, ROLE_NAMES[session.role] || session.role),
      h('span', { class: 'who-key', title: 'Signed in with this key' }, session.key_prefix ? session.key_prefix + '…' : '')),
    h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'sign-out', onclick: onSignOut }, 'Sign out'));

  return h('div', { class: 'layout' }, nav, h('div', { class: 'content' }, top, main));
}

/** A tenant admin or viewer has one tenant: its nav entry goes straight to it. */
function navHash(item, session) {
  return item.id === 'tenants' && session.role !== 'admin' && session.tenant_id
    ? '#/tenants/' + encodeURIComponent(session.tenant_id)
    : item.hash;
}

function navLabel(item, session) {
  return item.id === 'tenants' && session.role !== 'admin' ? 'Tenant' : item.label;
}

async function onSignOut() {
  try {
    await signOut();
  } finally {
    navigate('#/signin');
  }
}

function titleFor(route) {
  if (!route) return 'Not found';
  const names = { signin: 'Sign in', tenant: 'Tenant', request: 'Request' };
  return names[route.page] || route.page.charAt(0).toUpperCase() + route.page.slice(1);
}

/** Only in-app hashes are followed after sign-in. */
function safeNext(next) {
  return next && next.startsWith('#/') && !next.startsWith('#/signin') ? next : '#/overview';
}

window.addEventListener('hashchange', render);
render();
