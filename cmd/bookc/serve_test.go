package main

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeInterrupt runs the real binary and stops it with SIGINT, as
// Ctrl-C does, while a page holds its event stream open: it exits 0 at
// once and says so.
func TestServeInterrupt(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "bookc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{"book.yaml": goodYAML, "content/good.md": goodEntry})
	cmd := exec.Command(bin, "serve", "-C", dir, "--port", "0", "--format", "epub,anki")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	var url, log string
	for url == "" && lines.Scan() {
		log += lines.Text() + "\n"
		if m := regexp.MustCompile(`preview at (http://127\.0\.0\.1:\d+/)`).FindStringSubmatch(lines.Text()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		t.Fatalf("no address printed:\n%s", log)
	}
	rest := make(chan string, 1)
	go func() { b, _ := io.ReadAll(stderr); rest <- string(b) }()
	waitFor(t, "the pages", func() bool {
		res, err := http.Get(url + "gut.xhtml")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
	// The first build writes the outputs after the pages are served;
	// Ctrl-C during it would cancel it.
	waitFor(t, "the first build", func() bool {
		_, err := os.Stat(filepath.Join(dir, "out", "book.epub"))
		return err == nil
	})
	stream, err := http.Get(url + "_bookc/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()
	// The pages come from the loaded book; the files are written after it.
	// A SIGINT before that write starts rightly writes nothing.
	waitFor(t, "the first write", func() bool {
		_, err := os.Stat(filepath.Join(dir, "out", "book.epub"))
		return err == nil
	})
	cmd.Process.Signal(syscall.SIGINT)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		log += <-rest
		if err != nil {
			t.Fatalf("serve exited with %v after SIGINT:\n%s", err, log)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not stop after SIGINT")
	}
	if !strings.Contains(log, "stopped") {
		t.Errorf("no word of the stop:\n%s", log)
	}
	if _, err := io.ReadAll(stream.Body); err != nil && !strings.Contains(err.Error(), "EOF") {
		t.Logf("stream ended with %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "book.epub")); err != nil {
		t.Errorf("no EPUB written: %v", err)
	}
}

// TestServeUsage rejects a port that is not one, and a port in use is an
// error that names the address.
func TestServeUsage(t *testing.T) {
	if code, stderr := bookc(t, "serve", "--port", "70000"); code != exitUsage || !strings.Contains(stderr, "70000") {
		t.Errorf("--port 70000: exit %d\n%s", code, stderr)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if code, stderr := bookc(t, "serve", "--port", port); code != exitBook || !strings.Contains(stderr, "127.0.0.1:"+port) ||
		!strings.Contains(stderr, "another --port") {
		t.Errorf("a port in use: exit %d\n%s", code, stderr)
	}
}
