/* 协商知识库 — site search: Pagefind's Default UI in a dialog opened from the header.
 * The Pagefind bundle (pagefind-ui.js/css, the chunked index) lives in <site root>/pagefind/ and is
 * loaded on first use only. Keys: "/" or Ctrl/⌘-K open the search, Esc closes it. */
(function () {
  "use strict";
  var dialog = document.getElementById("zx-search");
  if (!dialog || typeof dialog.showModal !== "function") return;

  // base_url is relative ("../.."); resolve it so the site works under any path.
  var root = new URL((dialog.getAttribute("data-zx-base") || ".") + "/", location.href);
  var bundle = new URL("pagefind/", root).pathname;
  var ORDER = ["类别", "年份", "单位", "专题"];
  var ui = null;
  var loading = null;

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
        ui = new window.PagefindUI({
          element: "#zx-search-ui",
          bundlePath: bundle,
          baseUrl: root.pathname,
          showImages: false,
          showSubResults: true,
          showEmptyFilters: false,
          excerptLength: 36,
          // Wide screens show 类别 and 年份 open beside the results; phones keep the four filters
          // folded above the results so the results stay in view.
          openFilters: window.matchMedia("(min-width: 45em)").matches ? ["类别", "年份"] : [],
          translations: { placeholder: "搜索文档，如：提案、乡村振兴、营商环境" }
        });
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
      if (field) { field.focus(); field.select(); }
    });
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
