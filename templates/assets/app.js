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
