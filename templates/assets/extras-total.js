// The public booking form's total as the client ticks extras: the seats (each named traveller in
// their category, the others at the first price) and every extra ticked. Only a guide: the
// booking's page shows the price the agency's desk computed, and without JavaScript the form
// says so and books the same.
for (const form of document.querySelectorAll('form[data-live-total]')) {
  const out = form.querySelector('.extras-total');
  if (!out) continue;
  const words = out.dataset.totalWords ?? '{total}';
  const money = new Intl.NumberFormat(form.dataset.intl || document.documentElement.lang, { style: 'currency', currency: form.dataset.currency });
  const scale = 10 ** Number(form.dataset.digits ?? 2);
  const firstPrice = Number(form.dataset.price ?? 0);
  const update = () => {
    let total = 0;
    let named = 0;
    for (const row of form.querySelectorAll('fieldset.client-traveller')) {
      const filled = [...row.querySelectorAll('input[type=text], input:not([type]), input[type=date]')].some((input) => input.value.trim() !== '') || row.querySelector('input[type=checkbox]:checked');
      if (!filled) continue;
      named += 1;
      const option = row.querySelector('select option:checked');
      total += option?.dataset.price ? Number(option.dataset.price) : firstPrice;
    }
    const seats = Math.max(Number(form.querySelector('select[name=seats]')?.value ?? 1) || 1, named);
    total += (seats - named) * firstPrice;
    for (const box of form.querySelectorAll('input[type=checkbox][data-extra-price]:checked')) total += Number(box.dataset.extraPrice);
    out.textContent = words.replace('{total}', money.format(total / scale));
    out.hidden = false;
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
}
