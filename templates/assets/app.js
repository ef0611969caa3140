// Small progressive enhancement; every flow works without it.
document.documentElement.classList.add('js');
// A select marked data-autosubmit sends its form on change (the language switch).
for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form.requestSubmit());
  select.form.querySelector('button')?.classList.add('js-hide');
}
// Every form carries a one-time token (`_once`): a form sent twice is done once. The pages are
// never cached, so Back and Forward fetch a page again and the server renders new tokens;
// the first token each form had is kept with the history entry and put back, so sending the
// same form again after Back is still known as the same form. A form is known by its action,
// its hidden values (the client or booking it acts on) and its place among forms alike.
// A page that answers a posted form is left alone: writing its history entry would turn a
// reload into a plain fetch of the form's address, and the browser asks before posting again.
const FORM_TOKENS = 'formTokens';
function keepFirstTokens() {
  if (document.body.dataset.posted) return;
  const state = history.state && typeof history.state === 'object' ? history.state : {};
  const kept = { ...(state[FORM_TOKENS] ?? {}) };
  const seen = new Map();
  let added = false;
  for (const form of document.forms) {
    const field = form.querySelector('input[type=hidden][name=_once]');
    if (!field) continue;
    const hidden = [...form.querySelectorAll('input[type=hidden]')]
      .filter((input) => !['_csrf', '_once', 'idempotencyKey'].includes(input.name))
      .map((input) => `${input.name}=${input.value}`);
    const alike = `${form.getAttribute('action') ?? ''}?${hidden.join('&')}`;
    const n = (seen.get(alike) ?? 0) + 1;
    seen.set(alike, n);
    const key = `${alike}#${n}`;
    if (kept[key]) field.value = kept[key];
    else {
      kept[key] = field.value;
      added = true;
    }
  }
  if (added) history.replaceState({ ...state, [FORM_TOKENS]: kept }, '');
}
keepFirstTokens();
window.addEventListener('pageshow', keepFirstTokens);
// Right before a form goes, in case the browser filled its fields in after the page ran.
document.addEventListener('submit', keepFirstTokens, true);
// Forms marked data-confirm ask before doing something that cannot be undone.
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}
// Boarding taps (forms marked data-inplace) are sent in the background: the guide's list
// stays where it was; without JavaScript the same form posts and the page comes back.
for (const form of document.querySelectorAll('form[data-inplace]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const row = form.closest('[data-boarding]');
    const response = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), redirect: 'manual' });
    // The server answers a form with a redirect: an opaque one here means it was taken.
    if (response.type !== 'opaqueredirect' && !response.ok) return form.submit();
    if (row) {
      row.dataset.boarding = form.dataset.inplace;
      const state = row.querySelector('.state');
      if (state) state.textContent = form.dataset.word ?? '';
      // The stop's counts follow the marks on its rows.
      const section = row.closest('section');
      for (const badge of section?.querySelectorAll('[data-count]') ?? []) {
        const n = section.querySelectorAll(`[data-boarding="${badge.dataset.count}"]`).length;
        badge.textContent = (badge.dataset.template ?? '#').replace('#', String(n));
      }
    }
  });
}
