/* 协商知识库 · 编辑器 (Decap CMS): the project's file formats, widget, ids and previews.
   ZX (written above this file by hooks/zhengxie/outputs/cms.py, from the registry) names the
   collections, the id endings of each document type, the keys that are numbers or maps. */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, NS = ZX.not_stated;
  if (!CMS) { document.getElementById("zx-missing").hidden = false; return; }  // decap-cms.js is not installed
  var FRONT = /^\ufeff?---\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)([\s\S]*)$/;
  var YAML = {schema: jsyaml.CORE_SCHEMA};  // dates stay text: 2023-02-06 is written as it was read

  function plain(value) { return value && typeof value.toJS === "function" ? value.toJS() : value; }
  function filled(value) {
    if (value === undefined || value === null || value === "") { return false; }
    if (Array.isArray(value)) { return value.length > 0; }
    return typeof value !== "object" || Object.keys(value).length > 0;
  }

  // What a file holds, from what the editor holds: helper fields dropped, empty values left out (the
  // check reports a missing required field), numbers as numbers, list-edited maps as maps.
  function toData(value, key) {
    if (Array.isArray(value)) {  // list items in the order of their fields
      return value.map(function (v) { return toData(ZX.order[key] && v ? ordered(v, ZX.order[key]) : v); }).filter(filled);
    }
    if (value && typeof value === "object") {
      if (ZX.maps[key]) { return fromRows(value, ZX.maps[key]); }
      var out = {};
      Object.keys(value).forEach(function (k) {
        if (k.indexOf(ZX.helper) === 0) { return; }
        var v = toData(value[k], k);
        if (ZX.single.indexOf(key) >= 0 && Array.isArray(v) && v.length === 1) { v = v[0]; }  // one name: no list
        if (filled(v)) { out[k] = v; }
      });
      return out;
    }
    if (typeof value === "string" && ZX.numbers.indexOf(key) >= 0 && /^[0-9]+(\.[0-9]+)?$/.test(value.trim())) {
      return Number(value.trim());
    }
    return value;
  }
  function fromRows(rows, names) {  // [{code: ZX301, reason: …, scope: …}] -> {ZX301: {reason: …, scope: …}}
    var out = {};
    (Array.isArray(rows) ? rows : []).forEach(function (row) {
      if (!row || !filled(row[names[0]])) { return; }
      var value = {};
      names.slice(1).forEach(function (n) {  // several scopes are edited as one text, 附则；总则
        if (filled(row[n])) { value[n] = typeof row[n] === "string" && row[n].indexOf("；") >= 0 ? row[n].split("；") : row[n]; }
      });
      out[row[names[0]]] = names.length === 2 ? row[names[1]] : value;
    });
    return out;
  }
  function toRows(data) {  // the other way, for the list widget
    Object.keys(ZX.maps).forEach(function (key) {
      var map = data[key], names = ZX.maps[key];
      if (map && typeof map === "object" && !Array.isArray(map)) {
        data[key] = Object.keys(map).map(function (k) {
          var row = {}, value = map[k];
          row[names[0]] = k;
          if (value && typeof value === "object") {  // {reason, scope}: one field each (a list scope as text)
            names.slice(1).forEach(function (n) { if (n in value) { row[n] = Array.isArray(value[n]) ? value[n].join("；") : value[n]; } });
          } else { row[names[1]] = value; }
          return row;
        });
      }
    });
    return data;
  }
  function ordered(data, keys) {
    var out = {};
    (keys || []).concat(Object.keys(data)).forEach(function (k) { if (k in data && !(k in out)) { out[k] = data[k]; } });
    return out;
  }
  function numbers(value) {  // values the editor shows as text
    if (Array.isArray(value)) { return value.map(numbers); }
    if (value && typeof value === "object") {
      Object.keys(value).forEach(function (k) {
        value[k] = typeof value[k] === "number" && ZX.numbers.indexOf(k) >= 0 ? String(value[k]) : numbers(value[k]);
      });
    }
    return value;
  }

  // Values a file gives as registered names (所属机构 洛阳市政协, 协商形式 双月协商座谈会, 角色 牵头单位:)
  // held as the ids the selects store (ZX.names, from the registry): the site reads both alike.
  function asIds(value, key) {
    var names = ZX.names[key];
    if (Array.isArray(value)) { return value.map(function (v) { return asIds(v, key); }); }
    if (typeof value === "string") { return names && names[value.trim()] ? names[value.trim()] : value; }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var name = key === "roles" && names && names[k] ? names[k] : k;
        out[name] = key === "roles" ? value[k] : asIds(value[k], k);
      });
      return out;
    }
    return value;
  }

  // A document: front matter (its `body` is 所属机构, so the text is held as ZX.text) and Markdown.
  CMS.registerCustomFormat("zx-md", "md", {
    fromFile: function (content) {
      var found = FRONT.exec(content);
      if (!found) { var only = {}; only[ZX.text] = content; return only; }
      var data = toRows(numbers(asIds(jsyaml.load(found[1], YAML) || {})));
      data[ZX.text] = found[2].replace(/^\r?\n/, "");
      return data;
    },
    toFile: function (data, keys) {
      data = plain(data);
      var text = (data[ZX.text] || "").replace(/\s+$/, "") + "\n";
      var meta = toData(ordered(data, keys));
      var lines = Object.keys(meta).map(function (k) {  // short lists and maps on one line, as written by hand
        var one = {}; one[k] = meta[k];
        return jsyaml.dump(one, {schema: YAML.schema, lineWidth: -1, flowLevel: ZX.flow.indexOf(k) >= 0 ? 1 : -1});
      });
      return "---\n" + lines.join("") + "---\n\n" + text;
    },
  });

  // A data file: its leading comments kept (ZX helper zx_head), a list at the top as zx_list.
  CMS.registerCustomFormat("zx-yml", "yml", {
    fromFile: function (content) {
      var head = (/^(?:#.*(?:\r?\n|$))+/.exec(content) || [""])[0].replace(/\s+$/, "");
      var value = numbers(asIds(jsyaml.load(content, YAML)));
      var data = Array.isArray(value) ? {zx_list: value} : toRows(value || {});
      data.zx_head = head;
      return data;
    },
    toFile: function (data, keys) {
      data = plain(data);
      var value = Array.isArray(data.zx_list) ? toData(data.zx_list) : toData(ordered(data, keys));
      var head = data.zx_head ? data.zx_head + "\n" : "";
      return head + jsyaml.dump(value, {schema: YAML.schema, lineWidth: -1});
    },
  });

  // Ids are made on saving, never typed: a new document's file name, a new item's id, a new body's id.
  function year(data) {
    var found = /^[0-9]{4}/.exec(String(data.period || "")) || /^[0-9]{4}/.exec(String(data.date || ""));
    return found ? found[0] : "";
  }
  function pinyin(text) {
    var words = window.pinyinPro ? window.pinyinPro.pinyin(text, {toneType: "none", type: "array", nonZh: "removed"}) : [];
    return words.join("").toLowerCase().replace(/[^a-z0-9]+/g, "");
  }
  function bodyId(body, taken) {
    var place = String(body.get("short") || body.get("name") || "").replace(/政协.*$/, "").replace(/(市|县|区|镇|乡|省|街道)$/, "");
    var base = [pinyin(place), body.get("level")].filter(Boolean).join("-") || "body";
    var id = base, n = 2;
    while (taken.indexOf(id) >= 0) { id = base + "-" + n++; }
    taken.push(id);
    return id;
  }
  function numbered(list, prefix) {
    var taken = list.map(function (item) { return item && item.get("id"); }).toArray();
    var n = 1;
    return list.map(function (item) {
      if (!item || item.get("id")) { return item; }
      while (taken.indexOf(prefix + (n < 10 ? "0" + n : n)) >= 0) { n++; }
      var id = prefix + (n < 10 ? "0" + n : n);
      taken.push(id);
      return item.set("id", id);
    });
  }
  CMS.registerEventListener({name: "preSave", handler: function (event) {
    var entry = event.entry, collection = entry.get("collection"), data = entry.get("data");
    var types = ZX.documents[collection];
    if (types && entry.get("newRecord")) {
      var known = plain(data), end = types[known.type] || Object.values(types)[0];
      if (!year(known) || !known.body) { throw new Error("先填写时期或成文日期（含年份）和所属机构：文件名由它们生成"); }
      return data.set("zx_id", [year(known), known.body, end].join("-"));
    }
    var items = ZX.items[collection];
    if (items && data.get(items[0])) { return data.set(items[0], numbered(data.get(items[0]), items[1])); }
    if (collection === ZX.bodies && data.get("zx_list")) {
      var taken = data.get("zx_list").map(function (b) { return b && b.get("id"); }).filter(Boolean).toArray();
      return data.set("zx_list", data.get("zx_list").map(function (b) { return b && !b.get("id") ? b.set("id", bodyId(b, taken)) : b; }));
    }
    return data;
  }});

  // zx-value: a text, a date or names one per line; where the original may leave the value out, the
  // explicit choice 原文未载 (the value is then 原文未载).
  function lines(value) { value = plain(value); return Array.isArray(value) ? value.join("\n") : (value || ""); }
  function ValueControl(props) {
    var field = props.field, mode = field.get("zx_mode") || "text", value = plain(props.value);
    var notStated = value === NS;
    var input = null;
    if (!notStated && mode === "texts") {
      input = h("textarea", {id: props.forID, className: props.classNameWrapper, rows: 3, value: lines(value),
        onChange: function (e) { props.onChange(e.target.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean)); }});
    } else if (!notStated) {
      input = h("input", {id: props.forID, className: props.classNameWrapper, type: mode === "date" ? "date" : "text",
        value: value === undefined || value === null ? "" : String(value),
        onChange: function (e) { props.onChange(e.target.value); }});
    }
    var choice = field.get("zx_not_stated") ? h("label", {className: "zx-not-stated", style: {display: "block", margin: "6px 0"}},
      h("input", {type: "checkbox", checked: notStated, "data-zx-not-stated": field.get("name"),
        onChange: function (e) { props.onChange(e.target.checked ? NS : ""); }}),
      " " + NS + "（原件没有写明）") : null;
    return h("div", {}, input, choice);
  }
  function ValuePreview(props) { return h("span", {}, lines(props.value)); }
  CMS.registerWidget("zx-value", ValueControl, ValuePreview);

  // The preview: the page as the site shows it — under `make edit` (mkdocs serve) with the problems
  // that `make check` finds in it — once saved, and the text being written.
  Object.keys(ZX.pages).forEach(function (collection) {
    CMS.registerPreviewTemplate(collection, function (props) {
      var slug = props.entry.get("slug");
      var url = slug ? new URL("../" + ZX.pages[collection] + "/" + slug + "/", window.location.href).href : "";
      var note = slug ? "网站上的本页（保存后更新；在 make edit 中页面顶部列出检查发现的问题）："
                      : "保存后，这里显示网站上的本页和检查发现的问题。";
      return h("div", {style: {fontFamily: "sans-serif"}},
        h("p", {style: {color: "#555"}}, note),
        url ? h("iframe", {src: url, title: "网站上的本页", style: {width: "100%", height: "70vh", border: "1px solid #ccc"}}) : null,
        ZX.documents[collection] ? props.widgetFor(ZX.text) : null);
    });
  });

  CMS.init();
})();
