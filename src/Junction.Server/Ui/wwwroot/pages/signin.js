// Sign-in: an admin, tenant-admin or viewer key is exchanged once for an HttpOnly session cookie.
import { signIn, ApiError } from '../api.js';
import { h, errorBox } from '../dom.js';

export async function render(root, ctx) {
  const input = h('input', {
    id: 'signin-key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'jk_…', required: true, 'data-testid': 'signin-key', 'aria-describedby': 'signin-help',
  });
  const button = h('button', { type: 'submit', class: 'btn', 'data-testid': 'signin-submit' }, 'Sign in');
  const errors = h('div', { 'aria-live': 'assertive' });

  const form = h('form', { class: 'signin', 'data-testid': 'signin-form', onsubmit: submit },
    h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '⋈'),
    h('h1', { tabindex: '-1' }, 'Junction Control Center'),
    h('p', { class: 'subtitle', id: 'signin-help' }, 'Sign in with an admin, tenant-admin or viewer API key. The key is sent once; the browser keeps only a session cookie.'),
    errors,
    h('div', { class: 'field' }, h('label', { for: 'signin-key' }, 'API key'), input),
    button);
  root.appendChild(form);
  input.focus();

  async function submit(event) {
    event.preventDefault();
    errors.replaceChildren();
    const key = input.value.trim();
    if (!key) {
      errors.appendChild(errorBox({ detail: 'Enter an API key.' }));
      return;
    }
    button.disabled = true;
    try {
      await signIn(key);
      input.value = '';
      // The router sends a signed-in visitor of #/signin on to `next` (or the overview).
      ctx.navigate(location.hash);
    } catch (error) {
      input.value = '';
      errors.appendChild(errorBox(error instanceof ApiError && error.status === 401
        ? { status: 401, detail: 'That key is unknown, revoked or expired.' }
        : error instanceof ApiError && error.status === 403
          ? { status: 403, detail: error.detail || 'This key may not sign in to the Control Center.' }
          : error));
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } finally {
      button.disabled = false;
    }
  }
}
