// Progressive enhancement only: every page works without this file.
// A form marked data-confirm asks in a dialog before an irreversible step (finalize, delete, 销号,
// resolving a flag); without JavaScript the server shows a confirmation page instead.
"use strict";
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
  if (form.querySelector('input[name="confirm"]')) return; // already confirmed
  // data-confirm-only="issue": only the button of that name is irreversible (saving a draft is not).
  const only = form.dataset.confirmOnly;
  if (only && !(event.submitter && event.submitter.name === only)) return;
  if (window.htmx && form.closest('[hx-boost="true"]')) return; // htmx asks (hx-confirm)
  event.preventDefault();
  if (!window.confirm(form.dataset.confirm)) return;
  const confirmed = document.createElement("input");
  confirmed.type = "hidden";
  confirmed.name = "confirm";
  confirmed.value = "yes";
  form.appendChild(confirmed);
  // Not from inside this submit event: a browser ignores a submission started while one fires.
  const submitter = event.submitter || undefined;
  window.setTimeout(function () {
    if (form.requestSubmit) form.requestSubmit(submitter);
    else form.submit();
  }, 0);
});
