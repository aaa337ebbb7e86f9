// Loaded in <head>, before the page is drawn: large-text mode (app.js toggles it) applies without a flash of small
// text. A file, not an inline script, so that the Content-Security-Policy needs no 'unsafe-inline' (decision 0015).
if (localStorage.getItem("sqjz-large-text") === "1") document.documentElement.classList.add("large-text");
