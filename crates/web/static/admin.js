// The admin's script: a live preview, upload progress, and keeping unsaved text in this browser
// (so text typed when a session expired is there again after signing in). Everything works
// without it: the editor has a Preview button and the upload form posts normally.
"use strict";
(function () {
  var editor = document.querySelector("form.editor[data-autosave]");
  if (editor) {
    var key = "minbar-unsaved:" + editor.dataset.autosave;
    // The format (Markdown or the visual editor's HTML) travels with the body it describes.
    var fields = ["title", "body", "format", "labels"].map(function (name) {
      return editor.elements[name];
    }).filter(Boolean);
    var notice = document.querySelector("[data-restored]");

    // A page that just saved clears what was kept; otherwise kept text that differs from the
    // form's comes back, and the writer is told.
    if (/[?&](saved|restored)=1/.test(location.search)) {
      // Saved: what was kept for this post, and for the new-post form it came from, is done.
      localStorage.removeItem(key);
      localStorage.removeItem("minbar-unsaved:/admin/posts");
    } else {
      try {
        var kept = JSON.parse(localStorage.getItem(key) || "null");
        if (kept && fields.some(function (f) { return f.name !== "format" && kept[f.name] && kept[f.name] !== f.value; })) {
          fields.forEach(function (f) { if (kept[f.name] !== undefined) f.value = kept[f.name]; });
          if (notice) notice.hidden = false;
        }
      } catch (e) {
        localStorage.removeItem(key);
      }
    }
    function keep() {
      var value = {};
      fields.forEach(function (f) { value[f.name] = f.value; });
      try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full */ }
    }
    fields.forEach(function (f) { f.addEventListener("input", keep); });

    // Live preview: the server renders and sanitizes exactly as it will on save.
    var preview = document.querySelector("[data-live-preview]");
    var body = editor.elements.body;
    var timer = null;
    function refresh() {
      var data = new URLSearchParams();
      data.set("csrf", editor.elements.csrf.value);
      data.set("body", body.value);
      if (editor.elements.format) data.set("format", editor.elements.format.value);
      fetch("/admin/preview", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { preview.innerHTML = html; preview.parentElement.hidden = false; })
        .catch(function () { /* the Preview button still works */ });
    }
    if (preview && body) {
      body.addEventListener("input", function () {
        clearTimeout(timer);
        // The visual editor shows the text formatted already.
        if (document.querySelector("[data-visual]:not([hidden])")) return;
        timer = setTimeout(refresh, 400);
      });
    }
  }

  // Upload progress: the same form, sent with a progress bar, then the media page again.
  var upload = document.querySelector("form.upload");
  var bar = document.querySelector("progress.upload-progress");
  if (upload && bar && window.XMLHttpRequest && window.FormData) {
    upload.addEventListener("submit", function (event) {
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", upload.action);
      bar.hidden = false;
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = e.loaded / e.total;
      });
      request.addEventListener("load", function () {
        if (request.status === 200) {
          location.assign("/admin/media");
          return;
        }
        // Refused: show the page the server answered with, its message and the form.
        var answer = new DOMParser().parseFromString(request.responseText, "text/html");
        document.body.replaceWith(answer.body);
      });
      request.addEventListener("error", function () { upload.submit(); });
      request.send(new FormData(upload));
    });
  }
})();
