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
  // is requested from it until the reader asks. Set up again whenever the comments are redrawn.
  function setupTabs() {
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
  }
  setupTabs();

  // Replies: the form moves under the comment answered, instead of a page load; "cancel" puts
  // it back. Without JavaScript the reply link loads the page with the form set to reply.
  var formHome = null;
  function replyTo(link) {
    var form = document.getElementById("comment-form");
    if (!form) return;
    if (!formHome) {
      formHome = document.createComment("comment-form");
      form.parentNode.insertBefore(formHome, form);
    }
    form.elements.parent.value = link.dataset.reply;
    var replying = form.querySelector(".replying");
    replying.hidden = false;
    replying.querySelector("[data-replying]").textContent = link.dataset.replyLabel;
    link.closest("li").appendChild(form);
    form.elements.body.focus();
  }
  function cancelReply() {
    var form = document.getElementById("comment-form");
    if (!form) return;
    form.elements.parent.value = "";
    form.querySelector(".replying").hidden = true;
    if (formHome && formHome.parentNode) formHome.parentNode.insertBefore(form, formHome);
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var reply = target.closest("a[data-reply]");
    if (reply) {
      event.preventDefault();
      replyTo(reply);
      return;
    }
    if (target.closest("a[data-cancel-reply]")) {
      event.preventDefault();
      cancelReply();
    }
  });

  // Sending a comment without leaving the page: the form is posted as it would be without
  // JavaScript, and the comments are redrawn from the page the server answers with (the new
  // comment, the notice, or the reason it was refused with the text kept). When the answer is
  // not a post page (a refusal before the page, or no connection) the form stays as typed.
  function showProblem(form, text) {
    var problem = form.querySelector(".form-error");
    if (!problem) {
      problem = document.createElement("p");
      problem.className = "form-error";
      problem.setAttribute("role", "alert");
      form.insertBefore(problem, form.querySelector("input"));
    }
    problem.textContent = text;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-enhance]")) return;
    if (!window.fetch || !window.DOMParser || !window.URLSearchParams) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin"
    }).then(function (response) {
      return response.text().then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("comments");
        if (!fresh) {
          var reason = page.querySelector("main p");
          showProblem(form, reason ? reason.textContent : form.dataset.failed);
          button.disabled = false;
          return;
        }
        document.getElementById("comments").replaceWith(document.adoptNode(fresh));
        formHome = null;
        if (response.redirected) history.replaceState(null, "", response.url);
        setupTabs();
        var message = fresh.querySelector("[role=status], [role=alert]");
        if (message) {
          message.tabIndex = -1;
          message.focus();
        }
      });
    }).catch(function () {
      showProblem(form, form.dataset.failed);
      button.disabled = false;
    });
  });

  // Embeds: a placeholder names the service and links to the post; nothing is requested from
  // the service until the reader presses the button, which frames the site's own /embed/ page
  // (whose policy allows that one service).
  var loadLabel = document.getElementById("embed-load");
  document.querySelectorAll("figure.embed[data-embed]").forEach(function (figure) {
    if (!loadLabel) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "embed-load";
    button.textContent = loadLabel.textContent;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = figure.dataset.embed;
      frame.title = figure.querySelector("figcaption").textContent;
      frame.setAttribute("allowfullscreen", "");
      figure.insertBefore(frame, figure.firstChild);
      button.remove();
    });
    figure.appendChild(button);
  });
})();
