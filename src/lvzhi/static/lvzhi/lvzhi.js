// lvzhi page behaviour. The Content-Security-Policy allows no inline script, so every
// page's behaviour lives here and is bound by data attributes through event delegation.
(function () {
  "use strict";

  function csrfToken() {
    const field = document.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // <select data-autosubmit>: choosing a value submits its form (year pickers, scope).
  document.addEventListener("change", (event) => {
    const select = event.target.closest("[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });

  document.addEventListener("click", (event) => {
    // <button data-print>: print the page (duty record).
    if (event.target.closest("[data-print]")) {
      window.print();
      return;
    }
    // Attendance: "set every row to" a state.
    const setAll = event.target.closest("[data-set-all]");
    if (setAll) {
      const value = setAll.dataset.setAll;
      document
        .querySelectorAll("#attendance-rows input[type=radio]")
        .forEach((radio) => { if (radio.value === value) radio.checked = true; });
      return;
    }
    // <button data-formset-add="PREFIX">: one more row of a Django formset, from its
    // <template data-formset-template="PREFIX"> (the form's empty_form).
    const more = event.target.closest("[data-formset-add]");
    if (more) {
      addFormsetRow(more.dataset.formsetAdd, more.closest("form"));
      return;
    }
    // "Clean pasted text" under a long text field.
    const clean = event.target.closest("[data-clean-url]");
    if (clean) cleanText(clean);
  });

  // 相似记录 panel (data-similar-source="ID"): the text to compare is the field's current
  // value, added when htmx sends the request (hx-vals="js:…" would need eval).
  document.addEventListener("htmx:configRequest", (event) => {
    const source = event.detail.elt.dataset && event.detail.elt.dataset.similarSource;
    if (!source) return;
    const field = document.getElementById(source);
    event.detail.parameters.text = field ? field.value : "";
  });

  function addFormsetRow(prefix, form) {
    const total = form.querySelector(`[name="${prefix}-TOTAL_FORMS"]`);
    const max = form.querySelector(`[name="${prefix}-MAX_NUM_FORMS"]`);
    const template = form.querySelector(`template[data-formset-template="${prefix}"]`);
    const rows = form.querySelector(`[data-formset-rows="${prefix}"]`);
    const n = parseInt(total.value, 10);
    if (max && n >= parseInt(max.value, 10)) return;
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(n)));
    total.value = String(n + 1);
    const added = rows.lastElementChild.querySelector("textarea, input, select");
    if (added) added.focus();
  }

  function cleanText(button) {
    const area = document.getElementById(button.dataset.target);
    const status = button.nextElementSibling;
    const body = new FormData();
    body.append("text", area.value);
    // Forms file text as Chinese typesetting writes it (GB/T 15834): full-width ，；：（）.
    body.append("style", "cjk");
    fetch(button.dataset.cleanUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": csrfToken()},
    }).then((r) => r.json()).then((data) => {
      if (data.errors) { status.textContent = button.dataset.msgError; return; }
      area.value = data.text;
      const changed = Object.values(data.counts).reduce((a, b) => a + b, 0);
      let message = button.dataset.msgChanges + changed + ".";
      if (data.flags.length) {
        message += " " + data.flags.map((f) => f.message + " (" + f.line + ":" + f.column + ")").join(" ");
      }
      status.textContent = message;
    }).catch(() => { status.textContent = button.dataset.msgError; });
  }
})();
