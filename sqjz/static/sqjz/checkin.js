// The phone check-in form: gets the phone's position, shows the photo, and lets the form be sent once both are
// ready and the photo has been made smaller (mobile.js, data-shrink). Without JavaScript nothing can be sent: the
// position is required.
(function () {
  "use strict";
  var form = document.querySelector("form[data-checkin]");
  if (!form) return;
  var status = form.querySelector("[data-location-status]");
  var submit = form.querySelector("[data-submit]");
  var photo = form.elements.photo;
  var preview = form.querySelector("[data-preview]");

  function ready() {
    // While the photo is being made smaller, wait: or the large original would be sent.
    var shrinking = photo.dataset.shrinking !== undefined;
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

  photo.addEventListener("change", function () {
    var file = photo.files[0];
    // The file's own time, before mobile.js makes the photo smaller (a new file): a camera photo is seconds old, one
    // picked from the gallery may be days old, and the officer is told (checkin_concerns).
    form.elements.photo_taken_at.value = file && file.lastModified ? String(file.lastModified) : "";
    if (file) {
      if (preview.src) URL.revokeObjectURL(preview.src);
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
    }
    ready();
  });
  form.addEventListener("sqjz:photo-busy", ready);
  form.addEventListener("sqjz:photo-ready", ready);

  form.querySelector("[data-locate]").addEventListener("click", locate);
  form.addEventListener("submit", function () {
    submit.disabled = true;
    submit.textContent = "正在提交…";
  });
  locate();
})();
