/* 协商知识库 — site search: Pagefind's Default UI in a dialog opened from the header.
 * The Pagefind bundle (pagefind-ui.js/css, the chunked index) lives in <site root>/pagefind/ and is
 * loaded on first use only. Keys: "/" or Ctrl/⌘-K open the search, Esc closes it, ↑/↓ move through
 * the results and Enter opens one. The query is kept for the tab (sessionStorage), so it survives
 * closing the dialog and moving to another page; results can be sorted by date (data-pagefind-sort);
 * a result opened from the search highlights the query on its page (Pagefind's highlight script).
 * A sharded build has one bundle per shard (data-zx-bundles: pagefind pagefind-2 …): the UI loads the
 * hub's and merges the others with Pagefind's multisite search (mergeIndex), filters included. */
(function () {
  "use strict";
  var dialog = document.getElementById("zx-search");
  if (!dialog || typeof dialog.showModal !== "function") return;

  // base_url is relative ("../.."); resolve it so the site works under any path.
  var root = new URL((dialog.getAttribute("data-zx-base") || ".") + "/", location.href);
  var bundles = (dialog.getAttribute("data-zx-bundles") || "pagefind").split(/\s+/).filter(function (name) {
    return /^pagefind(-[0-9]+)?$/.test(name);  // bundle folders only, never a URL from elsewhere
  });
  var bundle = new URL((bundles[0] || "pagefind") + "/", root).pathname;
  function merged() {  // fresh objects each time: Pagefind's UI deletes bundlePath from them
    return bundles.slice(1).map(function (name) {
      return { bundlePath: new URL(name + "/", root).pathname, baseUrl: root.pathname };
    });
  }
  var ORDER = ["类别", "年份", "单位", "专题"];
  var ui = null;
  var loading = null;
  var QUERY_KEY = "zx-search-query";
  var HIGHLIGHT = "highlight";
  var sortSelect = dialog.querySelector("[data-zx-search-sort]");

  function saved() {
    try { return sessionStorage.getItem(QUERY_KEY) || ""; } catch (e) { return ""; }
  }
  function save(query) {
    try { sessionStorage.setItem(QUERY_KEY, query); } catch (e) { /* storage off: nothing kept */ }
  }

  function createUI() {
    var order = sortSelect && sortSelect.value;
    ui = new window.PagefindUI({
      element: "#zx-search-ui",
      bundlePath: bundle,
      baseUrl: root.pathname,
      mergeIndex: merged(),
      highlightParam: HIGHLIGHT,
      showImages: false,
      showSubResults: true,
      showEmptyFilters: false,
      excerptLength: 36,
      sort: order ? { date: order } : null,
      // Wide screens show 类别 and 年份 open beside the results; phones keep the four filters
      // folded above the results so the results stay in view.
      openFilters: window.matchMedia("(min-width: 45em)").matches ? ["类别", "年份"] : [],
      translations: { placeholder: "搜索文档，如：提案、乡村振兴、营商环境" }
    });
  }

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = bundle + "pagefind-ui.css";
        document.head.appendChild(css);
        var script = document.createElement("script");
        script.src = bundle + "pagefind-ui.js";
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function () {
        createUI();
        orderFilters();
      }).catch(function () {
        loading = null;
        document.getElementById("zx-search-ui").textContent = "搜索索引没有加载成功（本地预览请用 make serve）。";
      });
    }
    return loading;
  }

  // Pagefind lists filters by name (专题, 单位, 年份, 类别); show them as 类别, 年份, 单位, 专题.
  function orderFilters() {
    var container = document.getElementById("zx-search-ui");
    var apply = function () {
      container.querySelectorAll(".pagefind-ui__filter-block").forEach(function (block) {
        var name = block.querySelector(".pagefind-ui__filter-name");
        var rank = name ? ORDER.indexOf(name.textContent.trim()) : -1;
        block.style.order = String(rank < 0 ? ORDER.length : rank);
      });
    };
    new MutationObserver(apply).observe(container, { childList: true, subtree: true });
    apply();
  }

  function input() {
    return dialog.querySelector(".pagefind-ui__search-input");
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    document.documentElement.classList.add("zx-search-open");
    load().then(function () {
      var field = input();
      var query = saved();
      if (field && !field.value && query) ui.triggerSearch(query);  // the query of an earlier page
      if (field) { field.focus(); field.select(); }
    });
  }

  // Keep the query as it is typed (Pagefind's input is recreated with the UI).
  dialog.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("pagefind-ui__search-input")) save(event.target.value);
  });

  // A new sort order: hand it to the running UI (its `sort` prop, read at every search) and run the
  // query again. Pagefind searches only when the term changes, so a trailing space (which the search
  // ignores) is added or dropped; rebuilding the UI instead raced with its start-up and lost results.
  if (sortSelect) {
    sortSelect.addEventListener("change", function () {
      if (!ui || !ui._pfs) return;
      var order = sortSelect.value;
      ui._pfs.$$set({ sort: order ? { date: order } : null });
      var field = input();
      var query = (field && field.value) || saved();
      if (!query) return;
      ui.triggerSearch(/\s$/.test(query) ? query.replace(/\s+$/, "") : query + " ");
    });
  }

  // ↑/↓ from the field through the result links (sub-results included), Enter follows the focused link.
  function resultLinks() {
    return Array.prototype.slice.call(dialog.querySelectorAll(".pagefind-ui__result-link"));
  }
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = resultLinks();
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var field = input();
    if (document.activeElement !== field && at < 0) return;  // e.g. a filter checkbox keeps its keys
    event.preventDefault();
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) { if (field) field.focus(); return; }
    links[Math.min(next, links.length - 1)].focus();
  });

  // Landing from a result (?highlight=…): mark the query in the document's text.
  if (new URLSearchParams(location.search).has(HIGHLIGHT)) {
    import(bundle + "pagefind-highlight.js").then(function () {
      new window.PagefindHighlight({ highlightParam: HIGHLIGHT, markContext: "[data-pagefind-body]" });
    }).catch(function () { /* no index (preview without search): the page reads as usual */ });
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  dialog.addEventListener("close", function () {
    document.documentElement.classList.remove("zx-search-open");
  });
  // A click on the backdrop (the dialog element itself, outside its content) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) close();
    else if (event.target.closest && event.target.closest("a[href]")) close();  // leaving for a result
  });
  document.querySelectorAll("[data-zx-search-open]").forEach(function (button) {
    button.addEventListener("click", open);
    button.addEventListener("pointerenter", load, { once: true });  // warm up before the click
  });
  dialog.querySelectorAll("[data-zx-search-close]").forEach(function (button) {
    button.addEventListener("click", close);
  });

  function typing(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }
  document.addEventListener("keydown", function (event) {
    var key = event.key;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === "k" || key === "K")) {
      event.preventDefault();
      if (dialog.open) close(); else open();
    } else if (key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !dialog.open && !typing(event.target)) {
      event.preventDefault();
      open();
    }
  }, true);
})();
