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

  // 相似记录 panel (data-similar-source="ID …"): the text to compare is the fields' current
  // values, added when htmx sends the request (hx-vals="js:…" would need eval); each is
  // also sent under its own name, so a record type's sections (case, suggestions) are
  // compared part with part.
  document.addEventListener("htmx:configRequest", (event) => {
    const source = event.detail.elt.dataset && event.detail.elt.dataset.similarSource;
    if (!source) return;
    const texts = [];
    for (const id of source.split(" ")) {
      const field = document.getElementById(id);
      if (!field) continue;
      texts.push(field.value);
      if (field.name) event.detail.parameters[field.name] = field.value;
    }
    event.detail.parameters.text = texts.join("\n");
  });

  // <select data-autocomplete-url>: a large set (members, enterprises, activities …) is
  // not listed on the page, which carries only the chosen options. A search box above the
  // select loads the records the user may see that match what is typed.
  function bindAutocomplete(select) {
    if (select.dataset.autocompleteBound) return;
    select.dataset.autocompleteBound = "1";
    const input = document.createElement("input");
    input.type = "search";
    input.autocomplete = "off";
    input.className = select.classList.contains("form-select-sm")
      ? "form-control form-control-sm mb-1" : "form-control mb-1";
    input.placeholder = select.dataset.autocompletePlaceholder || "";
    input.setAttribute("aria-label", input.placeholder);
    select.parentNode.insertBefore(input, select);
    let timer = null;
    let loaded = false;
    const load = () => loadOptions(select, input.value.trim());
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 250); });
    const first = () => { if (!loaded) { loaded = true; load(); } };
    input.addEventListener("focus", first);
    select.addEventListener("focus", first);
    // Enter in the search box searches; it does not submit the filter form.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); clearTimeout(timer); load(); }
    });
  }

  function loadOptions(select, words) {
    const url = new URL(select.dataset.autocompleteUrl, window.location.href);
    url.searchParams.set("q", words);
    fetch(url, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then((r) => r.json())
      .then((data) => {
        // Keep the empty option and the chosen ones; the rest are the new matches.
        Array.from(select.options).forEach((o) => { if (o.value && !o.selected) o.remove(); });
        const present = new Set(Array.from(select.options).map((o) => o.value));
        data.results.forEach((item) => {
          if (!present.has(String(item.id))) select.add(new Option(item.text, item.id));
        });
      })
      .catch(() => {});
  }

  function bindAutocompletes(root) {
    root.querySelectorAll("select[data-autocomplete-url]").forEach(bindAutocomplete);
  }
  // htmx:load fires for the page and for every fragment htmx puts in.
  document.addEventListener("htmx:load", (event) => bindAutocompletes(event.target));
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => bindAutocompletes(document));
  } else {
    bindAutocompletes(document);
  }

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
