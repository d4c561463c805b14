/* 协商知识库 — site search: a dialog opened from the header, on Pagefind's JavaScript API.
 *
 * The Pagefind bundle (pagefind.js and the chunked index) lives in <site root>/pagefind/ and is loaded
 * on first use only. Keys: "/" or Ctrl/⌘-K open the search, Esc closes it, ↑/↓ move through the results
 * and Enter opens one. The query is kept for the tab (sessionStorage); results can be sorted by date
 * (data-pagefind-sort); a result opened from the search highlights the query on its page (Pagefind's
 * highlight script). A sharded build has one bundle per shard (data-zx-bundles: pagefind pagefind-2 …),
 * merged with Pagefind's multisite search (mergeIndex), filters included.
 *
 * Ranking as a reader expects (Pagefind alone matches Chinese words loosely: 社情民意 finds 社会情况):
 * every candidate Pagefind returns is checked against its text — title, body and the names it is found
 * by (metadata: body, topics, kind, year, 文号). A document holding each term of the query whole ranks
 * first; then one holding every word of two or more characters of each term; a document matched through
 * single characters only (和 of 和美乡村, 情 of 情况) is no result. Candidates are checked 200 at a time,
 * those holding the query's words closest together first (Pagefind's word positions), and further while
 * none passes: a document holding the query is among the first checked, and a search answers "找到 0+"
 * only once something passed. Excerpts are cut from the body text
 * around the query; filters combine with OR within a filter and AND across filters; the 类别 filter lists
 * each kind above its types. The same code answers window.zxSearch.query() for the tests.
 *
 * The markup keeps the class names of Pagefind's Default UI (pagefind-ui__…), so its stylesheet and
 * the site's tests address the same elements. */
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
  var KINDS = [];
  try { KINDS = JSON.parse(dialog.getAttribute("data-zx-kinds") || "[]"); } catch (e) { KINDS = []; }
  var ORDER = ["类别", "年份", "单位", "专题"];  // filters shown in this order, others after
  var KIND_FILTER = "类别";
  var PAGE = 5;  // results shown at first and added by 加载更多结果
  var CHECKED_AT_ONCE = 200;  // candidates checked before the first results show (more while none pass); more when paging on
  var QUERY_KEY = "zx-search-query";
  var HIGHLIGHT = "highlight";
  var container = document.getElementById("zx-search-ui");
  var sortSelect = dialog.querySelector("[data-zx-search-sort]");
  var wide = window.matchMedia("(min-width: 45em)");

  // ---- text: normalising, segmenting, checking ------------------------------------------------------

  var PUNCT = /[\s\p{P}\u200b]+/gu;
  function norm(text) { return String(text || "").toLowerCase().replace(PUNCT, ""); }
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
  function words(term) {
    if (!segmenter) return [term];
    var out = [];
    for (var it = segmenter.segment(term)[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) {
      var w = norm(s.value.segment);
      if (w) out.push(w);
    }
    return out;
  }
  function isCJK(ch) { return /[\u3400-\u9fff\uf900-\ufaff]/.test(ch); }
  // The terms of a query: whitespace-separated, a "quoted phrase" kept whole.
  function terms(query) {
    var out = [];
    String(query || "").replace(/"([^"]*)"|(\S+)/g, function (_, quoted, plain) {
      var t = norm(quoted !== undefined ? quoted : plain);
      if (t) out.push(t);
      return "";
    });
    return out;
  }
  // Words of a term that count on their own: two or more characters (Chinese, Latin or digits).
  function strongWords(term) {
    return words(term).filter(function (w) { return w.length >= 2; });
  }
  // A term may be matched by its words apart when they make up most of it: 村庄规划编制 by 村庄, 规划
  // and 编制; not 营商环境 (segmented 营/商/环境) by 环境 alone, nor 社情民意 (社/情/民意) by 民意.
  var WORDS_APART = 0.6;
  function apart(term) {
    var strong = strongWords(term);
    var covered = strong.reduce(function (n, w) { return n + w.length; }, 0);
    return covered >= WORDS_APART * term.length ? strong : [];
  }
  function decode(html) {
    return new DOMParser().parseFromString("<!doctype html><body>" + html, "text/html").body.textContent || "";
  }

  // 0: every term whole; 1: every term whole or by its words apart (see apart); -1: no result.
  function tierOf(haystack, ts) {
    var whole = ts.every(function (t) { return haystack.indexOf(t) >= 0; });
    if (whole) return 0;
    var loose = ts.every(function (t) {
      if (haystack.indexOf(t) >= 0) return true;
      var strong = apart(t);
      return strong.length > 0 && strong.every(function (w) { return haystack.indexOf(w) >= 0; });
    });
    return loose ? 1 : -1;
  }

  // ---- the engine: Pagefind, and our check of its candidates -----------------------------------------

  var engine = null;
  function pagefind() {
    if (!engine) {
      engine = import(bundle + "pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 0 }).then(function () {
          return Promise.all(bundles.slice(1).map(function (name) {
            return pf.mergeIndex(new URL(name + "/", root).pathname, { baseUrl: root.pathname });
          }));
        }).then(function () { return pf; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function checked(result, ts) {
    return result.data().then(function (data) {
      var meta = data.meta || {};
      var text = decode(data.content || "");
      // Each part apart: a phrase never runs from the end of the text into a name of the metadata.
      var haystack = [meta.title, text, meta["zx-terms"], meta["zx-number"], meta["zx-date"], meta["zx-body"]]
        .map(norm).join("\u0001");
      return { id: result.id, score: result.score, data: data, text: text, tier: tierOf(haystack, ts) };
    });
  }

  // A search: Pagefind's candidates for the query (and for it quoted: its exact matches, which may rank
  // low), checked in order; `more()` checks further candidates when the reader pages past them.
  function Search(query, sort) {
    this.query = query;
    this.ts = terms(query);
    this.sort = sort;
    this.checked = [];  // candidates checked so far, in Pagefind's order
    this.pending = [];  // candidates not yet checked
  }
  // The Pagefind queries whose results are the candidates. Pagefind segments a Chinese query in the
  // browser (Intl.Segmenter) and the pages when indexing, and the two can cut a phrase differently
  // (营商环境: 营/商/环境 against 营商/环境), so the query alone misses documents that hold it; each word of
  // two or more characters and each term's first two characters (metadata matches on the start of a
  // name: 自身 finds 自身建设) are asked too. Whatever they bring is checked against its text.
  function probes(query, ts) {
    var out = [ts.join(" ")];
    if (ts.length === 1) out.push("\"" + ts[0] + "\"");
    ts.forEach(function (t) {
      strongWords(t).forEach(function (w) { out.push(w); });
      if (isCJK(t.charAt(0)) && t.length > 2) out.push(t.slice(0, 2));
    });
    return out.filter(function (q, i) { return out.indexOf(q) === i; });
  }

  Search.prototype.start = function () {
    var self = this;
    if (!self.ts.length) return Promise.resolve(self);
    return pagefind().then(function (pf) {
      var options = self.sort ? { sort: { date: self.sort } } : {};
      return Promise.all(probes(self.query, self.ts).map(function (q) { return pf.search(q, options); }));
    }).then(function (found) {
      // Every candidate once, checked in this order: those holding the query's words closest together
      // first (by the positions Pagefind gives for the query: a phrase the page segments otherwise
      // than the browser is found by no quoted probe, and its words alone are in most documents), then
      // those more probes found, then by Pagefind's order (relevance or date).
      var wordCount = self.ts.reduce(function (n, t) { return n + words(t).length; }, 0);
      var byId = {};
      var order = [];
      found.forEach(function (f, probe) {
        f.results.forEach(function (r) {
          var c = byId[r.id];
          if (!c) { c = byId[r.id] = { r: r, hits: 0, first: order.length, near: 0 }; order.push(c); }
          c.hits += 1;
          if (probe === 0) c.near = nearness(r.words || [], wordCount);
        });
      });
      order.sort(function (a, b) { return b.near - a.near || b.hits - a.hits || a.first - b.first; });
      self.pending = order.map(function (c) { return c.r; });
      // Nothing to show yet, candidates left: look further before answering "找到 0+ 个".
      return self.more(CHECKED_AT_ONCE).then(function further(done) {
        return done.complete() || done.results({}).length ? done : done.more(CHECKED_AT_ONCE).then(further);
      });
    });
  };
  // How close together a candidate holds the query's words: the most positions Pagefind matched within
  // a window of twice the query's word count, the tightest such group first. A document holding the
  // query as a phrase holds its words side by side, while words found apart are in most documents.
  var NEAR = 1000;  // one word more outweighs any difference in spread
  function nearness(positions, wordCount) {
    var marks = positions.slice().sort(function (a, b) { return a - b; });
    var span = 2 * wordCount, best = 0;
    for (var lo = 0, hi = 0; lo < marks.length; lo++) {
      while (hi < marks.length && marks[hi] < marks[lo] + span) hi++;
      best = Math.max(best, (hi - lo) * NEAR - (marks[hi - 1] - marks[lo]));
    }
    return best;
  }
  Search.prototype.more = function (n) {
    var self = this;
    var batch = self.pending.splice(0, n);
    return Promise.all(batch.map(function (r) { return checked(r, self.ts); })).then(function (rows) {
      self.checked = self.checked.concat(rows);
      return self;
    });
  };
  Search.prototype.complete = function () { return this.pending.length === 0; };
  // The results that pass, best first, restricted to `selected` ({filter: [values]}: OR within, AND across).
  Search.prototype.results = function (selected) {
    var ok = this.checked.filter(function (r) { return r.tier >= 0 && matches(r.data.filters || {}, selected); });
    if (this.sort) {  // by date: the date the page sorts by (data-pagefind-sort), as Pagefind orders it
      var dir = this.sort === "asc" ? 1 : -1;
      return ok.slice().sort(function (a, b) {
        var da = a.data.meta["zx-sort"] || "", db = b.data.meta["zx-sort"] || "";
        return da === db ? b.score - a.score : (da < db ? -dir : dir);
      });
    }
    return ok.map(function (r, i) { return { r: r, i: i }; }).sort(function (a, b) {
      return a.r.tier - b.r.tier || b.r.score - a.r.score || a.i - b.i;
    }).map(function (x) { return x.r; });
  };
  // For each filter, the count of each value among the results passing the other filters.
  Search.prototype.counts = function (selected) {
    var counts = {};
    var ok = this.checked.filter(function (r) { return r.tier >= 0; });
    ok.forEach(function (r) {
      var filters = r.data.filters || {};
      Object.keys(filters).forEach(function (name) {
        var others = {};
        Object.keys(selected).forEach(function (k) { if (k !== name) others[k] = selected[k]; });
        if (!matches(filters, others)) return;
        counts[name] = counts[name] || {};
        filters[name].forEach(function (v) { counts[name][v] = (counts[name][v] || 0) + 1; });
      });
    });
    return counts;
  };
  function matches(filters, selected) {
    return Object.keys(selected).every(function (name) {
      var want = selected[name];
      if (!want.length) return true;
      var have = filters[name] || [];
      return want.some(function (v) { return have.indexOf(v) >= 0; });
    });
  }

  // ---- excerpts from the body text ----------------------------------------------------------------

  // Pagefind ends a heading or other block without closing punctuation with a Latin ". ": shown as a
  // space, so a heading never runs into its text nor carries a Latin full stop.
  function readable(text) {
    return text.replace(/\u200b/g, "").replace(/([^\x00-\x7f])\. /g, "$1 ").replace(/\s+/g, " ").trim();
  }
  function excerpt(text, ts, title) {
    var body = readable(text);
    if (title && body.indexOf(readable(title)) === 0) body = body.slice(readable(title).length).trim();
    var needles = [];
    ts.forEach(function (t) { needles.push(t); strongWords(t).forEach(function (w) { needles.push(w); }); });
    needles = needles.filter(function (n, i) { return n && needles.indexOf(n) === i; })
      .sort(function (a, b) { return b.length - a.length; });
    var lower = body.toLowerCase();
    var at = -1;
    for (var i = 0; i < needles.length && at < 0; i++) at = lower.indexOf(needles[i]);
    var start = Math.max(0, at - 24);
    var end = Math.min(body.length, (at < 0 ? 0 : at) + 72);
    var piece = body.slice(start, end);
    var frag = document.createDocumentFragment();
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    var pieceLower = piece.toLowerCase();
    var pos = 0;
    while (pos < piece.length) {
      var best = -1, len = 0;
      needles.forEach(function (n) {
        var k = pieceLower.indexOf(n, pos);
        if (k >= 0 && (best < 0 || k < best || (k === best && n.length > len))) { best = k; len = n.length; }
      });
      if (best < 0) { frag.appendChild(document.createTextNode(piece.slice(pos))); break; }
      if (best > pos) frag.appendChild(document.createTextNode(piece.slice(pos, best)));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(best, best + len);
      frag.appendChild(mark);
      pos = best + len;
    }
    if (end < body.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  // ---- the dialog's interface ---------------------------------------------------------------------

  var field, clear, message, filterPanel, resultList, moreButton;
  var state = { search: null, selected: {}, shown: PAGE, open: {}, run: 0, totals: null };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function build() {
    container.textContent = "";
    var ui = el("div", "pagefind-ui zx-search__app");
    var form = el("form", "pagefind-ui__form");
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    field = el("input", "pagefind-ui__search-input");
    field.type = "text";
    field.setAttribute("enterkeyhint", "search");
    field.setAttribute("autocomplete", "off");
    field.setAttribute("aria-label", "搜索文档");
    field.placeholder = "搜索文档，如：提案、乡村振兴、营商环境";
    clear = el("button", "pagefind-ui__search-clear", "清除");
    clear.type = "button";
    clear.addEventListener("click", function () { field.value = ""; save(""); update(); field.focus(); });
    form.appendChild(field);
    form.appendChild(clear);
    ui.appendChild(form);
    var drawer = el("div", "pagefind-ui__drawer zx-search__drawer");
    filterPanel = el("div", "pagefind-ui__filter-panel zx-search__filters");
    filterPanel.setAttribute("role", "group");
    filterPanel.setAttribute("aria-label", "筛选");
    var results = el("div", "pagefind-ui__results-area zx-search__results");
    message = el("p", "pagefind-ui__message");
    message.setAttribute("role", "status");
    resultList = el("ol", "pagefind-ui__results");
    moreButton = el("button", "pagefind-ui__button", "加载更多结果");
    moreButton.type = "button";
    moreButton.hidden = true;
    moreButton.addEventListener("click", showMore);
    results.appendChild(message);
    results.appendChild(resultList);
    results.appendChild(moreButton);
    drawer.appendChild(filterPanel);
    drawer.appendChild(results);
    ui.appendChild(drawer);
    container.appendChild(ui);
    var timer = null;
    field.addEventListener("input", function () {
      save(field.value);
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    });
  }

  function update() {
    var query = field.value.trim();
    var run = ++state.run;
    state.shown = PAGE;
    if (!terms(query).length) {
      state.search = null;
      message.textContent = "";
      resultList.textContent = "";
      moreButton.hidden = true;
      filterPanel.textContent = "";
      filterPanel.removeAttribute("data-zx-structure");
      return Promise.resolve();
    }
    var search = new Search(query, sortSelect ? sortSelect.value : "");
    return search.start().then(function () {
      if (run !== state.run) return;  // a newer query has started
      state.search = search;
      render();
    }, function () {
      if (run === state.run) message.textContent = "搜索索引没有加载成功（本地预览请用 make serve）。";
    });
  }

  function selectedFilters() {
    var out = {};
    Object.keys(state.selected).forEach(function (name) {
      var values = Object.keys(state.selected[name]).filter(function (v) { return state.selected[name][v]; });
      if (values.length) out[name] = values;
    });
    return out;
  }

  function render() {
    var search = state.search;
    if (!search) return;
    var selected = selectedFilters();
    var results = search.results(selected);
    var more = search.complete() ? "" : "+";
    message.textContent = results.length || more
      ? "找到 " + results.length + more + " 个“" + search.query + "”的相关结果"
      : "没有找到“" + search.query + "”的相关结果";
    renderFilters(search.counts(selected), selected);
    // A reader moving through the results with ↑/↓ keeps the same place when they are listed anew
    // (a new sort order, a filter): the link at the same position takes the focus.
    var focused = resultLinks().indexOf(document.activeElement);
    resultList.textContent = "";
    results.slice(0, state.shown).forEach(function (r) { resultList.appendChild(row(r, search)); });
    var links = resultLinks();
    if (focused >= 0 && links.length) links[Math.min(focused, links.length - 1)].focus();
    moreButton.hidden = !(results.length > state.shown || !search.complete());
  }

  function showMore() {
    state.shown += PAGE;
    var search = state.search;
    if (!search) return;
    var need = search.results(selectedFilters()).length < state.shown && !search.complete();
    (need ? search.more(CHECKED_AT_ONCE) : Promise.resolve()).then(render);
  }

  // A result's address marks each term of the query on the page it opens (?highlight=…&highlight=…).
  function link(url, query) {
    var u = new URL(url, location.href);
    u.searchParams.delete(HIGHLIGHT);
    query.replace(/"/g, " ").split(/\s+/).filter(Boolean).forEach(function (t) { u.searchParams.append(HIGHLIGHT, t); });
    return u.pathname + u.search + u.hash;
  }

  function row(r, search) {
    var data = r.data;
    var meta = data.meta || {};
    var li = el("li", "pagefind-ui__result");
    var inner = el("div", "pagefind-ui__result-inner");
    var title = el("p", "pagefind-ui__result-title");
    var a = el("a", "pagefind-ui__result-link", meta.title || data.url);
    a.href = link(data.url, search.query);
    title.appendChild(a);
    inner.appendChild(title);
    var facts = [meta["zx-body"], meta["zx-date"], (data.filters && data.filters[KIND_FILTER] || [])[0], meta["zx-number"]]
      .filter(function (x) { return x; });
    if (meta["zx-sample"]) title.appendChild(el("span", "zx-search__sample", meta["zx-sample"]));  // as on the page
    if (facts.length) {
      var line = el("p", "zx-search__facts");
      facts.forEach(function (f, i) {
        if (i) line.appendChild(el("span", "zx-search__sep", " · "));
        line.appendChild(el("span", "", f));
      });
      inner.appendChild(line);
    }
    var ex = el("p", "pagefind-ui__result-excerpt");
    ex.appendChild(excerpt(r.text, search.ts, meta.title));
    inner.appendChild(ex);
    var subs = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.anchor; }).slice(0, 3);
    if (subs.length) {
      var list = el("ul", "zx-search__subs");
      subs.forEach(function (s) {
        var sub = el("li", "pagefind-ui__result-nested");
        var sa = el("a", "pagefind-ui__result-link", s.title);
        sa.href = link(s.url, search.query);
        sub.appendChild(sa);
        list.appendChild(sub);
      });
      inner.appendChild(list);
    }
    li.appendChild(inner);
    return li;
  }

  // ---- filters ------------------------------------------------------------------------------------

  // The filters are built afresh, then put in place of the shown ones — or, when they list the same
  // values (a box ticked, counts changed), copied onto them, so the ticked box stays the same element.
  function renderFilters(counts, selected) {
    var next = document.createElement("div");
    buildFilters(next, counts, selected);
    var key = structure(next);
    if (key === filterPanel.getAttribute("data-zx-structure")) {
      var now = filterPanel.querySelectorAll("input, label, summary");
      next.querySelectorAll("input, label, summary").forEach(function (node, i) {
        var shown = now[i];
        if (node.tagName === "INPUT") { shown.checked = node.checked; shown.indeterminate = node.indeterminate; }
        else if (node.tagName === "SUMMARY") {
          if (node.hasAttribute("data-zx-chosen")) shown.setAttribute("data-zx-chosen", node.getAttribute("data-zx-chosen"));
          else shown.removeAttribute("data-zx-chosen");
        }
        else if (shown.innerHTML !== node.innerHTML) shown.replaceChildren.apply(shown, Array.prototype.slice.call(node.childNodes));
      });
      return;
    }
    filterPanel.textContent = "";
    while (next.firstChild) filterPanel.appendChild(next.firstChild);
    filterPanel.setAttribute("data-zx-structure", key);
  }
  function structure(panel) {
    return Array.prototype.map.call(panel.querySelectorAll("[data-zx-filter-name], input, .zx-search__reset"), function (n) {
      return n.getAttribute("data-zx-filter-name") || n.value || n.className;
    }).join("\u0001");
  }

  function buildFilters(panel, counts, selected) {
    var names = Object.keys(counts).sort(function (a, b) {
      var ra = ORDER.indexOf(a), rb = ORDER.indexOf(b);
      return (ra < 0 ? ORDER.length : ra) - (rb < 0 ? ORDER.length : rb) || (a < b ? -1 : 1);
    });
    var any = Object.keys(selected).length;
    names.forEach(function (name) {
      var values = counts[name];
      var chosen = selected[name] || [];
      var block = el("details", "pagefind-ui__filter-block");
      block.setAttribute("data-zx-filter-name", name);
      var isOpen = state.open[name];
      if (isOpen === undefined) isOpen = wide.matches && (name === KIND_FILTER || name === "年份");
      block.open = isOpen;
      block.addEventListener("toggle", function () { state.open[name] = block.open; });
      var summary = el("summary", "pagefind-ui__filter-name", name);
      // How many values are ticked: shown by the stylesheet (::after), the name stays the summary's text.
      if (chosen.length) summary.setAttribute("data-zx-chosen", String(chosen.length));
      block.appendChild(summary);
      var group = el("fieldset", "pagefind-ui__filter-group");
      var legend = el("legend", "pagefind-ui__filter-group-label", name);
      group.appendChild(legend);
      if (name === KIND_FILTER) kindOptions(group, values, chosen);
      else {
        var keys = Object.keys(values);
        keys.sort(name === "年份" ? function (a, b) { return a < b ? 1 : -1; } : function (a, b) { return values[b] - values[a] || (a < b ? -1 : 1); });
        chosen.forEach(function (v) { if (keys.indexOf(v) < 0) keys.push(v); });
        keys.forEach(function (v) { group.appendChild(option(name, v, values[v] || 0, chosen.indexOf(v) >= 0, "")); });
      }
      block.appendChild(group);
      panel.appendChild(block);
    });
    if (any) {
      var reset = el("button", "zx-search__reset", "清除筛选");
      reset.type = "button";
      reset.addEventListener("click", function () { state.selected = {}; state.shown = PAGE; render(); });
      panel.appendChild(reset);
    }
  }

  // The kinds (工作总结 …) above their types: ticking a kind ticks all of its types.
  function kindOptions(group, values, chosen) {
    var listed = {};
    KINDS.forEach(function (kind) {
      var types = kind.types.filter(function (t) { return values[t] || chosen.indexOf(t) >= 0; });
      if (!types.length) return;
      var total = types.reduce(function (n, t) { return n + (values[t] || 0); }, 0);
      var all = types.every(function (t) { return chosen.indexOf(t) >= 0; });
      var some = types.some(function (t) { return chosen.indexOf(t) >= 0; });
      var single = types.length === 1 && types[0] === kind.name;
      if (!single) {
        var head = option(KIND_FILTER, kind.name, total, all, "zx-search__kind", types);
        head.querySelector("input").indeterminate = some && !all;
        group.appendChild(head);
      }
      types.forEach(function (t) {
        listed[t] = true;
        group.appendChild(option(KIND_FILTER, t, values[t] || 0, chosen.indexOf(t) >= 0, single ? "zx-search__kind" : "zx-search__type"));
      });
    });
    Object.keys(values).forEach(function (t) {  // a type no kind declares: listed on its own
      if (!listed[t]) group.appendChild(option(KIND_FILTER, t, values[t], chosen.indexOf(t) >= 0, ""));
    });
  }

  var optionId = 0;
  function option(name, value, count, checked, cls, members) {
    var wrap = el("div", "pagefind-ui__filter-value" + (cls ? " " + cls : ""));
    var box = el("input", "pagefind-ui__filter-checkbox");
    box.type = "checkbox";
    box.id = "zx-filter-" + (++optionId);
    box.checked = checked;
    box.value = value;
    var label = el("label", "pagefind-ui__filter-label", value + " (" + count + ")");  // text only, never HTML
    label.htmlFor = box.id;
    box.addEventListener("change", function () {
      var current = state.selected[name] = state.selected[name] || {};
      (members || [value]).forEach(function (v) { current[v] = box.checked; });
      state.shown = PAGE;
      render();
      var again = filterPanel.querySelector('[data-zx-filter-name="' + CSS.escape(name) + '"] input[value="' + CSS.escape(value) + '"]');
      if (again) again.focus();
    });
    wrap.appendChild(box);
    wrap.appendChild(label);
    return wrap;
  }

  // ---- the dialog ---------------------------------------------------------------------------------

  function saved() {
    try { return sessionStorage.getItem(QUERY_KEY) || ""; } catch (e) { return ""; }
  }
  function save(query) {
    try { sessionStorage.setItem(QUERY_KEY, query); } catch (e) { /* storage off: nothing kept */ }
  }

  var built = false;
  function load() {
    if (!built) { build(); built = true; }
    return pagefind().catch(function () {
      message.textContent = "搜索索引没有加载成功（本地预览请用 make serve）。";
    });
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    document.documentElement.classList.add("zx-search-open");
    load();
    var query = saved();
    if (!field.value && query) { field.value = query; update(); }
    field.focus();
    field.select();
  }

  if (sortSelect) sortSelect.addEventListener("change", function () { if (field && field.value) update(); });

  // ↑/↓ from the field through the result links (sub-results included), Enter follows the focused link.
  function resultLinks() {
    return Array.prototype.slice.call(dialog.querySelectorAll(".pagefind-ui__result-link"));
  }
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = resultLinks();
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (document.activeElement !== field && at < 0) return;  // e.g. a filter checkbox keeps its keys
    event.preventDefault();
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) { field.focus(); return; }
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
    button.addEventListener("pointerenter", function () { pagefind().catch(function () {}); }, { once: true });
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

  // The ranking without the dialog, for tests and for anyone scripting the site's search:
  // query(q, {filters, sort, shown}) → [{url, title, tier, date, body, excerpt}], best first: every
  // candidate checked, or with `shown` only those the dialog checks before the reader asks for more.
  window.zxSearch = {
    query: function (query, options) {
      options = options || {};
      var search = new Search(query, options.sort || "");
      return search.start().then(function s(done) {
        return done.complete() || options.shown ? done : done.more(CHECKED_AT_ONCE).then(s);
      }).then(function (done) {
        return done.results(options.filters || {}).map(function (r) {
          var box = document.createElement("p");
          box.appendChild(excerpt(r.text, done.ts, r.data.meta.title));
          return {
            url: r.data.url, title: r.data.meta.title, tier: r.tier, date: r.data.meta["zx-date"] || "",
            body: r.data.meta["zx-body"] || "", excerpt: box.textContent
          };
        });
      });
    },
    terms: terms
  };
})();
