/* 协商知识库 — the last line of a printed page: the page's address and the date the reader prints it.
 * The date is the reader's own (set when the page loads and again just before printing), never the
 * date of the build; without JavaScript the line gives the address alone. A link to the rule that
 * replaces this one (or that this one replaces) prints with its address. */
(function () {
  "use strict";
  function stamp() {
    var day = new Date();
    var url = location.href.split("#")[0];
    document.querySelectorAll("[data-zx-print-url]").forEach(function (node) {
      if (/^https?:/.test(url)) node.textContent = url;
    });
    document.querySelectorAll("[data-zx-print-date]").forEach(function (node) {
      node.textContent = "　打印日期：" + day.getFullYear() + "年" + (day.getMonth() + 1) + "月" + day.getDate() + "日";
      node.hidden = false;
    });
    /* A rule's 已被取代 / 取代 names another document, often by the same title: print its address. */
    document.querySelectorAll(".zx-field--superseded_by a[href], .zx-field--supersedes a[href]").forEach(function (link) {
      link.setAttribute("data-zx-print-href", link.href);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", stamp);
  else stamp();
  window.addEventListener("beforeprint", stamp);
})();
