// huajie search: the search page and the site's search box. It asks the
// server's /api/search when there is one and otherwise searches the static
// index under search/ itself, with the tokenizer and query rewrite of the Go
// packages search/analysis and search/query, repeated here exactly (the Go
// tests check this file against vectors generated from Go, in Chromium).
(function () {
  "use strict";

  // ---- analysis (search/analysis) ----------------------------------------

  function isIdeo(c) {
    return c >= 0x2e80 && c <= 0x2fdf || c === 0x3005 || c === 0x3007 ||
      c >= 0x3021 && c <= 0x3029 || c >= 0x3038 && c <= 0x303b ||
      c >= 0x3041 && c <= 0x3096 || c >= 0x309d && c <= 0x309f ||
      c >= 0x30a1 && c <= 0x30fa || c >= 0x30fc && c <= 0x30ff || c >= 0x31f0 && c <= 0x31ff ||
      c >= 0x3400 && c <= 0x4dbf || c >= 0x4e00 && c <= 0x9fff || c >= 0xf900 && c <= 0xfaff ||
      c >= 0xff66 && c <= 0xff9f || c >= 0x20000 && c <= 0x323af;
  }
  function isWord(c) {
    if (c < 0x80) return c >= 48 && c <= 57 || c >= 97 && c <= 122 || c >= 65 && c <= 90;
    if (c < 0xc0) return false;
    if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
    return c >= 0x386 && c <= 0x3ff && c !== 0x387 || c >= 0x400 && c <= 0x4ff ||
      c >= 0x1100 && c <= 0x11ff || c >= 0x3131 && c <= 0x318e || c >= 0xac00 && c <= 0xd7a3 ||
      c >= 0x2160 && c <= 0x2188 ||
      c >= 0xff10 && c <= 0xff19 || c >= 0xff21 && c <= 0xff3a || c >= 0xff41 && c <= 0xff5a;
  }
  function isDigit(c) { return c >= 48 && c <= 57 || c >= 0xff10 && c <= 0xff19; }
  var KANA = [0x30fb, 0x30f2, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30e3, 0x30e5, 0x30e7, 0x30c3,
    0x30fc, 0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa, 0x30ab, 0x30ad, 0x30af, 0x30b1, 0x30b3, 0x30b5,
    0x30b7, 0x30b9, 0x30bb, 0x30bd, 0x30bf, 0x30c1, 0x30c4, 0x30c6, 0x30c8, 0x30ca, 0x30cb, 0x30cc,
    0x30cd, 0x30ce, 0x30cf, 0x30d2, 0x30d5, 0x30d8, 0x30db, 0x30de, 0x30df, 0x30e0, 0x30e1, 0x30e2,
    0x30e4, 0x30e6, 0x30e8, 0x30e9, 0x30ea, 0x30eb, 0x30ec, 0x30ed, 0x30ef, 0x30f3, 0x3099, 0x309a];
  function fold(c) {
    if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
    if (c >= 0xff01 && c <= 0xff5e) return fold(c - 0xfee0);
    if (c >= 0xff65 && c <= 0xff9f) return KANA[c - 0xff65];
    if (c === 0x130) return c;
    if (c >= 0xc0 && c <= 0x4ff || c >= 0x2160 && c <= 0x216f) {
      var l = String.fromCodePoint(c).toLowerCase();
      return l.length === 1 || l.codePointAt(0) > 0xffff && l.length === 2 ? l.codePointAt(0) : c;
    }
    return c;
  }
  function normalize(s) {
    var out = "";
    for (var ch of s) out += String.fromCodePoint(fold(ch.codePointAt(0)));
    return out;
  }
  // cps returns the code points of s with their UTF-16 offsets.
  function cps(s) {
    var cs = [], at = [];
    for (var i = 0; i < s.length;) {
      var c = s.codePointAt(i);
      cs.push(c); at.push(i);
      i += c > 0xffff ? 2 : 1;
    }
    at.push(s.length);
    return { c: cs, at: at };
  }
  // tokenize returns the analyzer's tokens: term, position, UTF-16 start
  // and end, kind (0 word, 1 single ideograph, 2 bigram).
  function tokenize(text) {
    var p = cps(text), c = p.c, at = p.at, out = [], pos = 0, n = c.length;
    var str = function (i, j) { return normalize(text.slice(at[i], at[j])); };
    for (var i = 0; i < n;) {
      if (isIdeo(c[i])) {
        var j = i + 1;
        for (; j < n && isIdeo(c[j]); j++) out.push([str(j - 1, j + 1), ++pos, at[j - 1], at[j + 1], 2]);
        if (j === i + 1) out.push([str(i, j), ++pos, at[i], at[j], 1]);
        i = j;
      } else if (isWord(c[i])) {
        var k = i + 1;
        for (;;) {
          if (k < n && isWord(c[k])) { k++; continue; }
          if (k + 1 < n && (c[k] === 46 || c[k] === 44) && isDigit(c[k - 1]) && isDigit(c[k + 1])) { k += 2; continue; }
          break;
        }
        out.push([str(i, k), ++pos, at[i], at[k], 0]);
        i = k;
      } else i++;
    }
    return out;
  }
  function eachChar(text, fn) {
    var p = cps(text);
    p.c.forEach(function (c, i) {
      if (isIdeo(c)) fn(String.fromCodePoint(fold(c)), p.at[i], p.at[i + 1]);
    });
  }

  // ---- query (search/query) ----------------------------------------------

  var MAX_RUNES = 256, MAX_TERMS = 12, LITERAL = 2;
  var SPLIT = "，。、；！？,;!?()（）[]［］【】{}｛｝《》〈〉<>「」『』‘’…—～~|｜\\";
  var FACETS = [["kind", "类别 类型 种类 kind"], ["domain", "领域 domain"], ["region", "区县 地区 区域 region"],
    ["stage", "阶段 stage"], ["outcome", "结果 outcome"], ["year", "年份 年度 year"],
    ["agency_type", "机关类型 机关 agency agency_type"], ["authority", "效力 效力级别 authority"]];
  var KINDS = [["mediation", "化解案例"], ["exemplary", "优秀案例"], ["warning", "警示案例"], ["analysis", "类案分析"],
    ["rule", "规则"], ["template", "文书样式"], ["page", "页面"], ["law", "法律法规"], ["precedent", "裁判案例"]];
  function isGoSpace(c) {
    return c >= 9 && c <= 13 || c === 32 || c === 0x85 || c === 0xa0 || c === 0x1680 ||
      c >= 0x2000 && c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
  }
  function isSpace(c) { return c <= 32 || c === 0x3000 || c === 0xa0 || c === 0x7f; }
  function isSplit(c) { return SPLIT.indexOf(String.fromCodePoint(c)) >= 0; }
  function isOpen(c) { return c === 34 || c === 0x201c; }
  function isClose(c) { return c === 34 || c === 0x201d; }
  function trim(s) {
    var c = [...s], i = 0, j = c.length;
    while (i < j && isGoSpace(c[i].codePointAt(0))) i++;
    while (j > i && isGoSpace(c[j - 1].codePointAt(0))) j--;
    return c.slice(i, j).join("");
  }
  function dict() { return Object.create(null); }
  function key(s) { return normalize([...s].filter(function (ch) { return !isGoSpace(ch.codePointAt(0)); }).join("")); }

  // Lexicon: synonym groups (all of them, or those of a query's words) and
  // trap words.
  function Lexicon(l) {
    var by = dict();
    l.synonyms.forEach(function (g, i) { g.forEach(function (w) { (by[w] = by[w] || []).push(i); }); });
    this.groups = l.synonyms; this.by = by; this.traps = dict();
    var t = this.traps;
    l.traps.forEach(function (w) { t[w] = true; });
  }
  Lexicon.prototype.synonyms = function (w) {
    var out = [], seen = {}, g = this.groups;
    seen[w] = true;
    (this.by[w] || []).forEach(function (i) {
      g[i].forEach(function (x) { if (!seen[x]) { seen[x] = true; out.push(x); } });
    });
    return out;
  };

  function analyze(text) {
    var toks = tokenize(text), chars = [];
    if (toks.length && toks[0][4] === 1) chars.push(toks.shift()[0]);
    if (toks.length && toks[toks.length - 1][4] === 1) chars.push(toks.pop()[0]);
    return { tokens: toks.map(function (t) { return t[0]; }), chars: chars };
  }
  function makeAlt(text, boost, lex) {
    var a = analyze(text), alt = { text: text, boost: boost };
    if (a.tokens.length) alt.tokens = a.tokens;
    if (a.chars.length) alt.chars = a.chars;
    if (lex.traps[key(text)]) alt.trap = true;
    return a.tokens.length + a.chars.length ? alt : null;
  }
  function sig(a) { return (a.tokens || []).join(" ") + "|" + (a.chars || []).join(" "); }

  // parse parses and rewrites a query as search/query.Parse does.
  function parse(s, lex) {
    var q = {}, rs = [...s].slice(0, MAX_RUNES).map(function (ch) { return ch.codePointAt(0); });
    var str = function (a, b) { return String.fromCodePoint.apply(null, rs.slice(a, b)); };
    var n = 0;
    function addTerm(text, quoted, neg) {
      var k = key(text), lit = makeAlt(quoted ? normalize(trim(text)) : k, LITERAL, lex);
      if (!lit) return false;
      if (neg) { (q.exclude = q.exclude || []).push(lit); return true; }
      var t = { text: lit.text, alts: [lit] };
      if (quoted) t.quoted = true;
      else {
        var seen = {};
        seen[sig(lit)] = true;
        lex.synonyms(k).forEach(function (w) {
          var a = makeAlt(w, 1, lex);
          if (a && !seen[sig(a)]) { seen[sig(a)] = true; t.alts.push(a); }
        });
      }
      (q.terms = q.terms || []).push(t);
      return true;
    }
    function addFilter(field, value, neg) {
      value = normalize(trim(value));
      if (field === "kind") KINDS.forEach(function (k) { if (value === k[1]) value = k[0]; });
      if (field === "year" && value.slice(-1) === "年") value = value.slice(0, -1);
      if (!value) return false;
      var name = neg ? "notFilters" : "filters", m = q[name] = q[name] || {};
      if ((m[field] || []).indexOf(value) >= 0) return false;
      (m[field] = m[field] || []).push(value);
      return true;
    }
    function quoted(i) {
      var j = i + 1;
      while (j < rs.length && !isClose(rs[j])) j++;
      return [str(i + 1, Math.min(j, rs.length)), j + 1];
    }
    for (var i = 0; i < rs.length && n < MAX_TERMS;) {
      var r = rs[i];
      if (isSpace(r) || isSplit(r) || isClose(r) && !isOpen(r)) { i++; continue; }
      var neg = false;
      if ((r === 45 || r === 0xff0d) && i + 1 < rs.length && !isSpace(rs[i + 1]) && !isSplit(rs[i + 1])) { neg = true; i++; }
      if (isOpen(rs[i])) {
        var qt = quoted(i);
        i = qt[1];
        if (addTerm(qt[0], true, neg)) n++;
        continue;
      }
      var j = i;
      while (j < rs.length && !isSpace(rs[j]) && !isSplit(rs[j]) && !isOpen(rs[j])) j++;
      var chunk = str(i, j), colon = chunk.search(/[:：]/);
      i = j;
      if (colon > 0) {
        var fk = chunk.slice(0, colon).toLowerCase(), field = "";
        FACETS.forEach(function (f) { if (f[1].split(" ").indexOf(fk) >= 0) field = f[0]; });
        if (field) {
          var value = chunk.slice(colon + 1);
          if (value === "" && i < rs.length && isOpen(rs[i])) { var v = quoted(i); value = v[0]; i = v[1]; }
          if (addFilter(field, value, neg)) n++;
          continue;
        }
      }
      chunk.split(/[:：]/).filter(Boolean).forEach(function (piece, k) { if (addTerm(piece, false, neg && k === 0)) n++; });
    }
    return q;
  }

  // ---- highlighting (search/highlight) -----------------------------------

  function merge(spans) {
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var out = [];
    spans.forEach(function (s) {
      var l = out[out.length - 1];
      if (l && s[0] <= l[1]) l[1] = Math.max(l[1], s[1]); else out.push([s[0], s[1]]);
    });
    return out;
  }
  function spansOf(text, q) {
    var alts = [], want = {}, toks = tokenize(text), spans = [];
    (q.terms || []).forEach(function (t) { alts = alts.concat(t.alts); });
    alts.forEach(function (a) {
      var tk = a.tokens || [];
      (a.chars || []).forEach(function (c) { want[c] = true; });
      for (var i = 0; tk.length && i + tk.length <= toks.length; i++) {
        var ok = true;
        for (var k = 0; k < tk.length && ok; k++) ok = toks[i + k][0] === tk[k];
        if (ok) spans.push([toks[i][2], toks[i + tk.length - 1][3]]);
      }
    });
    eachChar(text, function (c, s, e) { if (want[c]) spans.push([s, e]); });
    return merge(spans);
  }
  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }).replace(/\n/g, " ");
  }
  // fragment returns about width characters around the densest matches.
  function fragment(text, spans, width) {
    var start = 0, end = text.length;
    if (width) {
      if (spans.length) {
        var best = 0, bestN = -1;
        spans.forEach(function (s, i) {
          var e = advance(text, s[0], width), k = i;
          while (k < spans.length && spans[k][1] <= e) k++;
          if (k - i > bestN) { best = i; bestN = k - i; }
        });
        start = back(text, spans[best][0], Math.floor(width / 6));
      }
      end = advance(text, start, width);
    }
    var out = start > 0 ? "…" : "", pos = start;
    spans.forEach(function (s) {
      if (s[1] <= start || s[0] >= end) return;
      var a = Math.max(s[0], pos), b = Math.min(s[1], end);
      out += esc(text.slice(pos, a)) + "<mark>" + esc(text.slice(a, b)) + "</mark>";
      pos = b;
    });
    return out + esc(text.slice(pos, end)) + (end < text.length ? "…" : "");
  }
  function advance(s, i, n) { for (; n > 0 && i < s.length; n--) i += s.codePointAt(i) > 0xffff ? 2 : 1; return i; }
  function back(s, i, n) { for (; n > 0 && i > 0; n--) i -= i > 1 && s.charCodeAt(i - 1) >= 0xdc00 && s.charCodeAt(i - 1) < 0xe000 ? 2 : 1; return i; }

  // ---- static index (search/static) ---------------------------------------

  function fnv(s) {
    var b = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619) >>> 0;
    return h;
  }
  var FIELDS = 4;

  function Static(base, fetcher) {
    this.base = base;
    this.get = fetcher || function (url) {
      return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.arrayBuffer(); });
    };
    this.files = {};
  }
  Static.prototype.file = function (rel) {
    var self = this, v = self.m ? "?v=" + self.m.build : "";
    return self.files[rel] = self.files[rel] || self.get(self.base + rel + v);
  };
  Static.prototype.json = function (rel) {
    return this.file(rel).then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
  };
  Static.prototype.open = function () {
    var self = this;
    return self.ready = self.ready || self.json("manifest.json").then(function (m) {
      if (m.format !== 2) throw new Error("search index format " + m.format);
      self.m = m;
      return self;
    });
  };
  // lexicon fetches the lexicon shards of a query's texts (see
  // search/static/lexicon.go): the synonym groups of its words, in index
  // order, and which of its alternatives are dictionary phrases.
  Static.prototype.lexicon = function (query) {
    var self = this, m = self.m, pre = parse(query, new Lexicon({ synonyms: [], traps: m.traps })), texts = [];
    (pre.terms || []).forEach(function (t) { texts.push(t.alts[0].text); });
    (pre.exclude || []).forEach(function (a) { texts.push(a.text); });
    return Promise.all(texts.map(function (t) {
      return self.json("l/" + (fnv(t) % m.lexicon_shards).toString(16) + ".json");
    })).then(function (shards) {
      var groups = dict(), phrases = dict();
      shards.forEach(function (sh, i) {
        if (!Object.prototype.hasOwnProperty.call(sh.w, texts[i])) return;
        phrases[texts[i]] = true;
        sh.w[texts[i]].forEach(function (g) { groups[g] = sh.g[g]; });
      });
      var syn = Object.keys(groups).sort(function (a, b) { return a - b; }).map(function (g) { return groups[g]; });
      syn.forEach(function (g) { g.forEach(function (w) { phrases[w] = true; }); });
      return { lex: new Lexicon({ synonyms: syn, traps: m.traps }), phrases: phrases };
    });
  };
  // entries fetches the shards of keys and decodes their posting lists:
  // key → sections → {docs: [], ws: []}.
  Static.prototype.entries = function (keys) {
    var self = this, n = self.m.docs, shards = {}, want = dict(), out = dict();
    keys.forEach(function (k) {
      want[k] = true;
      shards[(fnv(k) % self.m.shards).toString(16).padStart(4, "0")] = true;
    });
    return Promise.all(Object.keys(shards).map(function (s) {
      return self.file("p/" + s + ".bin").then(function (buf) { decode(new Uint8Array(buf), n, want, out); });
    })).then(function () {
      keys.forEach(function (k) {
        if (!out[k]) { out[k] = []; for (var i = 0; i < count(k); i++) out[k].push({ docs: [], ws: [] }); }
      });
      return out;
    });
  };
  function count(k) { return k[0] === "#" || k[0] === "!" ? 1 : FIELDS; }
  function decode(b, n, want, out) {
    var i = 0, dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    function uv() { var v = 0, s = 1, x; do { x = b[i++]; v += (x & 127) * s; s *= 128; } while (x & 128); return v; }
    function f32() { var v = dv.getFloat32(i, true); i += 4; return v; }
    function docs(k) { var d = [], p = 0; for (var j = 0; j < k; j++) { p = j ? p + uv() : uv(); d.push(p); } return d; }
    function weights(k) {
      var lo = f32(), r = Math.log(f32() / lo), w = [];
      for (var j = 0; j < k; j++) w.push(lo * Math.exp(r * b[i++] / 255));
      return w;
    }
    while (i < b.length) {
      var kl = uv(), key = new TextDecoder().decode(b.subarray(i, i + kl)), e = [];
      i += kl;
      for (var s = 0; s < count(key); s++) {
        var l = { docs: [], ws: [] }, df = uv();
        e.push(l);
        if (!df) continue;
        var flags = b[i++];
        if (flags & 1) {
          for (var d = 0; d < n; d++) if (b[i + (d >> 3)] & (1 << (d & 7))) l.docs.push(d);
          i += (n + 7) >> 3;
        } else l.docs = docs(df);
        if (flags & 4) l.ws = [f32()];
        else if (flags & 2) l.ws = weights(df);
        else if (flags & 8) {
          var top = docs(uv()), tw = weights(top.length), rest = f32(), k = 0;
          l.ws = l.docs.map(function (d) { return k < top.length && top[k] === d ? tw[k++] : rest; });
        }
      }
      if (want[key]) out[key] = e;
    }
  }
  // alt scores an alternative in every document, as bleve does (see evalAlt
  // in search/static/reader.go).
  function evalAlt(a, E, n) {
    var acc = new Float64Array(n), hit = new Uint8Array(n), tk = a.tokens || [], ch = a.chars || [], d, f;
    if (tk.length) {
      var fields = new Uint8Array(n);
      for (f = 0; f < FIELDS; f++) {
        var cnt = new Uint8Array(n), fs = new Float64Array(n);
        tk.forEach(function (t) { var l = E[t][f]; l.docs.forEach(function (d, i) { cnt[d]++; fs[d] += l.ws[i]; }); });
        for (d = 0; d < n; d++) if (cnt[d] === tk.length) { acc[d] += fs[d]; fields[d]++; }
      }
      for (d = 0; d < n; d++) { hit[d] = fields[d] > 0; acc[d] *= a.boost * fields[d] / FIELDS; }
    } else hit.fill(1);
    if (ch.length) {
      var cc = new Uint8Array(n);
      ch.forEach(function (c) { var l = E["#" + c][0]; l.docs.forEach(function (d, i) { cc[d]++; acc[d] += l.ws[i] * a.boost; }); });
      for (d = 0; d < n; d++) hit[d] = hit[d] && cc[d] === ch.length;
    }
    if (a.trap) E["!" + a.text.replace(/\s/g, "")][0].docs.forEach(function (d) { hit[d] = 0; });
    return [acc, hit];
  }
  // bits reads a bit stream, least significant bit of each byte first.
  function bits(b) {
    var p = 0;
    return function (k) { var v = 0; for (var j = 0; j < k; j++, p++) v |= (b[p >> 3] >> (p & 7) & 1) << j; return v; };
  }
  // unpack reads n values of k bits.
  function unpack(buf, n, k) {
    var rd = bits(new Uint8Array(buf)), col = new Uint16Array(n);
    for (var d = 0; d < n; d++) col[d] = rd(k);
    return col;
  }
  Static.prototype.facet = function (name) { return this.m.facets.filter(function (x) { return x.name === name; })[0]; };
  // columns fetches the value indices of the named facets: the group file
  // (see search/static/facets.go) or a column each.
  Static.prototype.columns = function (names) {
    var self = this, m = self.m, n = m.docs, cols = {};
    return Promise.all(names.map(function (name) {
      var f = self.facet(name);
      if (!f) return null;
      if (m.group.indexOf(name) < 0) return self.file("f/" + name + ".bin").then(function (buf) { cols[name] = unpack(buf, n, f.bits); });
      return self.file("f/group.bin").then(function (buf) {
        var rd = bits(new Uint8Array(buf)), g = m.group, tuple = [], d = 0;
        g.forEach(function (x) { cols[x] = new Uint16Array(n); });
        function node(k) {
          if (k === g.length) {
            var z = 0, c = 1;
            while (!rd(1)) z++;
            while (z--) c = c * 2 + rd(1);
            for (; c--; d++) g.forEach(function (x, j) { cols[x][d] = tuple[j]; });
            return;
          }
          var w = self.facet(g[k]).values.length + 1, set = [];
          for (var v = 0; v < w; v++) if (rd(1)) set.push(v);
          set.forEach(function (v) { tuple[k] = v; node(k + 1); });
        }
        if (n) node(0);
      });
    })).then(function () { return cols; });
  };
  // search answers req ({query, filters, sort, from, size, facets}) with the
  // shape of /api/search's response.
  Static.prototype.search = function (req) {
    var self = this, t0 = performance.now();
    return self.open().then(function () { return self.lexicon(req.query || ""); }).then(function (L) {
      var m = self.m, n = m.docs, q = parse(req.query || "", L.lex), shown = parse(req.query || "", L.lex), keys = [];
      Object.keys(req.filters || {}).forEach(function (f) {
        q.filters = q.filters || {};
        q.filters[f] = (q.filters[f] || []).concat(req.filters[f]);
      });
      function prep(a) {
        if (!a.chars && a.tokens && a.tokens.length >= 2) {
          var pk = L.phrases[a.text] ? "=" + a.text : patternKey(a.text);
          if (pk) a.tokens = [pk];
        }
        keys = keys.concat(a.tokens || [], (a.chars || []).map(function (c) { return "#" + c; }));
        if (a.trap) keys.push("!" + a.text.replace(/\s/g, ""));
      }
      (q.terms || []).forEach(function (t) { t.alts.forEach(prep); });
      (q.exclude || []).forEach(prep);
      var counted = req.facets ? (req.facetNames && req.facetNames.length ? req.facetNames : m.facets.map(function (f) { return f.name; })) : [];
      var names = Object.keys(q.filters || {}).concat(Object.keys(q.notFilters || {}), counted);
      return Promise.all([self.entries(keys), self.columns(names)]).then(function (r) {
        var E = r[0], cols = r[1], ok = new Uint8Array(n).fill(1), score = new Float64Array(n), d;
        (q.terms || []).forEach(function (t) {
          var ts = new Float64Array(n), tc = new Uint8Array(n);
          t.alts.forEach(function (a) {
            var ev = evalAlt(a, E, n);
            for (d = 0; d < n; d++) if (ev[1][d]) { ts[d] += ev[0][d]; tc[d]++; }
          });
          for (d = 0; d < n; d++) {
            if (!tc[d]) ok[d] = 0;
            else score[d] += t.alts.length > 1 ? ts[d] * tc[d] / t.alts.length : ts[d];
          }
        });
        (q.exclude || []).forEach(function (a) { var ev = evalAlt(a, E, n); for (d = 0; d < n; d++) if (ev[1][d]) ok[d] = 0; });
        [[q.filters, true], [q.notFilters, false]].forEach(function (fk) {
          Object.keys(fk[0] || {}).forEach(function (name) {
            var f = self.facet(name), want = {};
            if (!f) { if (fk[1]) ok.fill(0); return; }
            fk[0][name].forEach(function (v) { var i = f.values.indexOf(v); if (i >= 0) want[i] = true; });
            for (d = 0; d < n; d++) if (!!want[cols[name][d]] !== fk[1]) ok[d] = 0;
          });
        });
        var hits = [];
        for (d = 0; d < n; d++) if (ok[d]) hits.push(d);
        // Without terms every score is equal, and the server sorts by date.
        if (req.sort === "date" || !q.terms) return self.file("f/date.bin").then(function (buf) {
          var rank = unpack(buf, n, m.date_bits);
          return finish(hits.sort(function (a, b) { return rank[a] - rank[b]; }));
        });
        return finish(hits.sort(function (a, b) { return score[b] - score[a] || a - b; }));
        function finish(hits) {
          var from = Math.max(req.from || 0, 0), page = hits.slice(from, from + (req.size || 10));
          var res = { query: req.query || "", total: hits.length, from: from, hits: [], engine: "static" };
          if (req.facets) res.facets = facetCounts(m, cols, counted, hits);
          return Promise.all(page.map(function (d) {
            return self.json("d/" + Math.floor(d / m.chunk) + ".json").then(function (c) {
              var x = c[d % m.chunk];
              return { id: x.i, url: x.u, kind: x.k, kind_label: kindLabel(x.k), title: fragment(x.t, spansOf(x.t, shown), 0),
                snippet: fragment(x.s || "", spansOf(x.s || "", shown), 120), date: x.d, region: x.r, domain: x.m, score: score[d] };
            });
          })).then(function (hs) { res.hits = hs; res.took_ms = performance.now() - t0; return res; });
        }
      });
    });
  };
  // patternKey is search/static.PatternKey: article references and runs of
  // words joined by - / . _ have posting lists of their own.
  function patternKey(text) {
    if (/^第[〇零一二两三四五六七八九十百千]+[条款项章节编]$/.test(text)) return "=" + text;
    var t = tokenize(text);
    if (t.length < 2) return null;
    for (var i = 0; i < t.length; i++) {
      if (t[i][4] !== 0) return null;
      if (i && !/^[-/._]$/.test(text.slice(t[i - 1][3], t[i][2]))) return null;
    }
    return "=" + t.map(function (x) { return x[0]; }).join("-");
  }
  function kindLabel(k) { var l = KINDS.filter(function (x) { return x[0] === k; })[0]; return l ? l[1] : k; }
  function facetCounts(m, cols, names, hits) {
    var out = [];
    m.facets.forEach(function (f) {
      if (names.indexOf(f.name) < 0) return;
      var c = new Array(f.values.length + 1).fill(0), vs = [];
      hits.forEach(function (d) { c[cols[f.name][d]]++; });
      f.values.forEach(function (v, i) { if (c[i]) vs.push({ value: v, label: f.name === "kind" ? kindLabel(v) : v, count: c[i] }); });
      var rank = KINDS.map(function (k) { return k[0]; });
      vs.sort(f.name === "year" ? function (a, b) { return a.value < b.value ? 1 : a.value > b.value ? -1 : 0; }
        : f.name === "kind" ? function (a, b) { return rank.indexOf(a.value) - rank.indexOf(b.value); }
          : function (a, b) { return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0); });
      if (vs.length) out.push({ name: f.name, label: f.label, values: vs });
    });
    return out;
  }

  // ---- the page -----------------------------------------------------------

  var PARAMS = ["kind", "domain", "region", "stage", "year"];
  var SIZE = 10;

  // engine answers with the server's API when it responds, else the static
  // index; the choice is made once per page.
  function engine(box) {
    var api = box.getAttribute("data-api"), st = new Static(box.getAttribute("data-index"));
    var useAPI = api ? null : false;
    return function (req) {
      if (useAPI === false) return st.search(req);
      var u = new URLSearchParams({ q: req.query, sort: req.sort || "", page: String(Math.floor(req.from / SIZE) + 1) });
      Object.keys(req.filters).forEach(function (f) { req.filters[f].forEach(function (v) { u.append(f, v); }); });
      var ctl = new AbortController(), timer = setTimeout(function () { ctl.abort(); }, 3000);
      return fetch(api + "?" + u, { signal: ctl.signal }).then(function (r) {
        clearTimeout(timer);
        if (!r.ok || (r.headers.get("content-type") || "").indexOf("json") < 0) throw new Error("no api");
        useAPI = true;
        return r.json();
      }).catch(function (e) {
        if (useAPI) throw e;
        useAPI = false;
        return st.search(req);
      });
    };
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function page(box) {
    var form = box.querySelector("form"), input = form.querySelector("input[name=q]"), sortSel = form.querySelector("select[name=sort]");
    var status = box.querySelector(".search-status"), list = box.querySelector(".search-results"),
      facetBox = box.querySelector(".search-facets"), pager = box.querySelector(".search-pages");
    var base = box.getAttribute("data-base") || "/", run = engine(box), seq = 0;
    function state() {
      var u = new URLSearchParams(location.search), filters = {};
      PARAMS.forEach(function (p) { var v = u.getAll(p).filter(Boolean); if (v.length) filters[p] = v; });
      return { query: u.get("q") || "", filters: filters, sort: u.get("sort") === "date" ? "date" : "", from: (Math.max(parseInt(u.get("page") || "1", 10) || 1, 1) - 1) * SIZE, size: SIZE, facets: true, facetNames: PARAMS };
    }
    function go(req, push) {
      var u = new URLSearchParams();
      if (req.query) u.set("q", req.query);
      Object.keys(req.filters).forEach(function (f) { req.filters[f].forEach(function (v) { u.append(f, v); }); });
      if (req.sort) u.set("sort", req.sort);
      if (req.from) u.set("page", String(req.from / SIZE + 1));
      history[push ? "pushState" : "replaceState"](null, "", "?" + u);
      show();
    }
    function show() {
      var req = state(), my = ++seq;
      input.value = req.query;
      if (sortSel) sortSel.value = req.sort;
      if (!req.query && !Object.keys(req.filters).length) { status.textContent = "请输入检索词。"; list.textContent = ""; facetBox.textContent = ""; pager.textContent = ""; return; }
      status.textContent = "正在检索…";
      run(req).then(function (res) {
        if (my !== seq) return;
        render(req, res);
      }).catch(function (e) { if (my === seq) status.textContent = "检索失败：" + e.message; });
    }
    function render(req, res) {
      box.setAttribute("data-engine", res.engine || "bleve");
      status.textContent = "共 " + res.total + " 条结果" + (res.total ? "，第 " + (res.from + 1) + "–" + (res.from + res.hits.length) + " 条" : "") + "。";
      list.textContent = "";
      res.hits.forEach(function (h) {
        var li = el("li", "hit"), a = el("a");
        a.href = base + h.url;
        a.innerHTML = h.title;
        var meta = el("p", "hit-meta", [h.kind_label, h.region, h.domain, h.date].filter(Boolean).join(" · "));
        var snip = el("p", "hit-snippet");
        snip.innerHTML = h.snippet;
        li.append(el("h3"), meta, snip);
        li.firstChild.append(a);
        list.append(li);
      });
      facetBox.textContent = "";
      (res.facets || []).forEach(function (f) {
        if (PARAMS.indexOf(f.name) < 0) return;
        var g = el("fieldset", "facet"), ul = el("ul");
        g.append(el("legend", null, f.label), ul);
        f.values.forEach(function (v) {
          var li = el("li"), id = "f-" + f.name + "-" + v.value, cb = el("input");
          cb.type = "checkbox"; cb.id = id; cb.checked = (req.filters[f.name] || []).indexOf(v.value) >= 0;
          cb.addEventListener("change", function () {
            var r = state(), vs = r.filters[f.name] || [];
            r.filters[f.name] = cb.checked ? vs.concat(v.value) : vs.filter(function (x) { return x !== v.value; });
            if (!r.filters[f.name].length) delete r.filters[f.name];
            r.from = 0;
            go(r, true);
          });
          var lab = el("label", null, v.label + " ");
          lab.htmlFor = id;
          lab.append(el("span", "count", "(" + v.count + ")"));
          li.append(cb, lab);
          ul.append(li);
        });
        facetBox.append(g);
      });
      pager.textContent = "";
      var pages = Math.ceil(res.total / SIZE), cur = req.from / SIZE + 1;
      if (pages > 1) {
        [["上一页", cur - 1], ["下一页", cur + 1]].forEach(function (p) {
          if (p[1] < 1 || p[1] > pages) return;
          var b = el("button", "page", p[0]);
          b.type = "button";
          b.addEventListener("click", function () { var r = state(); r.from = (p[1] - 1) * SIZE; go(r, true); box.scrollIntoView(); });
          pager.append(b);
        });
        pager.append(el("span", "page-no", "第 " + cur + " / " + pages + " 页"));
      }
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var r = state();
      r.query = input.value.trim(); r.from = 0;
      if (sortSel) r.sort = sortSel.value;
      go(r, true);
    });
    if (sortSel) sortSel.addEventListener("change", function () { var r = state(); r.sort = sortSel.value; r.from = 0; go(r, true); });
    window.addEventListener("popstate", show);
    // Keyboard: ↓/↑ move between the results, Esc returns to the box.
    box.addEventListener("keydown", function (e) {
      var links = [].slice.call(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && (i >= 0 || document.activeElement === input) && links.length) { links[Math.min(i + 1, links.length - 1)].focus(); e.preventDefault(); }
      else if (e.key === "ArrowUp" && i >= 0) { (i ? links[i - 1] : input).focus(); e.preventDefault(); }
      else if (e.key === "Escape") { input.focus(); input.select(); }
    });
    show();
  }

  // "/" focuses the site's search box from anywhere but a text field.
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
    var box = document.querySelector("#search input[name=q], .site-search input[name=q]");
    if (box) { box.focus(); e.preventDefault(); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("search");
    if (box) page(box);
  });

  window.huajieSearch = { tokenize: tokenize, normalize: normalize, parse: parse, Lexicon: Lexicon, Static: Static, fragment: fragment, spans: spansOf };
})();
