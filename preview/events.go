package preview

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"time"

	"bookc/diag"
)

// State is what an open page is told after every change: which pages it
// should show and what is wrong with the book.
type State struct {
	Gen   int          `json:"gen"`   // build the served pages come from; 0 before the first good one
	Build int          `json:"build"` // number of the latest build
	OK    bool         `json:"ok"`    // the latest build loaded without errors
	Diags []Diagnostic `json:"diags"` // the latest build's diagnostics, sorted
	PDF   string       `json:"pdf"`   // when the PDF was last written, "15:04:05"
	// PDFBuild is the build the PDF on disk comes from.
	PDFBuild int `json:"pdfBuild"`
}

// Diagnostic is one diagnostic as the page shows it.
type Diagnostic struct {
	Pos      string `json:"pos"`      // "file:line:col"
	File     string `json:"file"`     // the source file, relative to the book's folder
	Line     int    `json:"line"`     // 0 when unknown
	Severity string `json:"severity"` // "error" or "warning"
	Msg      string `json:"msg"`      // message and hint
}

// heartbeat keeps idle event streams open through proxies and lets a
// stream notice a browser that went away.
const heartbeat = 15 * time.Second

// State returns the current state.
func (s *Server) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stateLocked()
}

func (s *Server) stateLocked() State {
	st := State{Build: s.build, OK: s.ok, PDF: s.pdf, PDFBuild: s.pdfBuild, Diags: []Diagnostic{}}
	if s.site != nil {
		st.Gen = s.site.gen
	}
	keys := make([]string, 0, len(s.parts))
	for k := range s.parts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var all diag.List
	seen := map[string]bool{}
	for _, k := range keys {
		for _, d := range s.parts[k] {
			if text := d.String(); !seen[text] {
				seen[text] = true
				all = append(all, d)
			}
		}
	}
	all.Sort()
	for _, d := range all {
		st.Diags = append(st.Diags, toJSON(d))
	}
	return st
}

func toJSON(d diag.Diagnostic) Diagnostic {
	sev := "warning"
	if d.Severity == diag.Error {
		sev = "error"
	}
	msg := d.Msg
	if d.Hint != "" {
		msg += " (" + d.Hint + ")"
	}
	return Diagnostic{Pos: d.Pos.String(), File: d.Pos.File, Line: d.Pos.Line, Severity: sev, Msg: msg}
}

// event formats the state as one Server-Sent Event.
func event(st State) []byte {
	data, _ := json.Marshal(st)
	return fmt.Appendf(nil, "event: state\ndata: %s\n\n", data)
}

// broadcast tells every open stream the current state. A stream that has
// not taken the previous state yet gets only the newest one.
func (s *Server) broadcast() {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := event(s.stateLocked())
	for ch := range s.subs {
		select {
		case <-ch:
		default:
		}
		ch <- msg
	}
}

// events streams the state: once when the page connects, then after every
// change, until the page goes away or the server stops.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		plainError(w, http.StatusInternalServerError, "streaming is not supported")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Content-Security-Policy", filePolicy)
	if r.Method == http.MethodHead {
		return
	}
	ch := make(chan []byte, 1)
	s.mu.Lock()
	select {
	case <-s.quit:
		s.mu.Unlock()
		plainError(w, http.StatusServiceUnavailable, "the preview is stopping")
		return
	default:
	}
	s.subs[ch] = struct{}{}
	ch <- event(s.stateLocked())
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.Write([]byte("retry: 1000\n\n"))
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case msg := <-ch:
			w.Write(msg)
		case <-tick.C:
			w.Write([]byte(": ping\n\n"))
		}
		fl.Flush()
	}
}

// stateJSON answers with the current state, for scripts and tests.
func (s *Server) stateJSON(w http.ResponseWriter, r *http.Request) {
	data, _ := json.Marshal(s.State())
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Security-Policy", filePolicy)
	w.Write(data)
}
