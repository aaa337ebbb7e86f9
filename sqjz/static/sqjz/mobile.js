// The supervisee's phone pages: the menu closes on a tap elsewhere or with Escape; photos are made smaller before
// upload (4G data, and the server takes at most 5 MB); a form is sent once.
(function () {
  "use strict";

  var menu = document.querySelector("details[data-menu]");
  if (menu) {
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }

  function announce(input, name) {
    input.dispatchEvent(new CustomEvent(name, { bubbles: true }));
  }

  // input[type=file][data-shrink=N]: a photo longer than N pixels on its longer side, or over 500 KB, is redrawn as
  // a JPEG of at most N pixels. While that runs the input carries data-shrinking ("sqjz:photo-busy"); when it is
  // done "sqjz:photo-ready" is sent. Where the browser cannot do it, the original is sent.
  function shrink(input) {
    var file = input.files[0];
    var side = parseInt(input.dataset.shrink, 10);
    if (!file || !side || !window.DataTransfer || !window.HTMLCanvasElement) return;
    if (file.type && file.type.indexOf("image/") !== 0) return;
    input.dataset.shrinking = "1";
    announce(input, "sqjz:photo-busy");
    function done() {
      delete input.dataset.shrinking;
      announce(input, "sqjz:photo-ready");
    }
    var url = URL.createObjectURL(file);
    var image = new Image();
    image.onerror = function () { URL.revokeObjectURL(url); done(); };
    image.onload = function () {
      URL.revokeObjectURL(url);
      var scale = Math.min(1, side / Math.max(image.width, image.height));
      if (scale === 1 && file.size < 500 * 1024) { done(); return; }
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(image.width * scale);
      canvas.height = Math.round(image.height * scale);
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (blob && blob.size < file.size) {
          var transfer = new DataTransfer();
          transfer.items.add(new File([blob], "photo.jpg", { type: "image/jpeg" }));
          input.files = transfer.files;
        }
        done();
      }, "image/jpeg", 0.85);
    };
    image.src = url;
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type=file][data-shrink]")) shrink(event.target);
  });

  // form[data-submit-once]: the button waits while a photo is made smaller, and is not pressed twice on a slow
  // connection (a second application would be refused while the first awaits its decision).
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    var buttons = form.querySelectorAll("button[type=submit]");
    function busy(on) { buttons.forEach(function (button) { button.disabled = on; }); }
    form.addEventListener("sqjz:photo-busy", function () { busy(true); });
    form.addEventListener("sqjz:photo-ready", function () { busy(false); });
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent || form.querySelector("[data-shrinking]")) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      busy(true);
      buttons.forEach(function (button) { button.textContent = "正在提交…"; });
    });
  });
})();
