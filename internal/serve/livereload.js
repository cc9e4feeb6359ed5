/*
 * docgen serve: live reload. Injected by the server into every page it
 * serves (never written to the output), as <script src=... defer>; no
 * inline script or style, so it runs under Content-Security-Policy:
 * default-src 'self'.
 *
 * One event stream per browser: a SharedWorker (livereload-worker.js)
 * holds it and relays its events to every tab, since a browser opens only
 * about six HTTP/1.1 connections per host and each tab holding its own
 * stream would starve the page loads. Without SharedWorker, each tab opens
 * its own EventSource.
 *
 *   reload  ["/v1.9.x/a/", ...]: reload if this page is listed, keeping
 *           the scroll position
 *   css     {"/old.css": "/new.css"}: swap the matching stylesheets
 *   errors  {errors, warnings, diagnostics, omitted}: show the overlay
 *   ok      remove the overlay
 *   hello   on every (re)connection: reload once if the server restarted
 *           or published something this tab has not seen (the server
 *           stamps the script tag with the snapshot the page came from)
 */
(function () {
  'use strict';

  var EVENTS_URL = '/_docgen/events';
  var WORKER_URL = '/_docgen/livereload-worker.js';
  var OVERLAY_CSS = '/_docgen/overlay.css';
  var SCROLL_KEY = 'docgen-scroll:';

  if (window.__docgenLiveReload) {
    return; // loaded twice
  }
  // What tests (and curious authors) can see: how this tab listens, the
  // version it reflects, and the id of the last event it got.
  var status = { via: '', token: '', last: '' };
  window.__docgenLiveReload = status;

  // normalize makes page paths comparable: decoded, without index.html,
  // with the trailing slash of a folder.
  function normalize(p) {
    try {
      p = decodeURI(p);
    } catch (e) {
      // keep it as it is
    }
    p = p.replace(/\/index\.html?$/, '/');
    return p || '/';
  }

  var here = normalize(location.pathname);
  var reloading = false;

  function reload() {
    if (reloading) {
      return;
    }
    reloading = true;
    try {
      sessionStorage.setItem(SCROLL_KEY + location.pathname,
        JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // storage disabled: reload without keeping the position
    }
    location.reload();
  }

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(SCROLL_KEY + location.pathname);
      sessionStorage.removeItem(SCROLL_KEY + location.pathname);
    } catch (e) {
      return;
    }
    if (!saved) {
      return;
    }
    var pos;
    try {
      pos = JSON.parse(saved);
    } catch (e) {
      return;
    }
    if (!pos || typeof pos.x !== 'number' || typeof pos.y !== 'number') {
      return;
    }
    var go = function () { window.scrollTo(pos.x, pos.y); };
    go(); // now, then again once images have their size
    if (document.readyState !== 'complete') {
      window.addEventListener('load', go, { once: true });
    }
  }

  // ---- events --------------------------------------------------------

  // token is "<server>.<version>": this tab reflects every event of that
  // version and before. First the snapshot this page was served from (the
  // server stamps it on the script tag; it reflects its own version), then
  // it follows the events. Events are numbered by version, so the tab can
  // tell what it missed: loaded just before a publish, or cut off a while.
  var me = document.currentScript;
  var token = (me && me.getAttribute('data-version')) || null;
  status.token = token || '';

  function split(t) {
    var i = String(t).lastIndexOf('.');
    return { server: t.slice(0, i), version: Number(t.slice(i + 1)) };
  }

  // seen reports whether this tab already reflects the event with that id.
  function seen(id) {
    if (!id || !token) {
      return false;
    }
    var now = split(id);
    var mine = split(token);
    return now.server === mine.server && now.version <= mine.version;
  }

  // catchUp runs on every hello: after a (re)connection, and when the tab
  // joins the worker. A restarted server means reload; a server ahead of
  // the tab lists what the missing versions did in hello.recent, and the
  // tab reloads only if its page was among them (or the list is gone).
  function catchUp(id, hello) {
    if (!id) {
      return;
    }
    if (!token) {
      token = status.token = id;
      return;
    }
    var now = split(id);
    var mine = split(token);
    if (now.server !== mine.server) {
      reload();
      return;
    }
    if (now.version <= mine.version) {
      return;
    }
    var recent = {};
    ((hello && hello.recent) || []).forEach(function (r) {
      if (r && typeof r.version === 'number') {
        recent[r.version] = r;
      }
    });
    for (var v = mine.version + 1; v <= now.version; v++) {
      var r = recent[v];
      if (!r || r.all || onReload(r.reload)) {
        reload();
        return;
      }
      if (r.css) {
        onCSS(r.css);
      }
    }
    token = status.token = id;
  }

  function parse(data) {
    try {
      return JSON.parse(data);
    } catch (e) {
      return null;
    }
  }

  // onReload reloads the page if the list names it, and says so.
  function onReload(list) {
    if (!Array.isArray(list)) {
      return false;
    }
    for (var i = 0; i < list.length; i++) {
      if (typeof list[i] === 'string' && normalize(list[i]) === here) {
        reload();
        return true;
      }
    }
    return false;
  }

  var swaps = 0;

  function onCSS(map) {
    if (!map || typeof map !== 'object') {
      return;
    }
    var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
    swaps++;
    Array.prototype.forEach.call(links, function (link) {
      var url;
      try {
        url = new URL(link.href, location.href);
      } catch (e) {
        return;
      }
      if (url.origin !== location.origin) {
        return;
      }
      var to = map[url.pathname];
      if (typeof to !== 'string') {
        return;
      }
      var next = new URL(to, location.href);
      if (next.pathname === url.pathname) {
        // Rewritten under the same name: bust the cache.
        next.searchParams.set('docgen-reload', String(swaps));
      }
      // The new sheet goes in beside the old, which goes when the new
      // one has loaded: no flash of unstyled page.
      var fresh = link.cloneNode(false);
      fresh.removeAttribute('integrity'); // it named the old content
      fresh.href = next.pathname + next.search;
      var done = function () {
        if (link.parentNode) {
          link.parentNode.removeChild(link);
        }
      };
      fresh.addEventListener('load', done, { once: true });
      fresh.addEventListener('error', done, { once: true });
      link.parentNode.insertBefore(fresh, link.nextSibling);
    });
  }

  // handled notes an event handled: every event of the versions before
  // its own is reflected (more of its own version may follow: ok, css and
  // reload share one).
  function handled(id) {
    var now = split(id);
    var mine = token ? split(token) : null;
    if (!mine || now.server !== mine.server || now.version - 1 > mine.version) {
      token = status.token = now.server + '.' + (now.version - 1);
    }
  }

  // handle runs one event, from the worker or from this tab's own stream.
  function handle(type, data, id) {
    if (id) {
      status.last = id;
    }
    if (reloading) {
      return;
    }
    switch (type) {
      case 'hello':
        catchUp(id, parse(data));
        return;
      case 'reload':
      case 'css':
        if (seen(id)) {
          return; // this page was served after it
        }
        if (type === 'reload') {
          onReload(parse(data));
        } else {
          onCSS(parse(data));
        }
        break;
      case 'errors':
        showOverlay(parse(data));
        break;
      case 'ok':
        removeOverlay();
        break;
    }
    if (id) {
      handled(id);
    }
  }

  var NAMES = ['hello', 'reload', 'css', 'errors', 'ok'];
  var source = null;
  var retryTimer = 0;
  var backoff = 1000;

  // listenHere opens this tab's own EventSource (no SharedWorker).
  function listenHere() {
    if (source || typeof EventSource === 'undefined') {
      return;
    }
    source = new EventSource(EVENTS_URL);
    status.via = 'tab';
    NAMES.forEach(function (name) {
      source.addEventListener(name, function (e) {
        backoff = 1000;
        handle(name, e.data, e.lastEventId);
      });
    });
    source.addEventListener('error', function () {
      // EventSource retries by itself after a network error; after an
      // HTTP error it gives up, so retry here, more slowly each time.
      if (source && source.readyState === EventSource.CLOSED) {
        source.close();
        source = null;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(listenHere, backoff);
        backoff = Math.min(backoff * 2, 30000);
      }
    });
  }

  var port = null;

  // listenShared joins the browser's SharedWorker; it falls back to
  // listenHere when there is none or it fails.
  function listenShared() {
    if (typeof SharedWorker === 'undefined') {
      listenHere();
      return;
    }
    var worker;
    try {
      worker = new SharedWorker(WORKER_URL, { name: 'docgen-livereload' });
    } catch (e) {
      listenHere();
      return;
    }
    worker.addEventListener('error', function () {
      port = null;
      listenHere();
    });
    port = worker.port;
    status.via = 'worker';
    port.addEventListener('message', function (e) {
      var m = e.data;
      if (!m || typeof m.type !== 'string') {
        return;
      }
      if (m.type === 'unsupported') {
        port = null;
        listenHere();
        return;
      }
      handle(m.type, m.data, m.id);
    });
    port.start();
  }

  // The worker cannot see a tab close; say goodbye, and come back if the
  // page is restored from the back-forward cache.
  window.addEventListener('pagehide', function () {
    if (port) {
      port.postMessage('bye');
      port = null;
    }
    if (source) {
      source.close();
      source = null;
    }
  });
  window.addEventListener('pageshow', function (e) {
    if (e.persisted && !port && !source) {
      listenShared(); // its hello says whether the page is out of date
    }
  });

  // ---- overlay -------------------------------------------------------

  var overlay = null;

  function el(tag, className, text) {
    var n = document.createElement(tag);
    if (className) {
      n.className = className;
    }
    if (text !== undefined && text !== null) {
      n.textContent = String(text);
    }
    return n;
  }

  function removeOverlay() {
    if (overlay && overlay.parentNode) {
      overlay.parentNode.removeChild(overlay);
    }
    overlay = null;
  }

  function onKey(e) {
    if (overlay && (e.key === 'Escape' || e.key === 'Esc')) {
      removeOverlay();
    }
  }
  document.addEventListener('keydown', onKey);

  function plural(n, word) {
    return n + ' ' + word + (n === 1 ? '' : 's');
  }

  // caret is the marker line under the source line a diagnostic points
  // at: col is a 1-based byte column in UTF-8.
  function caret(text, col) {
    var bytes = 0;
    var pad = '';
    for (var i = 0; i < text.length && bytes < col - 1; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        bytes += 4;
        i++;
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
      pad += text.charAt(i) === '\t' ? '\t' : ' ';
    }
    return pad + '^';
  }

  function diagnostic(d) {
    var sev = String(d.severity || 'error');
    var item = el('li', 'docgen-overlay-diag docgen-overlay-' + sev.replace(/[^a-z]/gi, ''));
    var head = el('div', 'docgen-overlay-head');
    var pos = String(d.path || '');
    if (d.line > 0) {
      pos += ':' + d.line;
      if (d.col > 0) {
        pos += ':' + d.col;
      }
    }
    head.appendChild(el('span', 'docgen-overlay-pos', pos));
    head.appendChild(el('span', 'docgen-overlay-sev', sev));
    if (d.id) {
      head.appendChild(el('span', 'docgen-overlay-id', '[' + d.id + ']'));
    }
    item.appendChild(head);
    item.appendChild(el('div', 'docgen-overlay-msg', d.message || ''));
    if (Array.isArray(d.source) && d.source.length) {
      var src = el('div', 'docgen-overlay-src');
      d.source.forEach(function (line) {
        var row = el('div', 'docgen-overlay-line' + (line.here ? ' docgen-overlay-here' : ''));
        row.appendChild(el('span', 'docgen-overlay-num', line.number));
        row.appendChild(el('span', 'docgen-overlay-text', line.text));
        src.appendChild(row);
        if (line.here && d.col > 0) {
          var mark = el('div', 'docgen-overlay-line docgen-overlay-caret');
          mark.appendChild(el('span', 'docgen-overlay-num', ''));
          mark.appendChild(el('span', 'docgen-overlay-text', caret(String(line.text), d.col)));
          src.appendChild(mark);
        }
      });
      item.appendChild(src);
    }
    return item;
  }

  function showOverlay(r) {
    removeOverlay();
    if (!r || !Array.isArray(r.diagnostics)) {
      return;
    }
    var host = el('div');
    host.id = 'docgen-overlay';
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;

    var panel = el('div', 'docgen-overlay-panel');
    panel.setAttribute('role', 'alertdialog');
    panel.setAttribute('aria-labelledby', 'docgen-overlay-title');
    panel.hidden = true; // until its stylesheet is in
    var link = el('link');
    link.rel = 'stylesheet';
    link.href = OVERLAY_CSS;
    var show = function () { panel.hidden = false; };
    link.addEventListener('load', show, { once: true });
    link.addEventListener('error', show, { once: true });

    var bar = el('div', 'docgen-overlay-bar');
    var title = 'docgen: the build failed: ' + plural(r.errors || 0, 'error');
    if (r.warnings) {
      title += ', ' + plural(r.warnings, 'warning');
    }
    var h = el('h2', 'docgen-overlay-title', title);
    h.id = 'docgen-overlay-title';
    bar.appendChild(h);
    var close = el('button', 'docgen-overlay-close', '\u00d7');
    close.type = 'button';
    close.title = 'Close (Esc)';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', removeOverlay);
    bar.appendChild(close);
    panel.appendChild(bar);

    var list = el('ol', 'docgen-overlay-list');
    r.diagnostics.forEach(function (d) {
      if (d && typeof d === 'object') {
        list.appendChild(diagnostic(d));
      }
    });
    panel.appendChild(list);
    if (r.omitted > 0) {
      panel.appendChild(el('p', 'docgen-overlay-more', 'and ' + r.omitted + ' more: see the terminal'));
    }
    panel.appendChild(el('p', 'docgen-overlay-hint',
      'Fix the source and save: the page reloads when the build is clean. Esc closes this panel.'));

    root.appendChild(link);
    root.appendChild(panel);
    (document.body || document.documentElement).appendChild(host);
    overlay = host;
  }

  // ---- start ---------------------------------------------------------

  restoreScroll();
  listenShared();
})();
