// Package library loads the real, read-only legal sources a site mounts
// (site.yaml libraries.laws and libraries.precedents): statutes in the
// LawRefBook layout and published cases in the layouts of the SPC's guiding
// cases, the SPP's 检例, the SPC Gazette and LawRefBook's typical cases.
// These texts are reproduced, never edited, so the loaders keep every word
// of them and report only what makes a file unusable: a file that is not
// UTF-8 or not in any of the layouts. Mounting all of LawRefBook (3,422
// files) therefore reports nothing.
//
// # Laws
//
// A law file is LawRefBook's: line 1 "# 全称", the history (one paragraph
// per event, 日期 事件), the line <!-- INFO END -->, then the body —
// ## 编/分编/章 and ### 节 headings and articles as paragraphs beginning 第X条
// (or 第X条之一). The body is read by statute in its verbatim mode, which
// keeps the text however the source numbers or heads it: the 第一章 heading
// some sources omit (Doc.Leading), numbering gaps and repeats, headings that
// are not divisions (序言, 一、一般规定, 附件一 — a Division of Kind ""),
// text after the last article under such a heading (Division.Text),
// tables, and files without any article (刑法修正案, decisions, 批复), whose
// text is the Preamble. Zero-width characters (U+200B, U+FEFF) are removed
// and the typographic spaces (U+2002, U+00A0) of scraped text read as
// spaces, without moving any line.
//
// Decisions for laws:
//   - A mount is walked recursively for *.md. README.md, index.md and
//     _index.md (folder notes, Hugo stubs) and hidden files and folders are
//     skipped silently; any other Markdown file without the "# " title or
//     the marker is reported at its path and left out: a wrong folder
//     mounted should fail the build, a note beside the laws should not.
//   - Version is the date in the file name (行政诉讼法(2017-06-27).md), the
//     latest promulgation or amendment date; without one, the newest date in
//     the history, leaving out lines that only say when the text takes
//     effect; without any, "".
//   - Category is the first folder under the mount; in LawRefBook's DLC
//     tree (DLC/<省>地方法规/地方性法规/<省>/) it is the kind, 地方性法规, and
//     Region the province.
//   - A second "# " heading before the marker names a book published as its
//     own file (民法典 in eight files: # 中华人民共和国民法典 / # 合同编). It
//     is Part, and part of Key, so that the books are not taken for versions
//     of one another.
//   - Group files the laws by Key (cite.Normalize of the title) newest first;
//     Pick chooses the version in force on a date (see Pick for the cases
//     before the first version and undated texts).
//
// # Precedents
//
// The layout is told from the text, not the folder:
//   - 指导性案例 (最高人民法院): a first line 指导案例N号：标题 or
//     指导性案例N号标题; then, in the older pages, 原文网址 and the title again
//     broken over lines, the line （最高人民法院审判委员会讨论通过…发布） (itself
//     broken in a few), and the headings 关键词 裁判要点 相关法条 基本案情
//     裁判结果 裁判理由 as bare, indented or bold lines (关键词 often with the
//     keywords on its line). ID zd-N, Authority 指导性案例.
//   - 检例 (最高人民检察院): （检例第N号） in the first lines, headings in
//     【】 (one split over two lines, 【要 / 旨】, is joined). Authority
//     检察指导性案例: binding on procuratorates and, for courts and mediators,
//     persuasive rather than 应当参照. ID jl-N. A file that runs on into the
//     next 检例 (207 carries 208) ends where that one's title begins.
//   - 公报案例: "#标题" or "## 标题", an optional headnote 【裁判摘要】
//     (［裁判摘要］, 【案例要旨】), then the judgment as plain paragraphs
//     without headings. Its sections start where a court states what it
//     found or held (建湖县人民法院一审查明：, 江苏省高级人民法院认为：,
//     本院认为：), headed by those words; the text before the first is 案情.
//     A Gazette file in the guiding-case layout is read as one. ID
//     gb-<file name>.
//   - 典型案例 (LawRefBook): "# 标题", an info block, <!-- INFO END -->,
//     ## headings. When the first heading is a case name with nothing under
//     it, it is the Title and the file's own heading, which then states the
//     rule, is Headline. ID dx-<file name> (at most 40 characters).
//
// Decisions for precedents:
//   - Points is the 裁判要点 (要旨, 裁判摘要, 案例要旨, 裁判要旨). Articles are the
//     lines of 相关法条 (相关规定, 相关法律规定, 相关立法, 司法解释相关法条), one
//     entry per cited instrument as written, without list numbering; bare
//     article lines under a title join it (检例: 《刑法》第一百四十四条 /
//     第一百四十条). When that section also quotes the provisions' text it is
//     kept whole among Sections too.
//   - Keywords are split on "/" (a keyword broken over two lines is joined),
//     on spaces, or one a line; where the oldest scrapes lost the separators
//     the domain (民事, 行政 …) is split off and the rest kept as scraped.
//   - Court, Date and CaseNo come from the last dated decision of a court
//     the text reports (the effective one); Date falls back to Published,
//     the release date. CaseNo is taken only where the text introduces the
//     decision's own number (作出（2009）…号, 以（2009）…号).
//   - IDs are unique: a guiding case or 检例 number loaded twice is reported
//     (mount each set once); two files named alike in different sets get
//     -2, -3 … in path order.
package library
