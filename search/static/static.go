// Package static writes the search index a page script queries on a plain
// static host, and reads it back the way the script does (the Go reader is
// the script's reference: tests compare the two, and the quality tests
// compare the reader with bleve).
//
// Layout under the index folder (public/search/):
//
//	manifest.json    format, analyzer version, trap words and the lexicon's
//	                 hash, document count, shard counts, facet tables
//	l/X.json         the lexicon and phrase dictionary, sharded by word
//	                 (see lexicon.go)
//	p/XXXX.bin       postings, sharded by FNV-1a hash of the token
//	d/N.json         display metadata of documents N·chunk … N·chunk+chunk−1
//	f/group.bin      the values of the grouped facets (see facets.go)
//	f/NAME.bin       the bit-packed column of another facet, fetched for its
//	                 counts and filters
//	f/date.bin       each document's rank by date, for date order
//
// Documents are numbered by their grouped facets' values (facets.go), and
// by date among equals. A shard is a sequence of entries, sorted by key:
//
//	uvarint len(key), key
//	sections: four for a token or a phrase (title, keywords, summary,
//	body), one for a character ("#"+c, the chars field) or a trap word
//	("!"+w: the documents where w occurs only inside longer words; no
//	weights)
//
// and a section is
//
//	uvarint df; when df > 0:
//	byte    flags: 1 bitmap, 2 quantized weights, 4 one exact weight
//	        bitmap: ⌈N/8⌉ bytes, document d is bit d&7 of byte d>>3;
//	        else:   df uvarints, the first document number then the gaps
//	        2:      float32 wmin, float32 wmax, then df bytes q, in document
//	                order: w = wmin·(wmax/wmin)^(q/255)
//	        4:      float32 w
//	        8:      uvarint k, k document numbers as above, float32 wmin,
//	                float32 wmax, k bytes q: the weights of the k heaviest
//	                documents; then float32 w, the weight of all the others
//
// The weight of a token in a field of a document is the score bleve gives
// that term query (schema's formula, the field boost included). The script
// matches a phrase in a field when all its tokens are in that field, adds
// their weights and multiplies by the share of fields that matched, as
// bleve's disjunction does; it only intersects postings and adds weights.
// Without positions that is a bigram AND, not a phrase, except for the
// phrases of query.Phrases ("=" + phrase: the lexicon's and vocabulary's
// words, frequent keywords, article references, joined words), which have
// entries of their own whose weight is the phrase's: those match exactly.
// The lexicon shards list the dictionary's words.
package static

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"huajie/search/analysis"
	"huajie/search/query"
	"huajie/search/schema"
)

// Format is the version of the layout above.
const Format = 2

// Writer receives the index files (paths relative to the output folder).
// It has the method of the build's output writer and must be safe for
// concurrent use. It may keep data: Write never changes what it passed.
type Writer interface {
	WriteFile(rel string, data []byte) error
}

// Options configure Write. The zero value writes under "search/" with the
// default lexicon, one document per metadata file, shards of about 1 KB
// and DefaultGroup.
type Options struct {
	Dir     string         // folder in the output; "" means "search"
	Lexicon *query.Lexicon // nil means query.Default()
	// Chunk is the number of documents per metadata file. A page of hits
	// rarely has two neighbours, so more than one mostly adds bytes.
	Chunk int
	// Group are the facets documents are numbered by, coarse to fine (see
	// facets.go): those the search page counts on every query. Nil means
	// DefaultGroup; facets the index does not have are left out.
	Group []string
	// Phrases are words worth one posting list of their own besides the
	// lexicon's (the build passes the controlled vocabulary); keywords
	// shared by enough documents are added.
	Phrases []string
	// ShardBytes is the target average shard size. A query fetches one
	// shard per key, with the other keys that hash there: smaller shards
	// waste fewer bytes per query and write more files.
	ShardBytes int
	// SnippetChars bounds the text kept per document for snippets.
	SnippetChars int
}

