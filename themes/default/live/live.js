// huajie serve's live reload: served at /_huajie/live.js and added to pages
// by the server only (never part of a built site). It listens to the
// server's events: "reload" reloads this page when it changed, keeping the
// scroll position; "error" shows the build's problems over the page;
// "ok" removes them. Every text is set with textContent.
(function () {
  "use strict";
  var me = document.currentScript;
  var pageGen = me ? Number(new URL(me.src, location.href).searchParams.get("gen")) : 0;
  var here = (function () {
    try { return decodeURIComponent(location.pathname); } catch (e) { return location.pathname; }
  })();
  var key = "huajie-scroll:" + location.pathname;

  // Back where the reader was before the reload.
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) { /* private mode */ }
  if (saved !== null) {
    var pos = saved.split(",");
    var restore = function () { window.scrollTo(Number(pos[0]) || 0, Number(pos[1]) || 0); };
    restore();
    window.addEventListener("load", restore);
  }

  function reload() {
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) { /* private mode */ }
    location.reload();
  }

  var link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/_huajie/live.css";
  document.head.appendChild(link);

  var overlay = null;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(data) {
    hide();
    overlay = el("div", "huajie-overlay");
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-live", "assertive");
    var box = el("div", "huajie-overlay-box");
    var head = el("div", "huajie-overlay-head");
    head.appendChild(el("strong", "", "构建失败：" + data.count + " 个问题"));
    var close = el("button", "huajie-overlay-close", "暂时隐藏");
    close.type = "button";
    close.addEventListener("click", hide);
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(el("p", "huajie-overlay-note", "页面显示的是上一次成功构建的内容。修正后保存，页面会自动更新。"));
    var list = el("ol", "huajie-overlay-list");
    (data.problems || []).forEach(function (p) {
      var item = el("li");
      var where = p.file + (p.line ? ":" + p.line + (p.col ? ":" + p.col : "") : "");
      item.appendChild(el("code", "huajie-overlay-pos", where));
      item.appendChild(el("span", "huajie-overlay-msg", p.message));
      if (p.snippet && p.snippet.length) {
        var pre = el("pre", "huajie-overlay-snippet");
        p.snippet.forEach(function (s) {
          var here = s.line === p.line;
          var line = el("span", here ? "huajie-overlay-line huajie-overlay-here" : "huajie-overlay-line");
          line.appendChild(el("span", "huajie-overlay-no", String(s.line)));
          if (here && p.col) {
            // The column counts characters, as the diagnostics do.
            var chars = Array.from(s.text);
            line.appendChild(document.createTextNode(chars.slice(0, p.col - 1).join("")));
            line.appendChild(el("mark", "", chars[p.col - 1] || " "));
            line.appendChild(document.createTextNode(chars.slice(p.col).join("")));
          } else {
            line.appendChild(document.createTextNode(s.text));
          }
          line.appendChild(document.createTextNode("\n"));
          pre.appendChild(line);
        });
        item.appendChild(pre);
      }
      list.appendChild(item);
    });
    if (data.count > (data.problems || []).length) {
      list.appendChild(el("li", "huajie-overlay-more", "另有 " + (data.count - data.problems.length) + " 个问题，见终端输出。"));
    }
    box.appendChild(list);
    overlay.appendChild(box);
    (document.body || document.documentElement).appendChild(overlay);
  }

  if (!window.EventSource) return;
  var es = new EventSource("/_huajie/events");
  es.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    // A build finished between serving this page and connecting.
    if (pageGen && d.gen && d.gen !== pageGen) reload();
  });
  es.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    if (d.all || !pageGen || d.paths.indexOf(here) >= 0) {
      reload();
    } else {
      pageGen = d.gen;
    }
  });
  // A message named "error" carries data; the EventSource's own error
  // event (the connection dropped; it reconnects by itself) does not.
  es.addEventListener("error", function (e) {
    if (typeof e.data === "string") show(JSON.parse(e.data));
  });
  es.addEventListener("ok", hide);
})();
