// The visual editor: a post's body as formatted text, right to left, usable with a thumb. It
// enhances the plain form: the textarea stays, hidden, and gets the editor's cleaned HTML
// (format=html) on every change, so saving, admin.js's copy in this browser and the preview see
// what the writer sees. Without this script the textarea is the editor. Cleaning here is for the
// writer's view; the server sanitizes every body again when it is saved.
"use strict";
(function () {
  var form = document.querySelector("form.editor[data-autosave]");
  var box = document.querySelector("[data-visual]");
  if (!form || !box || !form.elements.format || !window.DOMParser) return;
  var text = form.elements.body;
  var format = form.elements.format;
  var toVisual = document.querySelector("[data-to-visual]");
  var notice = document.querySelector("[data-visual-alert]");
  var area = box.querySelector("[contenteditable]");
  var toolbar = box.querySelector(".visual-toolbar");
  var linkButton = box.querySelector("[data-link-open]");
  var linkForm = box.querySelector("[data-link-form]");
  var linkInput = linkForm.querySelector("input");
  var embedButton = box.querySelector("[data-embed-open]");
  var embedForm = box.querySelector("[data-embed-form]");
  var embedInput = embedForm.querySelector("input");
  var status = document.querySelector("[data-visual-status]");
  var MODE = "minbar-editor-mode";
  // Cleaned content is built in a document of its own, which loads no image and runs nothing.
  var inert = document.implementation.createHTMLDocument("");
  // The last selection in the text, which the toolbar and the link form act on.
  var saved = null;

  // What the editor keeps, and what each holds: "inline" text, "flow" blocks (stray text becomes
  // a paragraph), "list" items (stray content becomes an item), "any" either.
  var KEEP = {
    P: "inline", H2: "inline", H3: "inline", STRONG: "inline", EM: "inline", A: "inline",
    FIGCAPTION: "inline", SMALL: "inline", BLOCKQUOTE: "flow", UL: "list", OL: "list", LI: "any", FIGURE: "any",
    BR: "", IMG: ""
  };
  var RENAME = { B: "STRONG", I: "EM", H1: "H2", H4: "H3", H5: "H3", H6: "H3" };
  var BLOCK = /^(P|H2|H3|BLOCKQUOTE|UL|OL|FIGURE)$/;
  // Dropped with what they hold (namespaced tags are Word's).
  var DROP = /^(SCRIPT|X-STYLE|STYLE|TEMPLATE|NOSCRIPT|I?FRAME|OBJECT|EMBED|SVG|MATH|HEAD|TITLE|META|LINK|BUTTON|SELECT|TEXTAREA|INPUT|CANVAS|VIDEO|AUDIO|XML)$|:/;
  // Unknown elements that run within a line; any other starts a paragraph of its own.
  var INLINE = /^(A|B|STRONG|I|EM|SPAN|FONT|BR|IMG|U|S|SMALL|MARK|CODE|SUB|SUP|ABBR|CITE|Q|TIME|DEL|INS|KBD|LABEL)$/;
  // What a saved body may hold that the visual editor would lose: such a body stays text.
  var LOST = /^(TABLE|PRE|CODE|HR|DL|DETAILS|DEL|S|SUB|SUP)$/;

  // A link as the editor keeps it: http(s), mailto or the site's own path; a typed bare domain
  // gets https://. Anything else (javascript:, data:, …) is null.
  function address(value, typed) {
    value = (value || "").trim();
    if (/^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+|\/(?!\/)[^\s<>"]*)$/i.test(value)) return value;
    if (typed && /^[^\s:/?#<>"]+\.[^\s:/?#<>"]+([/?#][^\s<>"]*)?$/.test(value)) return "https://" + value;
    return null;
  }

  function make(doc, tag) {
    var element = doc.createElement(tag);
    element.setAttribute("dir", "auto");
    return element;
  }

  function blank(node) {
    return !/\S/.test(node.textContent) && !(node.querySelector && node.querySelector("img"));
  }

  // Copies what the editor keeps of `from`'s children into `into`, an element of `doc`; returns
  // how many things it could not keep that a writer would miss.
  function clean(from, into, doc) {
    var lost = 0;
    function put(parent, node, name) {
      var model = KEEP[parent.tagName] || "flow";
      var wrapper = model === "flow" && !BLOCK.test(name) ? "P" : model === "list" && name !== "LI" ? "LI" : "";
      if (model === "inline" && BLOCK.test(name)) {
        while (node.firstChild) parent.appendChild(node.firstChild);
      } else if (!wrapper) {
        parent.auto = null;
        parent.appendChild(node);
      } else if (parent.auto || name || /\S/.test(node.data)) {
        parent.auto = parent.auto || parent.appendChild(make(doc, wrapper));
        parent.auto.appendChild(node);
      }
    }
    function copy(source, parent) {
      for (var node = source.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === 3) put(parent, doc.createTextNode(node.data), "");
        else if (node.nodeType === 1) element(node, parent);
      }
    }
    function element(node, parent) {
      var name = node.tagName.toUpperCase();
      var style = node.getAttribute("data-x-style") || "";
      if (DROP.test(name)) return;
      if (LOST.test(name)) lost++;
      name = RENAME[name] || name;
      // Word processors say bold and italic with styles; Google Docs wraps a whole copy in
      // <b style="font-weight:normal">.
      if (name === "STRONG" && /font-weight:\s*(normal|[1-5]00)/.test(style)) name = "SPAN";
      if (name === "SPAN") name = /font-weight:\s*(bold|[6-9]00)/.test(style) ? "STRONG" : /font-style:\s*italic/.test(style) ? "EM" : name;
      if ((name === "LI" && !/^[OU]L$/.test(parent.tagName)) || (name === "FIGCAPTION" && parent.tagName !== "FIGURE")) name = "P";
      if (!(name in KEEP) || (name === "A" && !address(node.getAttribute("href")))) {
        if (!INLINE.test(name)) parent.auto = null;
        copy(node, parent);
        if (!INLINE.test(name)) parent.auto = null;
        return;
      }
      var out = BLOCK.test(name) || name === "LI" || name === "FIGCAPTION" ? make(doc, name) : doc.createElement(name);
      if (name === "A") out.setAttribute("href", address(node.getAttribute("href")));
      if (name === "IMG") {
        var src = node.getAttribute("src") || "";
        if (!/^(https?:\/\/|\/media\/)/i.test(src)) {
          lost++;
          return;
        }
        out.setAttribute("src", src);
        out.setAttribute("alt", node.getAttribute("alt") || "");
      }
      copy(node, out);
      if (!KEEP[name] || !blank(out)) put(parent, out, name);
    }
    copy(from, into);
    return lost;
  }

  // Parses HTML with its style sheets, style attributes and event handlers renamed: Chrome checks
  // even a parsed document's against the page's CSP, and reports each as an error.
  function parse(html) {
    html = html.replace(/<(\/?)style\b/gi, "<$1x-style").replace(/<[a-z][^>]*>/gi, function (tag) {
      return tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, "$1data-x-$2$3");
    });
    return new DOMParser().parseFromString(html, "text/html").body;
  }

  function say(key) {
    notice.textContent = key ? notice.dataset[key] : "";
    notice.hidden = !key;
  }

  // What went well, said politely (a refusal is an alert: `say`).
  function tell(words) {
    status.textContent = words || "";
  }

  function remember(mode) {
    try { localStorage.setItem(MODE, mode); } catch (e) { /* not remembered */ }
  }

  // Every block gets dir="auto", so Arabic and Latin paragraphs each keep their direction; text
  // outside a block goes into a paragraph, and a paragraph holding blocks (Chrome makes a list
  // inside the paragraph it turns into one) gives way to them. Then the form gets the body.
  function changed() {
    var selection = getSelection();
    var at = selection.anchorNode;
    var offset = selection.anchorOffset;
    var moved = false;
    var p = null;
    [].forEach.call(area.querySelectorAll(":scope > :is(p, h2, h3)"), function (b) {
      if (!b.querySelector("p, h2, h3, ul, ol, blockquote, figure, div")) return;
      while (b.firstChild) area.insertBefore(b.firstChild, b);
      area.removeChild(b);
      moved = true;
    });
    [].slice.call(area.childNodes).forEach(function (node) {
      if (node.nodeType === 1 && !INLINE.test(node.tagName)) {
        p = null;
      } else if (p || node.nodeType === 1 || /\S/.test(node.data)) {
        p = p || area.insertBefore(make(document, "p"), node);
        p.appendChild(node);
        moved = true;
      }
    });
    if (moved && at && at !== area && area.contains(at)) selection.collapse(at, offset);
    [].forEach.call(area.querySelectorAll("p, h2, h3, blockquote, ul, ol, li, figure, figcaption, div"), function (b) {
      if (!b.hasAttribute("dir")) b.setAttribute("dir", "auto");
    });
    if (!area.firstElementChild) {
      area.textContent = "";
      area.appendChild(make(document, "p")).appendChild(document.createElement("br"));
    }
    var out = inert.createElement("div");
    clean(area, out, inert);
    text.value = [].map.call(out.children, function (b) { return b.outerHTML; }).join("\n");
    format.value = "html";
    text.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function show(visual) {
    box.hidden = !visual;
    document.querySelector("[data-text-body]").hidden = visual;
    toVisual.hidden = visual;
    // A hidden field cannot say it is empty: the server does, on save.
    text.required = !visual;
  }

  // Into the visual editor; a Markdown body is first rendered by the server, as on save. A body
  // the visual editor would lose part of stays text.
  function enter(chosen) {
    var body = text.value;
    var html = format.value === "html" || !/\S/.test(body) ? Promise.resolve(body) : fetch("/admin/preview", {
      method: "POST",
      redirect: "error",
      body: new URLSearchParams({ csrf: form.elements.csrf.value, body: body, format: "markdown" })
    }).then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); });
    html.then(function (html) {
      var out = document.createElement("div");
      if (text.value !== body) return show(false); // typed into meanwhile
      if (clean(parse(html), out, document)) {
        show(false);
        return say("unsupported");
      }
      area.textContent = "";
      while (out.firstChild) area.appendChild(out.firstChild);
      if (!area.firstChild) area.appendChild(make(document, "p")).appendChild(document.createElement("br"));
      say("");
      show(true);
      if (chosen) remember("visual");
    }, function () {
      show(false);
      say("unavailable");
    });
  }

  // The elements around the selection, by tag, nearest first.
  function within() {
    var tags = {};
    for (var node = saved && saved.commonAncestorContainer; node && node !== area; node = node.parentNode) {
      if (node.nodeType === 1 && !tags[node.tagName]) tags[node.tagName] = node;
    }
    return tags;
  }

  function restore() {
    area.focus();
    if (saved && area.contains(saved.startContainer)) {
      getSelection().removeAllRanges();
      getSelection().addRange(saved);
    }
  }

  function state() {
    var tags = within();
    [].forEach.call(toolbar.querySelectorAll("[aria-pressed]"), function (b) {
      var d = b.dataset;
      var on = d.block === "p" ? !(tags.H2 || tags.H3 || tags.BLOCKQUOTE || tags.LI)
        : d.block || d.list ? tags[(d.block || d.list).toUpperCase()]
        : d.inline ? document.queryCommandState(d.inline) : tags.A;
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function run(command, value) {
    restore();
    document.execCommand(command, false, value);
  }

  function closeLink() {
    linkForm.hidden = true;
    linkButton.setAttribute("aria-expanded", "false");
    restore();
  }

  // The typed address on the selected words (or on the link around the caret; empty: no link).
  function applyLink() {
    var value = linkInput.value.trim();
    var a = within().A;
    if (value && !address(value, true)) {
      say("link");
      return linkInput.focus();
    }
    say("");
    closeLink();
    if (a) {
      saved.selectNodeContents(a);
      restore();
    }
    if (value) run("createLink", address(value, true));
    else if (a) run("unlink");
  }

  // Asks the server, which holds the one rule, whether `url` is a post it embeds: the embed
  // ({service, name, url}) or null.
  function embeddable(url) {
    return fetch("/admin/embed.json?url=" + encodeURIComponent(url), {
      headers: { Accept: "application/json" },
      redirect: "error"
    }).then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (answer) { return answer.embed; });
  }

  function closeEmbed() {
    embedForm.hidden = true;
    embedButton.setAttribute("aria-expanded", "false");
    restore();
  }

  // The typed post's address, alone in a paragraph of its own, which the site shows as the
  // post's placeholder. Any other address is refused with the services that are embedded,
  // and stays typed.
  function applyEmbed() {
    var value = address(embedInput.value, true);
    var refuse = function () {
      say("embedUnknown");
      embedInput.focus();
    };
    if (!value || !/^https?:/i.test(value)) return refuse();
    embeddable(value).then(function (found) {
      if (!found) return refuse();
      say("");
      closeEmbed();
      var out = inert.createElement("div");
      var a = out.appendChild(make(inert, "p")).appendChild(inert.createElement("a"));
      a.setAttribute("href", found.url);
      a.textContent = found.url;
      out.appendChild(make(inert, "p")).appendChild(inert.createElement("br"));
      place(out);
      tell(found.name + ": " + status.dataset.embedAdded);
    }, function () {
      say("offline");
    });
  }

  // A little form's keys: Enter applies it (instead of sending the whole form), Escape closes.
  function keys(input, apply, close) {
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        apply();
      } else if (e.key === "Escape") {
        close();
      }
    });
  }

  // Puts cleaned content at the caret: inline content into its paragraph, blocks between the
  // halves of the block the caret splits. By hand, because Chrome's insertHTML wraps what it
  // inserts in styled spans, which the CSP refuses and reports.
  function place(out) {
    var nodes = [].slice.call(out.childNodes);
    var last = nodes[nodes.length - 1];
    var selection = getSelection();
    if (!last) return;
    if (!selection.rangeCount || !area.contains(selection.anchorNode)) restore();
    var range = selection.getRangeAt(0);
    var fragment = document.createDocumentFragment();
    range.deleteContents();
    nodes.forEach(function (node) { fragment.appendChild(document.adoptNode(node)); });
    if (!nodes.some(function (node) { return BLOCK.test(node.tagName); })) {
      range.insertNode(fragment);
      range.setStartAfter(last);
    } else {
      var top = range.startContainer;
      var halves = [];
      if (top === area) {
        top = area.childNodes[range.startOffset] || null;
      } else {
        while (top.parentNode !== area) top = top.parentNode;
        range.setEndAfter(top);
        halves = [top, range.extractContents().firstChild];
        top = area.insertBefore(halves[1], top.nextSibling);
      }
      area.insertBefore(fragment, top);
      halves.forEach(function (half) { if (half && blank(half)) area.removeChild(half); });
      range.selectNodeContents(last);
    }
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
    changed();
  }

  document.execCommand("defaultParagraphSeparator", false, "p");
  document.execCommand("styleWithCSS", false, false);

  area.addEventListener("input", function () {
    changed();
    state();
  });
  // Pasted content, cleaned; plain text of several lines becomes paragraphs. Over 1 MB, nothing.
  area.addEventListener("paste", function (e) {
    var html = e.clipboardData && e.clipboardData.getData("text/html");
    var plain = e.clipboardData && e.clipboardData.getData("text/plain");
    var out = inert.createElement("div");
    if (!html && !plain) return; // a file: not for this script
    e.preventDefault();
    if (new Blob([html || plain]).size > 1024 * 1024) return say("tooLarge");
    say("");
    if (html) {
      clean(parse(html), out, inert);
    } else if (/\n/.test(plain.trim())) {
      plain.split(/\r?\n/).forEach(function (line) {
        if (/\S/.test(line)) out.appendChild(make(inert, "p")).textContent = line;
      });
    } else {
      document.execCommand("insertText", false, plain);
      // An address alone on its line is shown to readers as an embed, if it is a post's.
      var block = getSelection().anchorNode;
      while (block && block.parentNode !== area) block = block.parentNode;
      if (block && /^https?:\/\/\S+$/i.test(plain.trim()) && block.textContent.trim() === plain.trim()) {
        embeddable(plain.trim()).then(function (found) {
          if (found) tell(found.name + ": " + status.dataset.embedPasted);
        }, function () { /* said when it is added from the toolbar */ });
      }
      return;
    }
    place(out);
  });
  // Joining a paragraph and a heading, Chrome keeps both looks with a styled span, which the CSP
  // refuses: such a join is made here.
  area.addEventListener("beforeinput", function (e) {
    var back = e.inputType === "deleteContentBackward";
    var selection = getSelection();
    if ((!back && e.inputType !== "deleteContentForward") || !selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    var block = range.startContainer;
    while (block && block.parentNode !== area) block = block.parentNode;
    var other = block && (back ? block.previousElementSibling : block.nextElementSibling);
    var pair = other ? block.tagName + " " + other.tagName : "";
    if (!/^(P|H2|H3) (P|H2|H3)$/.test(pair) || block.tagName === other.tagName) return;
    var edge = range.cloneRange();
    if (back) edge.setStart(block, 0);
    else edge.setEnd(block, block.childNodes.length);
    if (!blank(edge.cloneContents())) return;
    e.preventDefault();
    var first = back ? other : block;
    var second = back ? block : other;
    if (blank(first)) {
      area.removeChild(first);
      range.setStart(second, 0);
    } else {
      range.selectNodeContents(first);
      range.collapse(false);
      if (!blank(second)) while (second.firstChild) first.appendChild(second.firstChild);
      area.removeChild(second);
    }
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
    changed();
  });
  document.addEventListener("selectionchange", function () {
    var selection = getSelection();
    if (selection.rangeCount && area.contains(selection.anchorNode)) {
      saved = selection.getRangeAt(0).cloneRange();
      state();
    }
  });
  document.getElementById("visual-label").addEventListener("click", function () { area.focus(); });

  // The buttons act on the selection: pressing one must not take it away.
  toolbar.addEventListener("mousedown", function (e) {
    if (e.target.closest("[aria-pressed]")) e.preventDefault();
  });
  toolbar.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    var d = b ? b.dataset : {};
    var tags = within();
    if (d.block) {
      run("formatBlock", tags[d.block.toUpperCase()] && d.block !== "p" ? "p" : d.block);
    } else if (d.inline) {
      run(d.inline);
    } else if (d.list) {
      run(d.list === "ul" ? "insertUnorderedList" : "insertOrderedList");
    } else if (b === linkButton) {
      linkInput.value = tags.A ? tags.A.getAttribute("href") : "";
      linkForm.hidden = false;
      linkButton.setAttribute("aria-expanded", "true");
      linkInput.focus();
    } else if (b === embedButton) {
      embedForm.hidden = false;
      embedButton.setAttribute("aria-expanded", "true");
      embedInput.focus();
    } else if (b && "toText" in d) {
      say("");
      show(false);
      remember("text");
      text.focus();
    }
  });
  linkForm.querySelector("[data-link-apply]").addEventListener("click", applyLink);
  linkForm.querySelector("[data-link-cancel]").addEventListener("click", function () {
    say("");
    closeLink();
  });
  keys(linkInput, applyLink, closeLink);
  embedForm.querySelector("[data-embed-apply]").addEventListener("click", applyEmbed);
  embedForm.querySelector("[data-embed-cancel]").addEventListener("click", function () {
    say("");
    closeEmbed();
  });
  keys(embedInput, applyEmbed, closeEmbed);
  toVisual.querySelector("button").addEventListener("click", function () { enter(true); });

  // Photos: taken or chosen, uploaded with progress (again when the connection drops), then
  // placed at the caret as <figure><img><figcaption>caption <small>credit</small></figcaption>
  // </figure> once the writer has said what it shows; or chosen from earlier uploads, for the
  // text or as the post's cover.
  var file = box.querySelector("[data-photo-file]");
  var photo = box.querySelector("[data-photo-form]");
  var photoButton = box.querySelector("[data-photo-open]");
  var bar = photo.querySelector("[data-photo-progress]");
  var preview = photo.querySelector("[data-photo-preview]");
  var photoState = photo.querySelector("[data-photo-state]");
  var photoAlert = photo.querySelector("[data-photo-alert]");
  var fields = photo.querySelectorAll("input, textarea");
  var alt = fields[0], decorative = fields[1], caption = fields[2], credit = fields[3];
  var picker = box.querySelector("[data-media-picker]");
  var pickerButton = box.querySelector("[data-media-open]");
  var pickerState = picker.querySelector("[data-media-state]");
  var coverPreview = form.querySelector("[data-cover-preview]");
  var photoUrl = null; // the uploaded (or chosen) image's address, once there is one
  var waiting = null; // the upload waiting to be sent again, and its timer
  var wanted = false; // the writer asked to place the photo before its upload ended
  var refused = ""; // the server's words on why it refused the upload

  function photoSay(node, words) {
    node.textContent = words || "";
    if (node === photoAlert) node.hidden = !words;
  }

  function length(value) {
    return value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length;
  }

  function openPhoto(url) {
    alt.value = caption.value = credit.value = "";
    decorative.checked = alt.disabled = false;
    photoUrl = url;
    wanted = false;
    refused = "";
    preview.hidden = !url;
    if (url) preview.src = url;
    bar.hidden = !!url;
    bar.value = 0;
    photoSay(photoState, "");
    photoSay(photoAlert, "");
    photo.hidden = false;
    alt.focus();
  }

  function closePhoto() {
    photo.hidden = true;
    if (waiting) clearTimeout(waiting.timer);
    waiting = null;
    photoUrl = null;
    restore();
  }

  function send(chosen, attempt) {
    var request = new XMLHttpRequest();
    var data = new FormData();
    waiting = null;
    data.append("csrf", form.elements.csrf.value);
    data.append("file", chosen);
    request.open("POST", "/admin/media");
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.value = e.loaded / e.total;
    });
    request.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (e) { /* a page: refused */ }
      if (photo.hidden) return;
      if (request.status === 200 && answer.url) {
        bar.value = 1;
        photoUrl = preview.src = answer.url;
        preview.hidden = false;
        photoSay(photoState, photo.dataset.uploaded);
        if (wanted) insertPhoto();
      } else {
        var key = String(answer.error || "").replace(/-([a-z])/g, function (m, c) { return c.toUpperCase(); });
        refused = (key && photo.dataset[key]) || photo.dataset.failed;
        photoSay(photoState, "");
        photoSay(photoAlert, refused);
      }
    });
    // A dropped connection: again after 1, 2, 4 and 8 seconds, and as soon as it is back.
    request.addEventListener("error", function () {
      if (photo.hidden) return;
      waiting = { file: chosen, attempt: attempt + 1 };
      if (attempt < 4 && navigator.onLine !== false) {
        photoSay(photoState, photo.dataset.retrying);
        waiting.timer = setTimeout(function () { send(chosen, attempt + 1); }, 1000 * Math.pow(2, attempt));
      } else {
        photoSay(photoState, photo.dataset.offline);
      }
    });
    photoSay(photoState, photo.dataset.uploading);
    request.send(data);
  }

  addEventListener("online", function () {
    if (!waiting || photo.hidden) return;
    clearTimeout(waiting.timer);
    send(waiting.file, waiting.attempt);
  });

  // Checks what the writer said of the photo, and places it where the caret was.
  function insertPhoto() {
    var words = alt.value.trim();
    var problem = !words && !decorative.checked ? "altNeeded"
      : length(caption.value.trim()) > 1000 ? "captionLong"
      : length(credit.value.trim()) > 200 ? "creditLong" : "";
    photoSay(photoAlert, refused || (problem && photo.dataset[problem]));
    if (refused) return;
    if (problem) return (problem === "altNeeded" ? alt : problem === "captionLong" ? caption : credit).focus();
    if (!photoUrl) {
      wanted = true;
      photoSay(photoState, photo.dataset.uploading);
      if (waiting) { // given up on, or waiting: the writer's click is a try now
        clearTimeout(waiting.timer);
        send(waiting.file, waiting.attempt);
      }
      return;
    }
    var out = inert.createElement("div");
    var figure = out.appendChild(make(inert, "figure"));
    var img = figure.appendChild(inert.createElement("img"));
    img.setAttribute("src", photoUrl);
    img.setAttribute("alt", decorative.checked ? "" : words);
    if (caption.value.trim() || credit.value.trim()) {
      var under = figure.appendChild(make(inert, "figcaption"));
      under.textContent = caption.value.trim();
      if (credit.value.trim()) {
        if (caption.value.trim()) under.appendChild(inert.createTextNode(" "));
        under.appendChild(inert.createElement("small")).textContent = credit.value.trim();
      }
    }
    out.appendChild(make(inert, "p")).appendChild(inert.createElement("br"));
    photo.hidden = true;
    if (!saved || !area.contains(saved.startContainer)) {
      saved = document.createRange();
      saved.selectNodeContents(area);
      saved.collapse(false);
    }
    restore();
    place(out);
  }

  photoButton.addEventListener("click", function () {
    file.value = "";
    file.click();
  });
  file.addEventListener("change", function () {
    if (!file.files.length) return;
    openPhoto(null);
    send(file.files[0], 0);
  });
  decorative.addEventListener("change", function () {
    alt.disabled = decorative.checked;
  });
  photo.querySelector("[data-photo-insert]").addEventListener("click", insertPhoto);
  photo.querySelector("[data-photo-cancel]").addEventListener("click", closePhoto);
  photo.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closePhoto();
    else if (e.key === "Enter" && e.target.tagName === "INPUT") e.preventDefault(); // would send the form
  });

  function closePicker() {
    picker.hidden = true;
    pickerButton.setAttribute("aria-expanded", "false");
  }

  // The newest uploads, each with a button for the text and one for the cover.
  pickerButton.addEventListener("click", function () {
    var list = picker.querySelector("[data-media-list]");
    if (!picker.hidden) return closePicker();
    list.textContent = "";
    picker.hidden = false;
    pickerButton.setAttribute("aria-expanded", "true");
    picker.querySelector("h2").focus();
    fetch("/admin/media.json", { headers: { Accept: "application/json" }, redirect: "error" })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (answer) {
        pickerState.hidden = answer.items.length > 0;
        answer.items.forEach(function (item, i) {
          var li = list.appendChild(document.createElement("li"));
          var img = li.appendChild(document.createElement("img"));
          var size = li.appendChild(document.createElement("span"));
          img.src = item.thumb_url;
          img.alt = "";
          img.loading = "lazy";
          size.id = "visual-media-" + i;
          size.textContent = item.width + "×" + item.height;
          [["insert", function () {
            closePicker();
            openPhoto(item.url);
          }], ["cover", function () {
            form.elements.cover.value = item.name;
            form.elements.cover.dispatchEvent(new Event("input", { bubbles: true }));
            coverPreview.src = item.thumb_url;
            coverPreview.hidden = false;
            pickerState.hidden = false;
            pickerState.textContent = picker.dataset.coverSet;
          }]].forEach(function (pair) {
            var b = li.appendChild(document.createElement("button"));
            b.type = "button";
            b.textContent = picker.dataset[pair[0]];
            b.setAttribute("aria-describedby", size.id);
            b.dataset.media = pair[0];
            b.addEventListener("click", pair[1]);
          });
        });
      }, function () {
        pickerState.hidden = false;
        pickerState.textContent = picker.dataset.failed;
      });
  });
  // A cover typed by hand is shown once saved; the preview of another would mislead.
  form.elements.cover.addEventListener("input", function (e) {
    if (e.isTrusted) coverPreview.hidden = true;
  });
  picker.querySelector("[data-media-close]").addEventListener("click", function () {
    closePicker();
    pickerButton.focus();
  });

  var mode = null;
  try { mode = localStorage.getItem(MODE); } catch (e) { /* no storage: visual */ }
  if (mode === "text") show(false);
  else enter(false);
})();
