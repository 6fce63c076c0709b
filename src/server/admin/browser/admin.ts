/**
 * /admin/assets/admin.js, on every dashboard page: select-all checkboxes, confirmation prompts and a "busy" label for
 * slow actions (retrain). Event delegation on the document, so it needs no per-page set-up and works on any form
 * the server renders with the data attributes below.
 */

/** `<input type="checkbox" data-select-all="ids">` ticks or clears every checkbox named "ids". */
function onChange(e: Event): void {
  const box = e.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.selectAll) return;
  const name = CSS.escape(box.dataset.selectAll);
  document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${name}"]`).forEach((c) => {
    c.checked = box.checked;
  });
}

/** `data-confirm="question"` asks first; `data-busy="label"` disables the submit button and shows the label. */
function onSubmit(e: SubmitEvent): void {
  const form = e.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
    return;
  }
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (form.dataset.busy && button) {
    button.disabled = true;
    button.textContent = form.dataset.busy;
  }
}

document.addEventListener('change', onChange);
document.addEventListener('submit', onSubmit);
