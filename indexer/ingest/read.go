package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/syndex/syndex/indexer/article"
)

// Format is an input file format syndex can read.
type Format string

// The formats syndex reads; see README "Input formats".
const (
	FormatJSONL    Format = "jsonl"
	FormatFeed     Format = "feed" // RSS 0.9x/1.0/2.0, Atom, JSON Feed
	FormatHTML     Format = "html"
	FormatTextPage Format = "text"
)

// emitFunc receives each article or per-item error from a reader; returning
// false asks the reader to stop early (the consumer went away).
type emitFunc func(*article.Article, error) bool

// formatByExt maps file name endings to formats. Files with other endings are
// sniffed when named explicitly and skipped when met while walking a folder,
// so a corpus folder's README or MANIFEST is not mistaken for an article.
var formatByExt = map[string]Format{
	".jsonl": FormatJSONL, ".ndjson": FormatJSONL, ".jsonl.gz": FormatJSONL, ".ndjson.gz": FormatJSONL,
	".xml": FormatFeed, ".rss": FormatFeed, ".atom": FormatFeed, ".rdf": FormatFeed, ".feed": FormatFeed,
	".json": FormatFeed,
	".html": FormatHTML, ".htm": FormatHTML,
	".txt": FormatTextPage,
}

func extOf(path string) string {
	base := strings.ToLower(filepath.Base(path))
	if strings.HasSuffix(base, ".gz") {
		return filepath.Ext(strings.TrimSuffix(base, ".gz")) + ".gz"
	}
	return filepath.Ext(base)
}

// KnownExtensions lists the file name endings read inside folders, for
// messages.
func KnownExtensions() string {
	exts := slices.Sorted(maps.Keys(formatByExt))
	return strings.Join(exts, " ")
}

// isProjectFile reports whether a file met while walking a folder is one of
// the files that describe a folder rather than hold articles: README.txt,
// readme.md, LICENSE.txt, CHANGELOG, package.json (any case).
func isProjectFile(name string) bool {
	if strings.EqualFold(name, "package.json") {
		return true
	}
	stem := strings.ToLower(name)
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	switch stem {
	case "readme", "license", "licence", "changelog", "copying", "manifest":
		return true
	}
	return false
}

// ListFiles expands the given files and folders into the sorted list of files
// syndex would read from them. Folders are walked recursively; hidden entries
// and files of unknown type inside folders are skipped.
func ListFiles(paths []string) ([]string, error) {
	files, _, err := List(paths)
	return files, err
}

// List is ListFiles and, by extension ("" for none), the counts of the
// files of types syndex does not read that walking the folders passed over
// (hidden files and README-like files are not counted): a summary says
// so, or a folder of .sgm files would look read.
func List(paths []string) (files []string, skipped map[string]int, err error) {
	skipped = map[string]int{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", p, err)
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if path != p && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			switch _, ok := formatByExt[extOf(path)]; {
			case isProjectFile(name):
			case ok:
				found = append(found, path)
			default:
				skipped[extOf(path)]++
			}
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("walk %s: %w", p, err)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	// A file named beside a folder holding it (remembered sources: the
	// folder of one `index` run, a file of it in another) is read once.
	seen := make(map[string]bool, len(files))
	files = slices.DeleteFunc(files, func(f string) bool {
		key := f
		if abs, err := filepath.Abs(f); err == nil {
			key = abs
		}
		dup := seen[key]
		seen[key] = true
		return dup
	})
	return files, skipped, nil
}

// Read reads every file under paths (see ListFiles) and yields each article,
// or an error for each item or file that could not be read. Errors never stop
// the iteration: every good article in a batch is still yielded.
func Read(ctx context.Context, paths []string, o Options) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		files, err := ListFiles(paths)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, f := range files {
			cont := true
			for a, err := range ReadFile(ctx, f, o) {
				if !yield(a, err) {
					cont = false
					break
				}
			}
			if !cont || ctx.Err() != nil {
				return
			}
		}
	}
}

