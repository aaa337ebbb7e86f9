// The phone check-in form: gets the phone's position, shrinks the photo before upload (4G data), and lets
// the form be sent once both are ready. Without JavaScript nothing can be sent: the position is required.
(function () {
  "use strict";
  var form = document.querySelector("form[data-checkin]");
  if (!form) return;
  var status = form.querySelector("[data-location-status]");
  var submit = form.querySelector("[data-submit]");
  var photo = form.elements.photo;
  var preview = form.querySelector("[data-preview]");
  var MAX_SIDE = 1280;
  var shrinking = false;  // the photo is being made smaller: wait, or the large original would be sent

  function ready() {
    submit.disabled = shrinking || !(form.elements.latitude.value && photo.files.length);
  }

  function locate() {
    if (!navigator.geolocation) {
      status.textContent = "此浏览器无法定位，请使用手机自带浏览器或微信打开。";
      return;
    }
    status.textContent = "正在获取位置…";
    navigator.geolocation.getCurrentPosition(function (p) {
      form.elements.latitude.value = p.coords.latitude.toFixed(6);
      form.elements.longitude.value = p.coords.longitude.toFixed(6);
      form.elements.accuracy.value = Math.round(p.coords.accuracy);
      status.textContent = "已获取位置（精度约" + form.elements.accuracy.value + "米）";
      ready();
    }, function (error) {
      status.textContent = error.code === 1
        ? "定位被拒绝：请在手机设置中允许浏览器使用位置信息，然后点“重新定位”。"
        : "暂时无法获取位置，请到开阔处后点“重新定位”。";
      ready();
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  }

  function show(file) {
    preview.src = URL.createObjectURL(file);
    preview.hidden = false;
  }

  photo.addEventListener("change", function () {
    var file = photo.files[0];
    if (!file) { ready(); return; }
    show(file);
    if (!window.DataTransfer || !window.HTMLCanvasElement) { ready(); return; }
    shrinking = true;
    ready();
    function done() { shrinking = false; ready(); }
    var image = new Image();
    image.onerror = done;
    image.onload = function () {
      var scale = Math.min(1, MAX_SIDE / Math.max(image.width, image.height));
      if (scale === 1 && file.size < 500 * 1024) { done(); return; }
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(image.width * scale);
      canvas.height = Math.round(image.height * scale);
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (blob && blob.size < file.size) {
          var transfer = new DataTransfer();
          transfer.items.add(new File([blob], "checkin.jpg", { type: "image/jpeg" }));
          photo.files = transfer.files;
        }
        done();
      }, "image/jpeg", 0.85);
    };
    image.src = preview.src;
  });

  form.querySelector("[data-locate]").addEventListener("click", locate);
  form.addEventListener("submit", function () {
    submit.disabled = true;
    submit.textContent = "正在提交…";
  });
  locate();
})();
