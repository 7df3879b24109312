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

    // Autosave: a few seconds after the writer stops, the form goes to the server (a draft
    // or a post in review is saved at the version the form started from; a published one is
    // kept here until its writer saves). Offline, the text waits here and goes when the
    // connection returns; a newer save by someone else stops autosaving and says so.
    var autosaveUrl = editor.dataset.autosaveUrl;
    var presence = document.querySelector("[data-presence]");
    var note = document.querySelector("[data-autosave-status]");
    var pending = false, sending = false, stopped = false, wait = null;
    function say(text) { if (note) note.textContent = text; }
    function autosave() {
      if (!pending || sending || stopped || !autosaveUrl) return;
      if (!navigator.onLine) { say(note.dataset.offline); return; }
      pending = false;
      sending = true;
      var data = new URLSearchParams();
      new FormData(editor).forEach(function (value, name) {
        if (typeof value === "string") data.append(name, value);
      });
      data.set("action", "autosave");
      fetch(autosaveUrl, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (j) { return { status: r.status, j: j }; });
        })
        .then(function (answer) {
          sending = false;
          var j = answer.j;
          if (answer.status === 200 && j.version !== undefined) {
            if (editor.elements.version) editor.elements.version.value = j.version;
            if (j.edit_url) {
              // The first autosave made the post: the form now saves it, not a new one.
              editor.action = j.edit_url.replace(/\/edit$/, "");
              autosaveUrl = j.autosave_url;
              history.replaceState(null, "", j.edit_url);
              if (presence) {
                presence.dataset.presence = j.edit_url.replace(/\/edit$/, "/presence");
                beat();
              }
            }
            say(note.dataset.saved + " " + j.saved_at);
          } else if (answer.status === 202) {
            say(note.dataset.kept);
          } else if (answer.status === 409) {
            stopped = true;
            say(j.message || note.dataset.failed);
          } else {
            say(j.message || note.dataset.failed);
          }
          if (pending) schedule();
        })
        .catch(function () {
          // The connection dropped: the text is kept here and goes again when it returns.
          sending = false;
          pending = true;
          say(note.dataset.offline);
        });
    }
    function schedule() {
      pending = true;
      clearTimeout(wait);
      wait = setTimeout(autosave, 2500);
    }
    fields.forEach(function (f) { f.addEventListener("input", schedule); });
    window.addEventListener("online", autosave);

    // Presence: every 15 seconds the open editor says so, and hears who else has the post open
    // (a new story once its first autosave made it).
    function beat() {
      if (!presence || !presence.dataset.presence || !navigator.onLine) return;
      var data = new URLSearchParams();
      data.set("csrf", editor.elements.csrf.value);
      fetch(presence.dataset.presence, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (j) {
          presence.hidden = !j.others.length;
          presence.textContent = j.others.length ? presence.dataset.others + " " + j.others.join("، ") : "";
        })
        .catch(function () { /* the next beat tries again */ });
    }
    if (presence) {
      beat();
      setInterval(beat, 15000);
    }

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
