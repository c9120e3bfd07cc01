// bookc preview: follows the book's builds. After a build that changed
// the pages, the page's body is fetched again and swapped in place, so
// the scroll position stays; the book's diagnostics are shown over the
// page until they are fixed.
(function () {
  'use strict';
  var me = document.currentScript;
  var shown = Number(me.getAttribute('data-gen')) || 0;
  var styles = me.getAttribute('data-styles') || '';
  var wanted = shown;
  var busy = false;
  var last = null;
  var box = null;
  var hidden = stored('bookc-hidden') || '';
  var scrollKey = 'bookc-scroll:' + location.pathname;
  var maxShown = 200; // diagnostics listed in the box

  restoreScroll();
  var es = new EventSource('/_bookc/events');
  es.addEventListener('state', function (ev) {
    var st;
    try { st = JSON.parse(ev.data); } catch (e) { return; }
    last = st;
    setConnected(true);
    render();
    if (st.gen > shown) { refresh(st.gen); }
  });
  es.addEventListener('error', function () { setConnected(false); });

  // refresh fetches the page again and swaps its body in. A change of the
  // book's stylesheets needs a full reload, which keeps the scroll
  // position through session storage.
  function refresh(gen) {
    wanted = Math.max(wanted, gen);
    if (busy) { return; }
    busy = true;
    fetch(location.pathname + location.search, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (res) {
        var type = (res.headers.get('Content-Type') || 'text/html').split(';')[0].trim();
        return res.text().then(function (text) { return { type: type, text: text }; });
      })
      .then(function (page) {
        var kind = page.type === 'application/xhtml+xml' ? 'application/xhtml+xml' : 'text/html';
        var doc = new DOMParser().parseFromString(page.text, kind);
        var tag = doc.querySelector('script[data-gen]');
        if (!doc.body || !tag) { throw new Error('not a preview page'); }
        if ((tag.getAttribute('data-styles') || '') !== styles) { reload(); return; }
        swap(doc);
        shown = Math.max(Number(tag.getAttribute('data-gen')) || 0, wanted);
      })
      .catch(function () { reload(); })
      .then(function () {
        busy = false;
        if (wanted > shown) { refresh(wanted); }
      });
  }

  function swap(doc) {
    var x = window.scrollX, y = window.scrollY;
    var body = document.importNode(doc.body, true);
    document.documentElement.replaceChild(body, document.body);
    if (doc.title) { document.title = doc.title; }
    window.scrollTo(x, y);
    render();
    document.dispatchEvent(new CustomEvent('bookc:updated', { detail: { gen: wanted } }));
  }

  function reload() {
    store(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  }

  function restoreScroll() {
    var saved = stored(scrollKey);
    if (saved) {
      store(scrollKey, '');
      var xy = JSON.parse(saved);
      window.addEventListener('load', function () { window.scrollTo(xy[0], xy[1]); });
    }
  }

  // stored and store use the session's storage, which may be switched off.
  function stored(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try {
      if (value) { sessionStorage.setItem(key, value); } else { sessionStorage.removeItem(key); }
    } catch (e) { /* storage is off: nothing to keep */ }
  }

  function setConnected(on) {
    document.documentElement.classList.toggle('bookc-offline', !on);
  }

  // render shows the latest state: the diagnostics box and the time the
  // PDF was written.
  function render() {
    if (!last) { return; }
    var pdf = document.getElementById('bookc-pdf');
    if (pdf) { pdf.textContent = last.pdf ? 'PDF ' + last.pdf : ''; }
    var ds = last.diags || [];
    if (ds.length === 0) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) { box = make('aside', { id: 'bookc-diagnostics', role: 'status', 'aria-live': 'polite' }); }
    fill(box, ds);
    if (box.parentNode !== document.body) { document.body.appendChild(box); }
  }

  function fill(el, ds) {
    var errors = ds.filter(function (d) { return d.severity === 'error'; }).length;
    var key = JSON.stringify(ds);
    el.textContent = '';
    el.className = errors ? 'bookc-has-errors' : 'bookc-has-warnings';
    el.classList.toggle('bookc-folded', hidden === key);
    var head = make('header', {});
    var title = make('strong', {});
    title.textContent = summary(ds.length, errors);
    var fold = make('button', { type: 'button' });
    fold.textContent = hidden === key ? 'Show' : 'Hide';
    fold.addEventListener('click', function () {
      hidden = hidden === key ? '' : key;
      store('bookc-hidden', hidden);
      fill(el, ds);
    });
    head.appendChild(title);
    head.appendChild(fold);
    el.appendChild(head);
    var list = make('ol', {});
    ds.slice(0, maxShown).forEach(function (d) { list.appendChild(item(d)); });
    if (ds.length > maxShown) {
      var more = make('li', {});
      more.textContent = '… and ' + (ds.length - maxShown) + ' more; the terminal lists them all';
      list.appendChild(more);
    }
    el.appendChild(list);
  }

  function summary(n, errors) {
    var w = n - errors;
    var parts = [];
    if (errors) { parts.push(errors + (errors === 1 ? ' error' : ' errors')); }
    if (w) { parts.push(w + (w === 1 ? ' warning' : ' warnings')); }
    var s = parts.join(', ');
    if (last && !last.ok) { s += ': the book did not build; these are the last good pages'; }
    return s;
  }

  function item(d) {
    var li = make('li', { 'class': 'bookc-' + d.severity });
    var pos = make(d.line ? 'a' : 'span', { 'class': 'bookc-pos' });
    pos.textContent = d.pos;
    if (d.line && d.file) {
      pos.setAttribute('href', '/_bookc/source/' + d.file.split('/').map(encodeURIComponent).join('/') + '#L' + d.line);
    }
    var sev = make('span', { 'class': 'bookc-sev' });
    sev.textContent = d.severity + ':';
    var msg = make('span', { 'class': 'bookc-msg' });
    msg.textContent = d.msg;
    li.appendChild(pos);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(sev);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(msg);
    return li;
  }

  function make(tag, attrs) {
    var el = document.createElementNS('http://www.w3.org/1999/xhtml', tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }
}());
