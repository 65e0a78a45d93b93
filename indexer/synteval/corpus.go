package synteval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/syndex/syndex/indexer/article"
)

// The corpora Generate reads, as converted in ../shared/corpora/jsonl (see
// SOURCE.md there). Each file must be present: a set built from a subset
// would silently change its composition.
var corpusFiles = []string{"agnews", "bbc", "crypto", "reuters"}

// corpusRecord is one line of the shared corpora's JSON Lines format.
type corpusRecord = article.Record

// doc is a corpus record prepared for generation: paragraphs with their
// whitespace collapsed, so that what the set calls a story paragraph is one
// line of text that can be found again verbatim in a body.
type doc struct {
	corpusRecord
	corpus string
	paras  []string
	words  int
	class  docClass // Reuters only: text, earnings template, other table
}

type docClass int

const (
	classText     docClass = iota
	classEarnings          // Reuters earnings report built on the "Shr ... vs ..." template
	classTable             // other Reuters tables (dividends, fund payouts)
)

// loadCorpora reads every corpus file; the result is keyed by corpus name
// and keeps each file's order, so generation is deterministic. Lines are
// decoded in parallel chunks: decoding is most of the generation time.
func loadCorpora(dir string) (map[string][]*doc, error) {
	type chunk struct {
		corpus string
		lines  [][]byte
		first  int // line number of lines[0]
		docs   []*doc
		err    error
	}
	var chunks []*chunk
	for _, name := range corpusFiles {
		path := filepath.Join(dir, name+".jsonl")
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("synteval: corpus %s: %w", name, err)
		}
		lines := bytes.Split(data, []byte{'\n'})
		const size = 1000
		for i := 0; i < len(lines); i += size {
			chunks = append(chunks, &chunk{corpus: name, lines: lines[i:min(len(lines), i+size)], first: i + 1})
		}
	}
	next := make(chan *chunk, len(chunks))
	for _, c := range chunks {
		next <- c
	}
	close(next)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				for i, line := range c.lines {
					if len(bytes.TrimSpace(line)) == 0 {
						continue
					}
					d, err := parseDoc(line, c.corpus)
					if err != nil {
						c.err = fmt.Errorf("synteval: %s.jsonl line %d: %w", c.corpus, c.first+i, err)
						break
					}
					c.docs = append(c.docs, d)
				}
			}
		}()
	}
	wg.Wait()
	out := make(map[string][]*doc, len(corpusFiles))
	for _, c := range chunks {
		if c.err != nil {
			return nil, c.err
		}
		out[c.corpus] = append(out[c.corpus], c.docs...)
	}
	return out, nil
}

func parseDoc(line []byte, corpus string) (*doc, error) {
	d := &doc{corpus: corpus}
	if err := json.Unmarshal(line, &d.corpusRecord); err != nil {
		return nil, err
	}
	d.Title, _ = collapse(d.Title)
	for p := range strings.SplitSeq(d.Body, "\n\n") {
		p, n := collapse(p)
		if n > 0 {
			d.paras = append(d.paras, p)
			d.words += n
		}
	}
	if corpus == "reuters" {
		d.class = classifyReuters(d)
	}
	return d, nil
}

// collapse turns any run of whitespace into one space and trims the ends,
// and counts the words. Most corpus paragraphs are already clean and are
// returned as they are.
func collapse(s string) (string, int) {
	slow := func() (string, int) {
		f := strings.Fields(s)
		return strings.Join(f, " "), len(f)
	}
	words := 0
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == 0x7f || (c == ' ' && prevSpace) {
				return slow()
			}
			if c != ' ' && prevSpace {
				words++
			}
			prevSpace = c == ' '
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return slow()
		}
		if prevSpace {
			words++
		}
		prevSpace = false
		i += size
	}
	if prevSpace && s != "" {
		return slow()
	}
	return s, words
}

// body is the document's text with normalised whitespace: what "identical
// texts" means for the negatives.
func (d *doc) body() string { return strings.Join(d.paras, "\n\n") }

