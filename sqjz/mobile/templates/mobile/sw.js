// The phone pages' service worker: reminders of what is due (a check-in, a spot check's answer) as web notifications,
// with no third-party push service (the intranet has none). It asks the server when the phone lets it run: when a
// phone page asks it to (each visit), and on Chrome's periodic background sync where the phone allows it. A reminder
// shown is reported back once, so the office sees it beside a missed check-in.
"use strict";
var REMINDERS = "{% url 'api:reminder_list' %}";
var SHOWN = "{% url 'api:reminder_shown' %}";
var CHECKIN = "{% url 'mobile:checkin' %}";


function remind() {
  if (self.Notification && Notification.permission !== "granted") return Promise.resolve();
  var token = "";
  return fetch(REMINDERS, { credentials: "same-origin", cache: "no-store" })
    .then(function (response) {
      token = response.headers.get("X-CSRFToken") || "";
      return response.ok ? response.json() : [];
    })
    .then(function (due) {
      return Promise.all(due.filter(function (r) { return !r.shown; }).map(function (r) {
        return self.registration.showNotification(r.title, {
          body: r.body, tag: r.kind + r.due_by, data: { url: CHECKIN }, lang: "zh-CN", requireInteraction: true,
        }).then(function () {
          if (!token) return null;
          return fetch(SHOWN, {
            method: "POST", credentials: "same-origin",
            headers: { "X-CSRFToken": token },
            body: new URLSearchParams({ kind: r.kind, due_by: r.due_by }),
          });
        });
      }));
    })
    .catch(function () { /* offline: the next visit or sync asks again */ });
}

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });
self.addEventListener("message", function (event) {
  if (event.data && event.data.type === "remind") event.waitUntil(remind());
});
self.addEventListener("periodicsync", function (event) {
  if (event.tag === "sqjz-reminders") event.waitUntil(remind());
});
self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
