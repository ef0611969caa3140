// The campaign's mail as its first recipient reads it, redrawn as the draft's form is typed in:
// their language's own text when one is written, else the main one, `{name}` filled, a blank
// line starting a paragraph (as the sender makes it). Without JavaScript the page shows the
// same after saving, or after "Show recipients".
const preview = document.querySelector('#mail-preview[data-name]');
const form = document.querySelector('form[data-live-mail]');
if (preview && form) {
  const name = preview.dataset.name ?? '';
  const locale = preview.dataset.locale ?? '';
  const copy = preview.querySelector('.mail-copy');
  const subjectOut = preview.querySelector('.mail-subject-text');
  const paragraphsOut = preview.querySelector('.mail-paragraphs');
  const empty = preview.querySelector('.mail-empty');
  const typedNote = preview.querySelector('.typed-note');
  const value = (field) => {
    const input = form.elements.namedItem(field);
    return input && 'value' in input ? input.value.trim() : '';
  };
  const update = () => {
    const own = value(`subject_${locale}`) !== '' || value(`body_${locale}`) !== '';
    const subject = own ? value(`subject_${locale}`) : value('subject');
    const body = own ? value(`body_${locale}`) : value('body');
    const filled = subject !== '' && body !== '';
    if (copy) copy.hidden = !filled;
    if (empty) empty.hidden = filled;
    if (typedNote) typedNote.hidden = false;
    if (!filled || !subjectOut || !paragraphsOut) return;
    const personal = (text) => text.replaceAll('{name}', name);
    subjectOut.textContent = personal(subject);
    paragraphsOut.replaceChildren(
      ...personal(body)
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph) => {
          const p = document.createElement('p');
          p.textContent = paragraph;
          return p;
        }),
    );
  };
  form.addEventListener('input', update);
}