func (o Options) withDefaults() Options {
	if o.Dir == "" {
		o.Dir = "search"
	}
	if o.Lexicon == nil {
		o.Lexicon = query.Default()
	}
	if o.Chunk <= 0 {
		o.Chunk = 1
	}
	if o.Group == nil {
		o.Group = DefaultGroup
	}
	if o.ShardBytes <= 0 {
		o.ShardBytes = 1024
	}
	if o.SnippetChars <= 0 {
		o.SnippetChars = 80
	}
	return o
}

// Stats report what Write wrote.
type Stats struct {
	Docs, Tokens, Shards, Files int
	Bytes                       int64 // total size of the files
	PostingBytes                int64
	Took                        time.Duration
}

// Manifest is manifest.json.
type Manifest struct {
	Format   int    `json:"format"`
	Analyzer string `json:"analyzer"`
	// Traps are the lexicon's trap words; its synonyms and the phrase
	// dictionary are in LexShards files l/X.json.
	Traps     []string        `json:"traps"`
	LexShards int             `json:"lexicon_shards"`
	LexHash   string          `json:"lexicon_hash"`
	Build     string          `json:"build"` // changes whenever any file changes
	Docs      int             `json:"docs"`
	Shards    int             `json:"shards"`
	Chunk     int             `json:"chunk"`
	Facets    []ManifestFacet `json:"facets"`
	// Group are the facets in f/group.bin, in nesting order.
	Group []string `json:"group"`
	// DateBits is the width of a rank in f/date.bin.
	DateBits int     `json:"date_bits"`
	Literal  float64 `json:"literal_boost"`
}

// ManifestFacet describes a facet and, outside the group, its column file.
type ManifestFacet struct {
	Name   string   `json:"name"`
	Label  string   `json:"label"`
	Values []string `json:"values"` // value index i; len(Values) is none
	Bits   int      `json:"bits,omitempty"`
	// The column, f/NAME.bin: document d's value index is the Bits bits
	// from bit d·Bits, least significant first.
}

// Meta is one document's display metadata in d/N.json.
type Meta struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Kind    string `json:"k"`
	Date    string `json:"d,omitempty"`
	Region  string `json:"r,omitempty"`
	Domain  string `json:"m,omitempty"`
	Snippet string `json:"s,omitempty"`
	ID      string `json:"i"`
}

// Hash is FNV-1a (32 bits) of a key: its shard is Hash(key) mod shards.
func Hash(key string) uint32 { return hashFrom(2166136261, key) }

