/* 协商知识库 — the reader's settings: 字号 (大/中/小) and 长者模式 (larger text, stronger contrast),
   remembered in this browser (localStorage "zx-reader"). Loaded from the header (partials/header.html)
   before the page's text, so a remembered setting applies before the first paint: it sets
   <html data-zx-size="large|small"> and <html data-zx-elder>, which docs/assets/zx-reader.css styles.
   The header's button opens a small panel of buttons whose aria-pressed tells the current choice.
   Also moves the phone contents (目录, partials/zx/toc-phone.html) below the document's header. */
(function () {
  "use strict";
  var KEY = "zx-reader";
  var SIZES = ["large", "medium", "small"];
  var root = document.documentElement;

  function read() {
    var saved = {};
    try {
      saved = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {};
    } catch (e) {
      saved = {};  /* storage blocked or a value not ours: the defaults */
    }
    return {
      size: SIZES.indexOf(saved.size) >= 0 ? saved.size : "medium",
      elder: saved.elder === true
    };
  }

  function write(settings) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(settings));
    } catch (e) {
      /* private mode without storage: the setting holds for this page only */
    }
  }

  function apply(settings) {
    if (settings.size === "medium") root.removeAttribute("data-zx-size");
    else root.setAttribute("data-zx-size", settings.size);
    if (settings.elder) root.setAttribute("data-zx-elder", "");
    else root.removeAttribute("data-zx-elder");
  }

  apply(read());

  function bind() {
    var box = document.querySelector("[data-zx-reader]");
    if (!box || box.getAttribute("data-zx-bound")) return;
    var toggle = box.querySelector("[data-zx-reader-toggle]");
    var panel = box.querySelector("[data-zx-reader-panel]");
    var sizes = box.querySelectorAll("[data-zx-size]");
    var elder = box.querySelector("[data-zx-elder]");
    box.setAttribute("data-zx-bound", "");

    function show(settings) {
      for (var i = 0; i < sizes.length; i++) {
        var on = sizes[i].getAttribute("data-zx-size") === settings.size;
        sizes[i].setAttribute("aria-pressed", on ? "true" : "false");
      }
      elder.setAttribute("aria-pressed", settings.elder ? "true" : "false");
    }

    function change(update) {
      var settings = read();
      if (update.size) settings.size = update.size;
      if (update.elder !== undefined) settings.elder = update.elder;
      write(settings);
      apply(settings);
      show(settings);
    }

    function open(yes) {
      panel.hidden = !yes;
      toggle.setAttribute("aria-expanded", yes ? "true" : "false");
    }

    toggle.addEventListener("click", function () {
      open(panel.hidden);
    });
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-zx-size")) change({ size: button.getAttribute("data-zx-size") });
      else if (button.hasAttribute("data-zx-elder")) change({ elder: button.getAttribute("aria-pressed") !== "true" });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        open(false);
        toggle.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !box.contains(event.target)) open(false);
    });
    /* Another tab changed the setting: follow it. */
    window.addEventListener("storage", function (event) {
      if (event.key === KEY) {
        apply(read());
        show(read());
      }
    });
    show(read());
    box.hidden = false;
  }

  /* 目录 for phones: rendered at the top of the content, moved below the document's header (title,
     metadata) so a reader meets the title first. Without this script it stays at the top. */
  function placeContents() {
    var contents = document.querySelector("[data-zx-toc-phone]");
    if (!contents) return;
    var article = contents.closest("article") || document;
    var after = article.querySelector(".zx-doc-header") || article.querySelector("h1");
    if (after && after.parentNode && after.compareDocumentPosition(contents) & Node.DOCUMENT_POSITION_PRECEDING) {
      after.parentNode.insertBefore(contents, after.nextSibling);
    }
  }

  function ready() {
    bind();
    placeContents();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
