/*
 * docgen serve: the SharedWorker of live reload. Every tab of the site in
 * this browser connects to it; it holds ONE EventSource to
 * /_docgen/events and relays each event to every tab as a message
 * {type, data, id}. A tab that joins late gets the latest hello (with the
 * id of the latest event) and, when the build has errors, the latest
 * errors event.
 */
'use strict';

var EVENTS_URL = '/_docgen/events';
var NAMES = ['hello', 'reload', 'css', 'errors', 'ok'];

var ports = [];
var source = null;
var retryTimer = 0;
var backoff = 1000;
var hello = null; // the latest hello message
var token = ''; // id of the latest event
var errors = null; // the latest errors message, null once ok

function post(msg) {
  for (var i = 0; i < ports.length; i++) {
    try {
      ports[i].postMessage(msg);
    } catch (e) {
      // a tab that went away
    }
  }
}

// remember adds an event to the cached hello's list of recent versions,
// so that a tab joining later can catch up from the replayed hello as it
// would from the server's.
function remember(name, data, id) {
  if (!hello || !id) {
    return;
  }
  var h;
  var value = null;
  try {
    h = JSON.parse(hello.data);
    if (name === 'reload' || name === 'css') {
      value = JSON.parse(data);
    }
  } catch (e) {
    return;
  }
  var version = Number(id.slice(id.lastIndexOf('.') + 1));
  var recent = Array.isArray(h.recent) ? h.recent : [];
  var last = recent[recent.length - 1];
  if (!last || last.version !== version) {
    last = { version: version };
    recent.push(last);
  }
  if (name === 'reload') {
    last.reload = value;
  } else if (name === 'css') {
    last.css = value;
  } // errors and ok: the version is recorded, with nothing to catch up on
  h.recent = recent.slice(-32);
  hello = { type: 'hello', data: JSON.stringify(h), id: hello.id };
}

function open() {
  if (source) {
    return;
  }
  if (typeof EventSource === 'undefined') {
    post({ type: 'unsupported' });
    return;
  }
  source = new EventSource(EVENTS_URL);
  NAMES.forEach(function (name) {
    source.addEventListener(name, function (e) {
      backoff = 1000;
      var msg = { type: name, data: e.data, id: e.lastEventId };
      if (e.lastEventId) {
        token = e.lastEventId;
      }
      if (name === 'hello') {
        hello = msg;
      } else {
        remember(name, e.data, e.lastEventId);
      }
      if (name === 'errors') {
        errors = msg;
      } else if (name === 'ok') {
        errors = null;
      }
      post(msg);
    });
  });
  source.addEventListener('error', function () {
    // A network error: EventSource retries by itself. An HTTP error: it
    // gives up, so retry here, more slowly each time.
    if (source && source.readyState === EventSource.CLOSED) {
      source.close();
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(open, backoff);
      backoff = Math.min(backoff * 2, 30000);
    }
  });
}

function close() {
  if (source) {
    source.close();
    source = null;
  }
  clearTimeout(retryTimer);
  hello = null;
  errors = null;
  token = '';
}

self.addEventListener('connect', function (e) {
  var port = e.ports[0];
  ports.push(port);
  port.addEventListener('message', function (m) {
    if (m.data === 'bye') {
      var i = ports.indexOf(port);
      if (i >= 0) {
        ports.splice(i, 1);
      }
      if (ports.length === 0) {
        close(); // no tab left: let the server forget this browser
      }
    }
  });
  port.start();
  if (typeof EventSource === 'undefined') {
    port.postMessage({ type: 'unsupported' });
    return;
  }
  // The latest hello, with the id of the latest event: only while the
  // stream is up, so it speaks for the server as it is now; otherwise the
  // tab hears the hello of the reconnection.
  if (hello && source && source.readyState === EventSource.OPEN) {
    port.postMessage({ type: 'hello', data: hello.data, id: token });
  }
  if (errors) {
    port.postMessage(errors);
  }
  open();
});
