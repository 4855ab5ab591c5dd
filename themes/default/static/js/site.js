// huajie site script: reading settings (大字, 高对比度) that persist, and the
// copy-citation buttons of rule articles. Everything works without it.
(function () {
  "use strict";
  var root = document.documentElement;
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };
  ["large", "contrast"].forEach(function (name) {
    if (store.get("huajie-" + name) === "1") root.classList.add(name);
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-toggle]").forEach(function (b) {
      var name = b.getAttribute("data-toggle");
      b.setAttribute("aria-pressed", root.classList.contains(name) ? "true" : "false");
      b.addEventListener("click", function () {
        var on = root.classList.toggle(name);
        b.setAttribute("aria-pressed", on ? "true" : "false");
        store.set("huajie-" + name, on ? "1" : "0");
      });
    });
    if (!navigator.clipboard) return;
    document.querySelectorAll("button.copy-cite").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () {
        navigator.clipboard.writeText(b.getAttribute("data-copy")).then(function () {
          b.textContent = "已复制";
          b.classList.add("done");
          setTimeout(function () { b.textContent = "复制引用"; b.classList.remove("done"); }, 2000);
        });
      });
    });
  });
})();
