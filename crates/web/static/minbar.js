// Minbar's only script: progressive enhancements. Every feature works without it.
"use strict";
(function () {
  // Copy link: shown only where the browser can write to the clipboard.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = button.dataset.done;
      });
    });
  });

  // The device's own share sheet, where there is one.
  document.querySelectorAll("button[data-share-url]").forEach(function (button) {
    if (!navigator.share) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl }).catch(function () {});
    });
  });

  // Comment tabs. The outside provider's frame is created on the first click only, so nothing
  // is requested from it until the reader asks.
  var tablist = document.querySelector(".comments [role=tablist]");
  if (!tablist) return;
  tablist.hidden = false;
  var tabs = Array.prototype.slice.call(tablist.querySelectorAll("[role=tab]"));
  function select(tab) {
    tabs.forEach(function (other) {
      var selected = other === tab;
      other.setAttribute("aria-selected", selected ? "true" : "false");
      other.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      panel.hidden = !selected;
      if (selected && panel.dataset.outsideSrc && !panel.querySelector("iframe")) {
        var frame = document.createElement("iframe");
        frame.src = panel.dataset.outsideSrc;
        frame.className = "panel-frame";
        frame.title = tab.textContent;
        frame.loading = "lazy";
        panel.appendChild(frame);
      }
    });
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { select(tab); });
    tab.addEventListener("keydown", function (event) {
      var step = { ArrowLeft: 1, ArrowRight: -1 }[event.key];
      if (document.dir !== "rtl" && step) step = -step;
      if (!step) return;
      var next = tabs[(index + step + tabs.length) % tabs.length];
      next.focus();
      select(next);
    });
  });
})();
