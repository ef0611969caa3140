// The webhooks page: "Copy" beside the one-time secret. The button is rendered hidden and shown
// only where the clipboard can be written; without JavaScript the read-only field is there to
// select and copy by hand.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const said = document.querySelector(`[data-copy-said="${button.dataset.copy}"]`);
  if (!field || !navigator.clipboard || !window.isSecureContext) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      if (said) said.textContent = button.dataset.copied ?? '';
    } catch {
      field.focus();
      field.select();
      if (said) said.textContent = button.dataset.copyFailed ?? '';
    }
  });
}
// A tap on the field selects all of it (a secret is copied whole).
for (const field of document.querySelectorAll('input.secret-value')) field.addEventListener('focus', () => field.select());
