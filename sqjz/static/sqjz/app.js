// Small behaviours shared by every page: large-text mode, unsaved-change guard, session drafts.
(function () {
  "use strict";

  // A button marked data-use-position="latitude-id longitude-id" fills the two fields with the device's position.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-position]");
    if (!button || !navigator.geolocation) return;
    var ids = button.getAttribute("data-use-position").split(" ");
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById(ids[0]).value = p.coords.latitude.toFixed(6);
      document.getElementById(ids[1]).value = p.coords.longitude.toFixed(6);
      button.disabled = false;
    }, function () {
      button.disabled = false;
      window.alert("无法取得当前位置，请在浏览器中允许定位，或手工填写。");
    }, { enableHighAccuracy: true, timeout: 15000 });
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-large-text-toggle]")) return;
    var on = document.documentElement.classList.toggle("large-text");
    localStorage.setItem("sqjz-large-text", on ? "1" : "0");
  });

  // Forms marked data-guard ask before the page is left with unsaved changes, and keep a draft in
  // sessionStorage (gone when the tab closes) so that an expired session or a closed tab loses nothing.
  // Fields marked data-no-draft (identity and phone numbers) are never written to the draft.
  function draftKey(name) { return "sqjz-draft:" + name; }

  // Drafts and htmx's history cache (copies of pages in localStorage) belong to the user who was signed in: they are
  // forgotten when that user signs out (form[data-sign-out]) and when another user signs in in this tab (the page's
  // meta sqjz-user differs from the drafts' owner). The same user signing in again after the session expired finds
  // the drafts.
  function forgetTheUsersTraces() {
    Object.keys(sessionStorage).forEach(function (key) {
      if (key.indexOf("sqjz-draft") === 0) sessionStorage.removeItem(key);
    });
    localStorage.removeItem("htmx-history-cache");
  }
  var signedIn = document.querySelector("meta[name=sqjz-user]");
  if (signedIn) {
    var owner = sessionStorage.getItem("sqjz-draft-owner");
    if (owner && owner !== signedIn.content) forgetTheUsersTraces();
    sessionStorage.setItem("sqjz-draft-owner", signedIn.content);
  }
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[data-sign-out]")) forgetTheUsersTraces();
  });

  // A page reached after a successful save names the drafts it made obsolete.
  document.querySelectorAll("meta[name=sqjz-clear-draft]").forEach(function (meta) {
    sessionStorage.removeItem(draftKey(meta.content));
  });

  document.querySelectorAll("form[data-guard]").forEach(function (form) {
    var dirty = false;
    var key = draftKey(form.dataset.guard);
    var saved = sessionStorage.getItem(key);
    if (saved && !form.querySelector(".is-invalid")) {
      var values = JSON.parse(saved);
      var restored = false;
      Object.keys(values).forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (!field || field.type === "hidden" || field.dataset.noDraft !== undefined) return;
        if (field.type === "checkbox") { field.checked = values[name] === "on"; } else { field.value = values[name]; }
        restored = true;
      });
      if (restored) {
        var note = form.querySelector("[data-draft-note]");
        if (note) note.hidden = false;
        dirty = true;
      }
    }
    form.addEventListener("input", function () {
      dirty = true;
      var values = {};
      new FormData(form).forEach(function (value, name) {
        var field = form.elements.namedItem(name);
        if (field && field.dataset && field.dataset.noDraft !== undefined) return;
        if (name !== "csrfmiddlewaretoken" && typeof value === "string") values[name] = value;
      });
      sessionStorage.setItem(key, JSON.stringify(values));
    });
    // The draft outlives the submit: if the session has expired the officer logs in again and finds it.
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) { event.preventDefault(); event.returnValue = ""; }
    });
    var discard = form.querySelector("[data-draft-discard]");
    if (discard) discard.addEventListener("click", function () { sessionStorage.removeItem(key); dirty = false; location.reload(); });
  });
})();

// A select with data-filter-target shows only the rows (li/tr with data-kind) of the chosen kind.
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-filter-target]");
  if (!select) return;
  document.querySelectorAll(`${select.dataset.filterTarget} [data-kind]`).forEach((row) => {
    row.hidden = Boolean(select.value) && row.dataset.kind !== select.value;
  });
});

// A form that failed validation ({% error_summary %}): the focus moves to the summary, so that a screen reader
// reads what went wrong; each link takes the officer to the field to fix (opening a collapsed section first).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.querySelectorAll("a[href^='#']").forEach(function (link) {
    if (!document.getElementById(link.hash.slice(1))) link.replaceWith(link.textContent);
  });
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    var section = field.closest("details");
    if (section) section.open = true;
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  });
})();

// htmx results (e.g. the register's search as the officer types): the new count is read out through the page's
// polite live region ([data-live-region]), from the swapped content's [data-announce] element.
document.addEventListener("htmx:afterSettle", (event) => {
  const region = document.querySelector("[data-live-region]");
  const news = event.detail.target.querySelector("[data-announce]");
  if (region && news) region.textContent = news.textContent.replace(/\s+/g, " ").trim();
});