// ReadFile reads one file, choosing the format by its name and, when the name
// says nothing, by sniffing its first bytes. It streams: JSON Lines files of
// any size are read line by line.
func ReadFile(ctx context.Context, path string, o Options) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		fileErr := func(reason string) { yield(nil, &article.ItemError{File: path, Reason: reason}) }
		f, err := os.Open(path)
		if err != nil {
			fileErr(err.Error())
			return
		}
		defer f.Close()
		var r io.Reader = f
		if o.BytesRead != nil {
			r = &countingReader{r: f, n: o.BytesRead}
		}
		if strings.HasSuffix(strings.ToLower(path), ".gz") {
			gz, err := gzip.NewReader(r)
			if err != nil {
				fileErr("gzip: " + err.Error())
				return
			}
			defer gz.Close()
			r = gz
		}
		br := bufio.NewReaderSize(r, 64<<10)
		head, _ := br.Peek(textSniffBytes)
		if reason := notText(head); reason != "" {
			fileErr(reason)
			return
		}
		format := sniff(extOf(path), head[:min(len(head), 1024)])
		if format == FormatHTML && wrapsFeed(head) {
			format = FormatFeed // read by the feed reader, which finds it
		}
		emit := func(a *article.Article, err error) bool {
			if ctx.Err() != nil {
				return false
			}
			return yield(a, err)
		}
		switch format {
		case FormatJSONL:
			err = readJSONL(br, path, o, emit)
		case FormatFeed:
			err = readFeed(br, path, o, emit)
		case FormatHTML:
			err = readHTMLPage(br, path, o, emit)
		default:
			err = readTextPage(br, path, o, emit)
		}
		if err != nil && ctx.Err() == nil {
			fileErr(err.Error())
		}
	}
}

// textSniffBytes is how much of a file notText looks at.
const textSniffBytes = 8 << 10

// maxControlShare is the share of control characters (other than tab, line
// feed, carriage return and form feed) above which data is not text: text
// in any encoding syndex reads, legacy 8-bit ones included, has almost
// none, while random or compressed bytes have about 13%.
const maxControlShare = 0.02

// notText says why the first bytes of a file are not text syndex can read
// (a NUL byte, or many control characters: an image, a PDF, an archive,
// random data), or "" when they may be. UTF-16 (with a byte order mark,
// or markup whose every other byte is 0) is text; the feed reader converts
// it. The share of invalid UTF-8 is not a sign: legacy 8-bit encodings
// (Windows-1251, Latin-1) are mostly invalid UTF-8 and are decoded later.
func notText(head []byte) string {
	if len(head) == 0 {
		return ""
	}
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) ||
		len(head) >= 4 && (head[0] == 0) != (head[1] == 0) && (head[0] == 0) == (head[2] == 0) && (head[1] == 0) == (head[3] == 0) {
		return ""
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Sprintf("not text: a NUL byte at offset %d (binary data such as an image, PDF or archive?)", i)
	}
	ctrl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
			ctrl++
		}
	}
	if float64(ctrl) > maxControlShare*float64(len(head)) {
		return fmt.Sprintf("not text: %d of the first %d bytes are control characters (binary data?)", ctrl, len(head))
	}
	return ""
}

// sniff picks the format from the extension, checking the content where the
// extension is ambiguous (.json may be a JSON Feed or JSON Lines) or unknown.
func sniff(ext string, head []byte) Format {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 256)])
	f, known := formatByExt[ext]
	if known && f != FormatFeed && ext != ".txt" {
		return f
	}
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		// A JSON Feed is one object spanning the file; JSON Lines has an
		// object per line. A complete object on the first line means JSONL.
		if line, _, ok := bytes.Cut(trimmed, []byte("\n")); ok && bytes.HasSuffix(bytes.TrimSpace(line), []byte("}")) && !bytes.Contains(line, []byte(`"version"`)) {
			return FormatJSONL
		}
		return FormatFeed
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return FormatHTML
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<rss")),
		bytes.HasPrefix(lower, []byte("<feed")), bytes.HasPrefix(lower, []byte("<rdf")):
		return FormatFeed
	case bytes.HasPrefix(lower, []byte("<")) && htmlFragmentTags[string(htmlTagRe.FindSubmatch(lower)[1])]:
		return FormatHTML
	case known:
		return f
	case bytes.HasPrefix(lower, []byte("<")) && bytes.Contains(lower, []byte("<head")):
		return FormatHTML
	}
	return FormatTextPage
}

// LooksLikeHTML reports whether data is read as an HTML page (by its first
// bytes, as a file without a telling extension is).
func LooksLikeHTML(data []byte) bool {
	return sniff("", data[:min(len(data), 4096)]) == FormatHTML
}

// htmlTagRe finds the name of the tag a document starts with (or "").
var htmlTagRe = regexp.MustCompile(`^<([a-z][a-z0-9]*)?`)

// htmlFragmentTags are the elements an HTML fragment saved without <html>
// or <head> starts with: such a file is read as a page, not refused as
// markup of another schema.
var htmlFragmentTags = map[string]bool{
	"p": true, "div": true, "article": true, "section": true, "main": true, "body": true, "header": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "title": true, "meta": true,
	"span": true, "a": true, "b": true, "i": true, "em": true, "strong": true, "br": true, "img": true,
	"ul": true, "ol": true, "li": true, "table": true, "figure": true, "blockquote": true, "pre": true,
}

// countingReader adds the bytes read through it to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// FilesSize is the total size of files on disk (unreadable ones count 0):
// the denominator of the progress bars of a write, next to Options.BytesRead.
func FilesSize(files []string) int64 {
	var n int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			n += st.Size()
		}
	}
	return n
}
