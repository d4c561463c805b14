/* Print and copy-link buttons of a document page (overrides/partials/zx/doc-header.html).
   The buttons are hidden in the HTML and shown here: without script they could do nothing.
   Copying uses the Clipboard API; where it is missing or refused (an http: page, an old browser) a
   hidden text field and the copy command; if that fails too, the link is shown selected for the
   reader to copy by hand. Every message is Chinese and announced (role="status"). */
(function () {
  "use strict";

  function announce(bar, text) {
    var status = bar.querySelector(".zx-share__status");
    if (status) status.textContent = text;
  }

  function copyByCommand(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.top = "-1000px";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(field);
    return done;
  }

  function showForHand(bar, text) {
    var field = bar.querySelector(".zx-share__link");
    if (!field) {
      field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "zx-share__link";
      field.setAttribute("aria-label", "本页链接");
      bar.appendChild(field);
    }
    field.value = text;
    field.focus();
    field.select();
    announce(bar, "无法自动复制，请按 Ctrl+C（手机上长按）复制已选中的链接");
  }

  function copyLink(bar) {
    var link = window.location.href;
    var fallback = function () {
      if (copyByCommand(link)) announce(bar, "链接已复制");
      else showForHand(bar, link);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(function () {
        announce(bar, "链接已复制");
      }, fallback);
    } else {
      fallback();
    }
  }

  function setUp() {
    var bars = document.querySelectorAll("[data-zx-share]");
    Array.prototype.forEach.call(bars, function (bar) {
      if (bar.dataset.zxReady) return;
      bar.dataset.zxReady = "1";
      var print = bar.querySelector("[data-zx-print]");
      var copy = bar.querySelector("[data-zx-copy-link]");
      if (print) {
        if (typeof window.print === "function") {
          print.addEventListener("click", function () { window.print(); });
        } else {
          print.hidden = true;
        }
      }
      if (copy) copy.addEventListener("click", function () { copyLink(bar); });
      bar.hidden = false;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
