// Reminders on the phone (the home page's 签到提醒 card): the person turns them on once; the service worker
// (/app/sw.js) then shows what is due as a notification, asked on every visit and, where the phone allows it, by
// periodic background sync. Phones without notifications or service workers see the due time on the page only.
(function () {
  "use strict";
  var card = document.querySelector("[data-reminders]");
  if (!card) return;
  var status = card.querySelector("[data-reminder-status]");
  var button = card.querySelector("[data-reminder-enable]");
  var supported = "serviceWorker" in navigator && "Notification" in window;

  function say(text) { status.textContent = text; }

  function start() {
    return navigator.serviceWorker.register(card.dataset.worker, { scope: card.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        if (registration.periodicSync) {
          registration.periodicSync.register("sqjz-reminders", { minInterval: 3 * 60 * 60 * 1000 }).catch(function () {});
        }
        registration.active.postMessage({ type: "remind" });
        say("签到提醒已开启：有待签到或抽查时，手机会弹出通知。");
        card.dataset.enabled = "1";
      })
      .catch(function () { say("此手机浏览器无法开启提醒，请记住签到时间。"); });
  }

  if (!supported) { say("此手机浏览器不支持通知提醒，请记住签到时间。"); return; }
  if (Notification.permission === "granted") { start(); return; }
  if (Notification.permission === "denied") { say("通知已被关闭：如需提醒，请在手机设置中允许本网站发送通知。"); return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    Notification.requestPermission().then(function (answer) {
      if (answer === "granted") { button.hidden = true; start(); }
      else say("未允许通知，不会弹出提醒。");
    });
  });
})();
