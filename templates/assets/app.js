// Small progressive enhancement; every flow works without it.
document.documentElement.classList.add('js');
// A select marked data-autosubmit sends its form on change (the language switch).
for (const select of document.querySelectorAll('select[data-autosubmit]')) {
  select.addEventListener('change', () => select.form.requestSubmit());
  select.form.querySelector('button')?.classList.add('js-hide');
}
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