// Order returns docs in date order: newest first (undated last), then by
// ID. f/date.bin holds each document's place in it.
func Order(docs []schema.Doc) []schema.Doc {
	out := append([]schema.Doc(nil), docs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Date, out[j].Date
		if !a.Equal(b) {
			if a.IsZero() || b.IsZero() {
				return b.IsZero()
			}
			return a.After(b)
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// posting is one document of a token: its number and term frequency per
// text field (capped at 255; a character uses the first).
type posting struct {
	doc uint32
	tf  [4]uint8
}

type token struct {
	key      string
	h        uint32  // Hash(key)
	cur      posting // the document being counted, not yet in postings
	counting bool
	postings []posting
	starts   []*phrase  // dictionary phrases whose first token this is
	idf      [4]float64 // per text field, once all postings are in
}

// phrase is a dictionary word with a posting list of its own.
type phrase struct {
	key    string   // "=" + text
	tokens []string // its analysis: two tokens or more
}

// add returns the posting of doc, where the counts go. Documents arrive in
// increasing order; the current one is counted in the token itself (one
// cache line per occurrence) and appended when the next one starts.
func (t *token) add(doc uint32) *posting {
	if !t.counting {
		t.cur, t.counting = posting{doc: doc}, true
	} else if t.cur.doc != doc {
		t.postings = append(t.postings, t.cur)
		t.cur = posting{doc: doc}
	}
	return &t.cur
}

// done appends the document being counted.
func (t *token) done() {
	if t.counting {
		t.postings = append(t.postings, t.cur)
		t.counting = false
	}
}

// table is a hash table of tokens keyed by their FNV hash, which the shard
// assignment needs anyway: lookups hash each token once.
type table struct {
	slots  []*token // open addressing; length a power of two
	toks   []*token // in insertion order
	starts map[string][]*phrase
}

func newTable(starts map[string][]*phrase) *table {
	return &table{slots: make([]*token, 1<<12), starts: starts}
}

func (tb *table) get(key string, h uint32) *token {
	mask := uint32(len(tb.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		t := tb.slots[i]
		if t == nil {
			t = &token{key: strings.Clone(key), h: h, starts: tb.starts[key]}
			tb.slots[i] = t
			tb.toks = append(tb.toks, t)
			if 2*len(tb.toks) > len(tb.slots) {
				tb.grow()
			}
			return t
		}
		if t.h == h && t.key == key {
			return t
		}
	}
}

// lookup returns the token of key, or nil.
func (tb *table) lookup(key string) *token {
	h := Hash(key)
	mask := uint32(len(tb.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		t := tb.slots[i]
		if t == nil || t.h == h && t.key == key {
			return t
		}
	}
}

func (tb *table) grow() {
	tb.slots = make([]*token, 2*len(tb.slots))
	mask := uint32(len(tb.slots) - 1)
	for _, t := range tb.toks {
		i := t.h & mask
		for tb.slots[i] != nil {
			i = (i + 1) & mask
		}
		tb.slots[i] = t
	}
}

// Write writes the static index of docs to w.
func Write(ctx context.Context, docs []schema.Doc, w Writer, opts Options) (Stats, error) {
	start := time.Now()
	opts = opts.withDefaults()
	docs = Order(docs)
	n := len(docs)
	st := Stats{Docs: n}
	for i := 1; i < n; i++ {
		if docs[i].ID == docs[i-1].ID {
			return st, fmt.Errorf("search: two documents have the id %q", docs[i].ID)
		}
	}
	facets := facetValues(docs)
	group := groupOf(facets, opts.Group)
	rankOf := make(map[string]int, n)
	for i := range docs {
		rankOf[docs[i].ID] = i
	}
	docs, tuples := number(docs, facets, group)
	dateRank := make([]int, n)
	for i := range docs {
		dateRank[i] = rankOf[docs[i].ID]
	}

	phrases, extra := dictionary(docs, opts)
	starts := map[string][]*phrase{}
	phraseOf := map[string]*phrase{}
	for _, ph := range phrases {
		starts[ph.tokens[0]] = append(starts[ph.tokens[0]], ph)
		phraseOf[ph.key] = ph
	}

	// Workers tokenize contiguous ranges of documents into tables of their
	// own; the tables are then merged in range order, which keeps every
	// posting list sorted by document.
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	tables := make([]*table, workers)
	patterns := make([]map[string]*phrase, workers)
	lens := make([][5]uint32, n) // token counts per text field, then chars
	var wg sync.WaitGroup
	for p := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			patterns[p] = map[string]*phrase{}
			tables[p] = collect(ctx, docs, p*n/workers, (p+1)*n/workers, lens, opts.Lexicon, starts, phraseOf, patterns[p])
			for _, t := range tables[p].toks {
				t.done()
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return st, err
	}
	all := tables[0]
	for _, tb := range tables[1:] {
		for _, t := range tb.toks {
			g := all.get(t.key, t.h)
			g.postings = append(g.postings, t.postings...)
		}
	}
	st.Tokens = len(all.toks)
	for _, t := range all.toks {
		if t.key[0] != '#' && t.key[0] != '!' && t.key[0] != '=' {
			var df [4]int
			for _, pt := range t.postings {
				for f := range df {
					if pt.tf[f] > 0 {
						df[f]++
					}
				}
			}
			for f := range df {
				t.idf[f] = schema.IDF(n, df[f])
			}
		}
	}
	// Every dictionary phrase has an entry, if only an empty one, so that
	// the script can trust the dictionary.
	for _, ph := range phrases {
		all.get(ph.key, Hash(ph.key))
	}
	for _, m := range patterns {
		for k, ph := range m {
			if phraseOf[k] == nil {
				phraseOf[k] = ph
			}
		}
	}

	var totals [5]int
	for _, l := range lens {
		for f := range totals {
			totals[f] += int(l[f])
		}
	}
	var avg [5]float64
	for f := range avg {
		avg[f] = schema.AvgLen(totals[f], n)
	}

	// Enough shards for about ShardBytes each, never more than tokens.
	var approx int64
	for _, t := range all.toks {
		approx += int64(len(t.key) + 8 + min(len(t.postings), partialMin)*2)
	}
	shards := 1
	for int64(shards)*int64(opts.ShardBytes) < approx && shards < len(all.toks) {
		shards *= 2
	}
	st.Shards = shards
	byShard := make([][]*token, shards)
	for _, t := range all.toks {
		s := t.h % uint32(shards)
		byShard[s] = append(byShard[s], t)
	}

	files := newFileSet(w, opts.Dir)
	var postingBytes atomic.Int64
	for p := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for s := p; s < shards; s += workers {
				if s%256 == p && ctx.Err() != nil {
					return
				}
				toks := byShard[s]
				sort.Slice(toks, func(i, j int) bool { return toks[i].key < toks[j].key })
				buf.Reset()
				for _, t := range toks {
					var secs []section
					if ph := phraseOf[t.key]; ph != nil {
						secs = phraseSections(t, ph, all, lens, avg)
					} else {
						secs = sections(t, n, lens, avg)
					}
					encodeEntry(&buf, t.key, secs, n)
				}
				postingBytes.Add(int64(buf.Len()))
				files.write(ShardPath(s), bytes.Clone(buf.Bytes()))
			}
		}()
	}
	metaHash := writeMeta(docs, opts, files)
	lexShards := writeLexicon(opts.Lexicon, extra, files)
	dateBits := writeFacets(docs, facets, group, tuples, dateRank, files)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if files.err != nil {
		return st, files.err
	}
	st.PostingBytes = postingBytes.Load()

	m := Manifest{
		Format: Format, Analyzer: analysis.Version, Traps: append([]string{}, opts.Lexicon.Traps()...), LexShards: lexShards, LexHash: opts.Lexicon.Hash(),
		Docs: n, Shards: shards, Chunk: opts.Chunk, Facets: facets, Group: group, DateBits: dateBits,
		Literal: schema.LiteralBoost,
	}
	m.Build = strconv.FormatUint(files.digest()^metaHash, 36)
	raw, err := json.Marshal(m)
	if err != nil {
		return st, err
	}
	files.write("manifest.json", raw)
	if files.err != nil {
		return st, files.err
	}
	st.Files, st.Bytes = files.count, files.bytes
	st.Took = time.Since(start)
	return st, nil
}

// charSeed is the FNV state after "#", the prefix of character keys.
var charSeed = hashFrom(2166136261, "#")

// collect tokenizes documents lo to hi into a table of their tokens,
// characters, dictionary and pattern phrases and non-words, and records
// their field lengths. The pattern phrases it finds go to patterns.
func collect(ctx context.Context, docs []schema.Doc, lo, hi int, lens [][5]uint32, lex *query.Lexicon, starts map[string][]*phrase, phraseOf map[string]*phrase, patterns map[string]*phrase) *table {
	tb := newTable(starts)
	var spans []analysis.Token       // the current field's tokens, for word runs
	chars := make([]*token, 0x10000) // BMP ideographs seen, by rune
	charTF := make([]uint16, 0x10000)
	var touched []rune
	var keyBuf []byte
	var field []*token // the tokens of the current field, for phrases
	for i := lo; i < hi; i++ {
		if i%256 == 0 && ctx.Err() != nil {
			return tb
		}
		d := &docs[i]
		doc := uint32(i)
		l := &lens[i]
		// Characters are counted per document in an array and added to
		// their tokens once per document: far fewer table visits.
		touched = touched[:0]
		onChar := func(term string, _, _ int) {
			l[4]++
			r, _ := utf8.DecodeRuneInString(term)
			if r < 0x10000 {
				if charTF[r] == 0 {
					touched = append(touched, r)
				}
				charTF[r]++
				return
			}
			keyBuf = append(append(keyBuf[:0], '#'), term...)
			if pt := tb.get(string(keyBuf), hashFrom(charSeed, term)).add(doc); pt.tf[0] < 255 {
				pt.tf[0]++
			}
		}
		for f, tf := range schema.TextFields {
			text := d.Text(tf.Name)
			field, spans = field[:0], spans[:0]
			hasStart := false
			analysis.EachWithChars(text, func(t analysis.Token) {
				l[f]++
				tok := tb.get(t.Term, Hash(t.Term))
				if pt := tok.add(doc); pt.tf[f] < 255 {
					pt.tf[f]++
				}
				field = append(field, tok)
				spans = append(spans, t)
				hasStart = hasStart || tok.starts != nil
			}, onChar)
			mark := func(key string, tokens func() []string) {
				t := tb.get(key, Hash(key))
				if patterns[key] == nil && phraseOf[key] == nil {
					patterns[key] = &phrase{key: key, tokens: tokens()}
				}
				if pt := t.add(doc); pt.tf[f] < 255 {
					pt.tf[f]++
				}
			}
			query.EachPattern(text, spans, mark)
			if !hasStart {
				continue
			}
			for k, tok := range field {
				for _, ph := range tok.starts {
					if k+len(ph.tokens) > len(field) {
						continue
					}
					match := true
					for j, pt := range ph.tokens[1:] {
						if field[k+1+j].key != pt {
							match = false
							break
						}
					}
					if match {
						if pt := tb.get(ph.key, Hash(ph.key)).add(doc); pt.tf[f] < 255 {
							pt.tf[f]++
						}
					}
				}
			}
		}
		for _, r := range touched {
			t := chars[r]
			if t == nil {
				var buf [4]byte
				term := string(buf[:utf8.EncodeRune(buf[:], r)])
				t = tb.get("#"+term, hashFrom(charSeed, term))
				chars[r] = t
			}
			t.add(doc).tf[0] = uint8(min(charTF[r], 255))
			charTF[r] = 0
		}
		for _, w := range lex.NonWords(d.Title, d.Keywords, d.Summary, d.Body) {
			key := "!" + w
			tb.get(key, Hash(key)).add(doc)
		}
	}
	return tb
}

// dictionary returns the phrases that get posting lists of their own: the
// lexicon's words, opts.Phrases and the keywords of at least
// max(2, N/500) documents (at most 400 of them), when they analyse into
// two tokens or more and no single characters. extra are those beyond the
// lexicon's words.
func dictionary(docs []schema.Doc, opts Options) (phrases []*phrase, extra []string) {
	seen := map[string]bool{}
	add := func(text string, isExtra bool) {
		key := "=" + text
		if seen[key] {
			return
		}
		tokens, chars := query.Analyze(text)
		if len(tokens) < 2 || len(chars) > 0 {
			return
		}
		seen[key] = true
		phrases = append(phrases, &phrase{key: key, tokens: tokens})
		if isExtra {
			extra = append(extra, text)
		}
	}
	for _, w := range opts.Lexicon.Words() {
		add(w, false)
	}
	for _, p := range opts.Phrases {
		add(query.Key(p), true)
	}
	var keywords []string
	for i := range docs {
		keywords = append(keywords, docs[i].Keywords)
	}
	for _, kw := range query.FrequentKeywords(keywords) {
		add(kw, true)
	}
	sort.Strings(extra)
	return phrases, extra
}

func hashFrom(h uint32, s string) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// ShardPath is the file of shard s, relative to the index folder.
func ShardPath(s int) string { return fmt.Sprintf("p/%04x.bin", s) }

// section is one posting list of an entry: document numbers ascending and
// their weights (nil for trap lists).
type section struct {
	docs []uint32
	ws   []float64
}

// sections returns the lists of t's entry: one per text field for a token
// (the weight of the token in that field alone, boost included: the page
// script ANDs a phrase's tokens per field and applies bleve's field
// coordination itself), one for a character or a trap word.
func sections(t *token, n int, lens [][5]uint32, avg [5]float64) []section {
	switch t.key[0] {
	case '!':
		s := section{}
		for _, pt := range t.postings {
			s.docs = append(s.docs, pt.doc)
		}
		return []section{s}
	case '#':
		idf := schema.IDF(n, len(t.postings))
		s := section{}
		for _, pt := range t.postings {
			s.docs = append(s.docs, pt.doc)
			s.ws = append(s.ws, schema.CharsBoost*schema.TermWeight(idf, int(pt.tf[0]), int(lens[pt.doc][4]), avg[4]))
		}
		return []section{s}
	}
	out := make([]section, len(schema.TextFields))
	for f, tf := range schema.TextFields {
		for _, pt := range t.postings {
			if pt.tf[f] > 0 {
				out[f].docs = append(out[f].docs, pt.doc)
				out[f].ws = append(out[f].ws, tf.Boost*schema.TermWeight(t.idf[f], int(pt.tf[f]), int(lens[pt.doc][f]), avg[f]))
			}
		}
	}
	return out
}

// phraseSections returns the lists of a dictionary phrase: per text field,
// the documents where its tokens occur in a row, weighing what bleve's
// phrase query scores there: the sum of its tokens' weights in the field.
func phraseSections(t *token, ph *phrase, all *table, lens [][5]uint32, avg [5]float64) []section {
	toks := make([]*token, len(ph.tokens))
	for i, k := range ph.tokens {
		toks[i] = all.lookup(k)
	}
	out := make([]section, len(schema.TextFields))
	for _, pt := range t.postings {
		for f, tf := range schema.TextFields {
			if pt.tf[f] == 0 {
				continue
			}
			w := 0.0
			for _, tok := range toks {
				if tok == nil {
					continue
				}
				i := sort.Search(len(tok.postings), func(i int) bool { return tok.postings[i].doc >= pt.doc })
				if i < len(tok.postings) && tok.postings[i].doc == pt.doc {
					w += tf.Boost * schema.TermWeight(tok.idf[f], int(tok.postings[i].tf[f]), int(lens[pt.doc][f]), avg[f])
				}
			}
			out[f].docs = append(out[f].docs, pt.doc)
			out[f].ws = append(out[f].ws, w)
		}
	}
	return out
}

const (
	flagBitmap  = 1
	flagWeights = 2
	flagExact   = 4
	flagPartial = 8
)

// A section with more than partialMin documents keeps the weights of its
// partialTop heaviest documents only; the others get the mean of theirs.
// Such a token is common, so its idf and its share of a score are small,
// and the heaviest documents are the ones that can reach the first page.
const (
	partialMin = 1024
	partialTop = 256
)

func encodeEntry(buf *bytes.Buffer, key string, secs []section, n int) {
	putUvarint(buf, uint64(len(key)))
	buf.WriteString(key)
	for _, s := range secs {
		encodeSection(buf, s, n)
	}
}

func putUvarint(buf *bytes.Buffer, v uint64) {
	var tmp [binary.MaxVarintLen64]byte
	buf.Write(tmp[:binary.PutUvarint(tmp[:], v)])
}

func encodeSection(buf *bytes.Buffer, s section, n int) {
	df := len(s.docs)
	putUvarint(buf, uint64(df))
	if df == 0 {
		return
	}
	listSize, prev := 0, uint32(0)
	for i, d := range s.docs {
		if i > 0 {
			listSize += uvarintLen(uint64(d - prev))
		} else {
			listSize += uvarintLen(uint64(d))
		}
		prev = d
	}
	bitmapSize := (n + 7) / 8
	var flags byte
	if bitmapSize < listSize {
		flags |= flagBitmap
	}
	switch {
	case s.ws == nil:
	case df == 1:
		flags |= flagExact
	case df > partialMin:
		flags |= flagPartial
	default:
		flags |= flagWeights
	}
	buf.WriteByte(flags)
	if flags&flagBitmap != 0 {
		bm := make([]byte, bitmapSize)
		for _, d := range s.docs {
			bm[d>>3] |= 1 << (d & 7)
		}
		buf.Write(bm)
	} else {
		putDocs(buf, s.docs)
	}
	switch {
	case flags&flagExact != 0:
		putFloat32(buf, float32(s.ws[0]))
	case flags&flagWeights != 0:
		putWeights(buf, s.ws)
	case flags&flagPartial != 0:
		thr := kthLargest(s.ws, partialTop)
		var docs []uint32
		var ws []float64
		rest, ties := 0.0, partialTop
		for _, w := range s.ws {
			if w > thr {
				ties--
			}
		}
		for i, w := range s.ws {
			if w > thr || w == thr && ties > 0 {
				if w == thr {
					ties--
				}
				docs, ws = append(docs, s.docs[i]), append(ws, w)
			} else {
				rest += w
			}
		}
		top := docs
		putUvarint(buf, uint64(len(top)))
		putDocs(buf, top)
		putWeights(buf, ws)
		putFloat32(buf, float32(rest/float64(df-partialTop)))
	}
}

// kthLargest returns the k-th largest of ws (k ≥ 1), in linear time.
func kthLargest(ws []float64, k int) float64 {
	a := append([]float64(nil), ws...)
	lo, hi := 0, len(a)-1
	k-- // index in descending order
	for lo < hi {
		pivot := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] > pivot {
				i++
			}
			for a[j] < pivot {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	return a[k]
}

// putDocs writes document numbers as the first and then the gaps.
func putDocs(buf *bytes.Buffer, docs []uint32) {
	prev := uint32(0)
	for i, d := range docs {
		if i > 0 {
			putUvarint(buf, uint64(d-prev))
		} else {
			putUvarint(buf, uint64(d))
		}
		prev = d
	}
}

// putWeights writes float32 min and max, then each weight as a byte on the
// logarithmic scale between them.
func putWeights(buf *bytes.Buffer, ws []float64) {
	lo, hi := float32(ws[0]), float32(ws[0])
	for _, w := range ws {
		lo, hi = min(lo, float32(w)), max(hi, float32(w))
	}
	putFloat32(buf, lo)
	putFloat32(buf, hi)
	ratio := math.Log(float64(hi) / float64(lo))
	for _, w := range ws {
		q := 0.0
		if ratio > 0 {
			q = math.Round(255 * math.Log(w/float64(lo)) / ratio)
		}
		buf.WriteByte(byte(min(max(q, 0), 255)))
	}
}

func putFloat32(buf *bytes.Buffer, f float32) {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], math.Float32bits(f))
	buf.Write(b[:])
}

func uvarintLen(v uint64) int { return (bits.Len64(v|1) + 6) / 7 }

// writeMeta writes the display metadata chunks and returns a digest of them.
func writeMeta(docs []schema.Doc, opts Options, files *fileSet) uint64 {
	var digest uint64
	for c := 0; c*opts.Chunk < len(docs); c++ {
		var chunk []Meta
		for i := c * opts.Chunk; i < min(len(docs), (c+1)*opts.Chunk); i++ {
			d := &docs[i]
			m := Meta{ID: d.ID, URL: d.URL, Title: d.Title, Kind: d.Kind, Region: d.Region, Domain: d.Domain}
			if !d.Date.IsZero() {
				m.Date = d.Date.Format("2006-01-02")
			}
			m.Snippet = cut(d.Summary, opts.SnippetChars)
			if m.Snippet == "" {
				m.Snippet = cut(d.Body, opts.SnippetChars)
			}
			chunk = append(chunk, m)
		}
		raw, _ := json.Marshal(chunk)
		digest = digest*31 + uint64(Hash(string(raw)))
		files.write(MetaPath(c), raw)
	}
	return digest
}

// MetaPath is the file of metadata chunk c, relative to the index folder.
func MetaPath(c int) string { return "d/" + strconv.Itoa(c) + ".json" }

func cut(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

// fileSet writes files under a folder, counting them and remembering the
// first error.
type fileSet struct {
	w     Writer
	dir   string
	mu    sync.Mutex
	count int
	bytes int64
	sum   uint32
	err   error
}

func newFileSet(w Writer, dir string) *fileSet { return &fileSet{w: w, dir: dir} }

func (fs *fileSet) write(rel string, data []byte) {
	err := fs.w.WriteFile(fs.dir+"/"+rel, data)
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.count++
	fs.bytes += int64(len(data))
	fs.sum ^= Hash(rel) * (Hash(string(data)) | 1)
	if err != nil && fs.err == nil {
		fs.err = fmt.Errorf("writing %s: %w", rel, err)
	}
}

func (fs *fileSet) digest() uint64 {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return uint64(fs.sum)<<20 ^ uint64(fs.bytes)
}
