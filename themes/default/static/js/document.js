// huajie document templates: fill a template in the page with a live preview,
// print it, or download it as plain text. Nothing typed leaves the page: no
// request is made with it and nothing is stored unless the user downloads it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("doc-form");
    var dataEl = document.getElementById("doc-data");
    var preview = document.querySelector(".letter.preview");
    if (!form || !dataEl || !preview) return;
    var data = JSON.parse(dataEl.textContent);
    var errors = form.querySelector(".form-errors");
    var heading = document.querySelector(".preview-h");
    form.hidden = false;
    preview.hidden = false;
    heading.hidden = false;
    var placeholder = /\{\{\s*([^{}\s]+)\s*\}\}/g;

    function cn(iso) { // 2023-07-12 → 2023年7月12日 (GB/T 9704: Arabic numerals, no leading zeros)
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      return m ? m[1] + "年" + Number(m[2]) + "月" + Number(m[3]) + "日" : iso;
    }
    function values() {
      var v = {};
      data.fields.forEach(function (f) {
        var el = form.elements[f.name];
        var x = el ? el.value.trim() : "";
        v[f.name] = f.type === "date" ? cn(x) : x;
      });
      var today = new Date();
      var dates = data.fields.filter(function (f) { return f.type === "date" && v[f.name]; });
      v["成文日期"] = dates.length ? v[dates[dates.length - 1].name] : cn(today.toISOString().slice(0, 10));
      var y = /^(\d{4})年/.exec(v["成文日期"]);
      v["年份"] = y ? y[1] : String(today.getFullYear());
      v["序号"] = form.elements["序号"].value || "1";
      return v;
    }
    function fill(text, v, blank) {
      return text.replace(placeholder, function (_, name) { return v[name] ? v[name] : blank(name); });
    }
    function render() {
      var v = values();
      var blank = function () { return "＿＿＿＿"; };
      preview.querySelector(".doc-code").textContent = data.code ? fill(data.code, v, blank) : "";
      var body = preview.querySelector(".letter-body");
      while (body.firstChild) body.removeChild(body.firstChild);
      fill(data.body, v, blank).replace(/\n+$/, "").split("\n").forEach(function (line, i) {
        line = line.trim();
        if (!line) return;
        var p = document.createElement("p");
        if (i === 0 && /：$/.test(line) && line.length <= 40) p.className = "addressee";
        p.textContent = line;
        body.appendChild(p);
      });
      preview.querySelector(".date").textContent = v["成文日期"];
    }
    function check() {
      var missing = [];
      data.fields.forEach(function (f) {
        var el = form.elements[f.name];
        if (!el) return;
        var bad = f.required && !el.value.trim();
        el.setAttribute("aria-invalid", bad ? "true" : "false");
        if (bad) missing.push(el);
      });
      while (errors.firstChild) errors.removeChild(errors.firstChild);
      if (missing.length === 0) { errors.hidden = true; return true; }
      var p = document.createElement("p");
      p.textContent = "请填写必填项：";
      errors.appendChild(p);
      var ul = document.createElement("ul");
      missing.forEach(function (el) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + el.id;
        a.textContent = el.name;
        li.appendChild(a);
        ul.appendChild(li);
      });
      errors.appendChild(ul);
      errors.hidden = false;
      missing[0].focus();
      return false;
    }
    function plainText() {
      var v = values();
      var blank = function (n) { return "【" + n + "】"; };
      var lines = [data.title];
      if (data.code) lines.push(fill(data.code, v, blank));
      lines.push("");
      fill(data.body, v, blank).replace(/\n+$/, "").split("\n").forEach(function (l) { lines.push(l.trim()); });
      lines.push("", data.issuer || "", v["成文日期"]);
      return "\ufeff" + lines.join("\r\n") + "\r\n";
    }
    form.addEventListener("input", render);
    form.addEventListener("change", render);
    form.addEventListener("reset", function () { setTimeout(render, 0); });
    form.addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action");
      if (action === "example") {
        data.fields.forEach(function (f) { if (form.elements[f.name]) form.elements[f.name].value = f.example || ""; });
        render();
      } else if (action === "print") {
        render();
        if (!check()) return;
        document.body.classList.add("print-form");
        window.print();
      } else if (action === "download") {
        render();
        if (!check()) return;
        var blob = new Blob([plainText()], { type: "text/plain;charset=utf-8" });
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = data.slug + ".txt";
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      }
    });
    window.addEventListener("afterprint", function () { document.body.classList.remove("print-form"); });
    render();
  });
})();