var (
	// "SANTA CRUZ, Calif., Feb 26 - ", "MONTREAL, Feb 26- ", "HONG KONG, March 2 - ".
	datelineRe = regexp.MustCompile(`^[A-Z][A-Za-z .,'&/()-]{1,60}?,? [A-Za-z]{3,9}\.? \d{1,2} ?- ?`)
	vsRe       = regexp.MustCompile(`(?i)\bvs\b`)
	// The first cell of an earnings table row: "Shr", "Oper net", "Revs", "Sales".
	earnRowRe = regexp.MustCompile(`(?i)^(?:oper(?:ating)? |primary |fully diluted |qtr |period |avg )?(?:shr|shrs|net|revs?|sales|loss|profit)\b`)
	// Titles of earnings reports: "<COMPANY> 1ST QTR NET", "... YEAR LOSS".
	earnTitleRe = regexp.MustCompile(`\b(?:NET|LOSS|PROFIT|EARNINGS|RESULTS|QTR|YEAR|MTHS)\b`)
)

// classifyReuters tells Reuters' templated tables from written stories. A
// table is a body whose paragraphs are mostly short "X vs Y" rows or section
// heads ("Year", "Nine mths"); an earnings report is a table with share or
// net rows, or under an earnings headline. The test looks at the body's
// shape, not at the TOPICS tag, because "earn" also tags written stories.
func classifyReuters(d *doc) docClass {
	short := 0
	for _, p := range d.paras {
		if len(p) <= 120 {
			short++
		}
	}
	if short < 2 {
		return classText
	}
	rows, heads, other := 0, 0, 0
	earnRow := false
	for i, p := range d.paras {
		if i == 0 {
			if loc := datelineRe.FindStringIndex(p); loc != nil {
				p = p[loc[1]:]
			}
		}
		switch {
		case p == "" || p == "Reuter" || strings.HasPrefix(strings.ToLower(p), "note"):
		case len(p) <= 120 && (vsRe.MatchString(p) || earnRowRe.MatchString(p)):
			rows++
			if earnRowRe.MatchString(p) {
				earnRow = true
			}
		case len(p) <= 30:
			heads++
		default:
			other++
		}
	}
	if rows < 2 || float64(rows+heads) < 0.6*float64(rows+heads+other) {
		return classText
	}
	if earnRow || earnTitleRe.MatchString(d.Title) {
		return classEarnings
	}
	return classTable
}

// dupIndex keeps selected stories apart: the corpora hold exact and near
// copies of one text (Reuters repeats and corrections, BBC duplicates), and
// two of them picked as different stories would make correct merges count
// as errors. It records which selected document first had each 5-word
// shingle.
type dupIndex struct {
	owner map[uint64]int32
	sizes []int
}

func newDupIndex() *dupIndex { return &dupIndex{owner: make(map[uint64]int32)} }

// dupShare is the share of shingles (of either text) two texts may have in
// common before they count as copies of each other.
const dupShare = 0.2

// shingles returns the distinct hashed 5-word shingles of a text, lower-cased.
func shingles(paras []string) []uint64 {
	var toks []string
	for _, p := range paras {
		toks = append(toks, strings.Fields(strings.ToLower(p))...)
	}
	const k = 5
	n := max(1, len(toks)-k+1)
	seen := make(map[uint64]bool, n)
	out := make([]uint64, 0, n)
	h := fnv.New64a()
	for i := 0; i < n; i++ {
		h.Reset()
		for _, t := range toks[i:min(len(toks), i+k)] {
			h.Write([]byte(t))
			h.Write([]byte{' '})
		}
		s := h.Sum64()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// admit adds the text unless it shares too much with a text added before,
// and reports whether it did.
func (x *dupIndex) admit(paras []string) bool {
	sh := shingles(paras)
	if len(sh) == 0 {
		return false
	}
	hits := map[int32]int{}
	for _, s := range sh {
		if o, ok := x.owner[s]; ok {
			hits[o]++
		}
	}
	for o, n := range hits {
		if float64(n) >= dupShare*float64(len(sh)) || float64(n) >= dupShare*float64(x.sizes[o]) {
			return false
		}
	}
	id := int32(len(x.sizes))
	x.sizes = append(x.sizes, len(sh))
	for _, s := range sh {
		if _, ok := x.owner[s]; !ok {
			x.owner[s] = id
		}
	}
	return true
}
