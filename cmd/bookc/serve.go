package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"bookc/preview"

	"github.com/spf13/cobra"
)

// serveOptions are the flags of serve.
type serveOptions struct {
	build buildFlags
	bind  string
	port  int
	open  bool
	// ready, when set, is told the preview's address once it listens.
	ready func(url string)
}

func newServe(stderr io.Writer) *cobra.Command {
	var o serveOptions
	c := &cobra.Command{
		Use:   "serve",
		Short: "Preview the book in a browser; open pages follow every save (Ctrl-C stops)",
		Long: `serve builds the book like watch and shows it as web pages, rendered by the
EPUB's writer: contents, chapters, index, Anki card previews and the PDF as
built. Every save rebuilds; an open page updates itself and keeps its scroll
position, and the book's diagnostics show over the page until they are fixed.
A build with errors keeps the last good pages.

The preview listens on 127.0.0.1 only, unless --bind names another address.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serve(ctx, o, stderr)
		},
	}
	o.build.register(c, true)
	c.Flags().StringVar(&o.bind, "bind", "127.0.0.1", "address to listen on; any other than a loopback address lets other machines see the preview")
	c.Flags().IntVar(&o.port, "port", 3000, "port to listen on (0 picks a free one)")
	c.Flags().BoolVar(&o.open, "open", false, "open the preview in the default browser")
	return c
}

// serve runs the preview until ctx ends: the HTTP server on one side, the
// watch loop feeding it builds on the other. It stops the streams, then
// the server, then returns.
func serve(ctx context.Context, o serveOptions, stderr io.Writer) error {
	if o.port < 0 || o.port > 65535 {
		return fmt.Errorf("--port %d is not a port number", o.port)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(o.bind, strconv.Itoa(o.port)))
	if err != nil {
		return &bookError{msg: fmt.Sprintf("%v (another --port may be free)", err)}
	}
	addr := ln.Addr().(*net.TCPAddr)
	loopback := addr.IP.IsLoopback()
	if !loopback {
		fmt.Fprintf(stderr, "warning: the preview listens on %s: every machine that reaches this one can read the book\n", addr)
	}
	out := o.build.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(o.build.dir, out)
	}
	srv := preview.New(preview.Options{Dir: o.build.dir, OutDir: out, Loopback: loopback})
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: log.New(io.Discard, "", 0)}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	host := addr.String()
	if addr.IP.IsUnspecified() {
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(addr.Port))
	}
	url := "http://" + host + "/"
	fmt.Fprintf(stderr, "preview at %s (Ctrl-C stops)\n", url)
	if o.ready != nil {
		o.ready(url)
	}
	if o.open {
		openBrowser(url, stderr)
	}
	werr := watchWith(ctx, o.build, stderr, watchHooks{loaded: srv.Loaded, emitted: srv.Emitted})
	srv.Close()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) && werr == nil {
		werr = err
	}
	return werr
}

// openBrowser asks the desktop to open url; failing to is only worth a
// note.
func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "could not open a browser (%v); open %s yourself\n", err, url)
		return
	}
	go cmd.Wait()
}
