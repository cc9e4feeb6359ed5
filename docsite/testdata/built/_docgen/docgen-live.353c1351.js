/* docgen live values: fills the reader's own values into a guide.
 *
 * The build renders every use of a live value as
 * <var class="dg-live" data-live="id">EXAMPLE</var> (in prose and inside
 * highlighted code), a panel section[data-live-form] holding the variables
 * as JSON (data-live-config), a "values to replace" table for readers
 * without script, and a hidden form. This script shows the form instead of
 * the table, fills every var with the reader's value (textContent only),
 * validates, remembers values in localStorage under data-live-namespace
 * ({"v":1,"values":{id:value}}; sensitive values only when the reader asks)
 * and owns the copy buttons of code blocks marked data-live-code: it marks
 * them data-live-owned, and docgen.js leaves such blocks to it.
 *
 * The validation rules match the Go side (internal/live); both run the
 * cases in internal/live/testdata/validation.json. Only window.docgenLive
 * ({validate}) is global. No network, no markup from strings. A fragment
 * put into a page later is run when the page announces it with a
 * "docgen:content" event (see attach).
 */
(function () {
  "use strict";

  /* ---------- Validation ----------
   * The algorithm of live.Validate in internal/live/validate.go, step by
   * step; the messages are worded here.
   */

  const WS = /^[\t\n\v\f\r ]+|[\t\n\v\f\r ]+$/g;
  const CTRL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
  const WARN = { "guid-nil": 1, "tenant-multi": 1 };
  const MSG = {
    required: "Enter a value.",
    "single-line": "Use a single line, without line breaks or control characters.",
    "guid-format": "Expected a GUID: 8-4-4-4-12 hexadecimal digits, without braces.",
    "guid-nil": "The all-zero GUID is a placeholder, not a real ID.",
    "domain-format": "Expected a domain name, like contoso.onmicrosoft.com.",
    "tenant-multi": "This is a multi-tenant endpoint: accounts from any organization can sign in. Use your tenant ID to limit sign-in to your directory.",
    "tenant-format": "Expected a tenant ID (a GUID) or a domain, like contoso.onmicrosoft.com.",
    "url-format": "Expected a full web address: http or https, then :// and a host, without spaces.",
    "redirect-https": "A redirect URI must use https, except on localhost or 127.0.0.1.",
    "redirect-fragment": "A redirect URI cannot contain a # fragment.",
    "redirect-length": "A redirect URI can be at most 256 characters long.",
    "enum-value": "Choose one of the listed options."
  };

  const trim = (v) => String(v == null ? "" : v).replace(WS, "");
  const chars = (v) => Array.from(v).length; /* code points, as Go counts them */
  const last = (a) => a[a.length - 1];

  /* Two or more labels, ASCII, at most 253; the last one letters only. */
  function isDomain(v) {
    const l = v.split(".");
    return v.length <= 253 && l.length > 1 && l.every((x) => LABEL.test(x)) && /^[a-z]{2,}$/i.test(last(l));
  }

  /* A host name (labels, the last not all digits) or an IPv4 address. */
  function isHost(h) {
    const l = h.split(".");
    if (l.length === 4 && l.every((x) => /^\d{1,3}$/.test(x))) {
      return l.every((x) => +x <= 255);
    }
    return h.length <= 253 && l.every((x) => LABEL.test(x)) && !/^\d+$/.test(last(l));
  }

  /* An http(s) URL: {s: scheme, h: host} in lower case, or null (see parseURL in validate.go). */
  function parseURL(v) {
    const i = v.indexOf("://");
    if (chars(v) > 2048 || /\s/.test(v) || i < 0 || !/^https?$/i.test(v.slice(0, i))) {
      return null;
    }
    const r = v.slice(i + 3);
    const e = r.search(/[/?#]|$/);
    const a = r.slice(0, e);
    let h = a;
    let port = null;
    if (!a || a.indexOf("@") >= 0 || /["<>\\^`{|}]/.test(r.slice(e))) {
      return null;
    }
    if (a[0] === "[") {
      const j = a.indexOf("]");
      h = a.slice(0, j + 1);
      if (j < 0 || !/^[\da-f.]*:[\da-f:.]*$/i.test(a.slice(1, j)) || (a.length > j + 1 && a[j + 1] !== ":")) {
        return null;
      }
      port = a.length > j + 1 ? a.slice(j + 2) : null;
    } else {
      const j = a.lastIndexOf(":");
      if (j >= 0) {
        h = a.slice(0, j);
        port = a.slice(j + 1);
      }
      if (!isHost(h)) {
        return null;
      }
    }
    if (port !== null && !(/^\d{1,5}$/.test(port) && port > 0 && port < 65536)) {
      return null;
    }
    return { s: v.slice(0, i).toLowerCase(), h: h.toLowerCase() };
  }

  /* validate(variable, value) → {level: "ok"|"warning"|"error", code, msg}. */
  function validate(c, value) {
    c = c || {};
    const v = trim(value);
    const t = c.derived ? "string" : trim(c.type).toLowerCase();
    const guid = () => (!GUID.test(v) ? "guid-format" : /^[0-]+$/.test(v) ? "guid-nil" : "");
    let code = "";
    if (!v) {
      code = c.required ? "required" : "";
    } else if (CTRL.test(v)) {
      code = "single-line";
    } else if (t === "guid") {
      code = guid();
    } else if (t === "domain") {
      code = isDomain(v) ? "" : "domain-format";
    } else if (t === "tenant") {
      code = GUID.test(v) ? guid()
        : /^(common|organizations|consumers)$/i.test(v) ? "tenant-multi"
        : isDomain(v) ? "" : "tenant-format";
    } else if (t === "url" || t === "redirect_uri") {
      const u = parseURL(v);
      code = !u ? "url-format"
        : t === "url" ? ""
        : u.s !== "https" && u.h !== "localhost" && u.h !== "127.0.0.1" ? "redirect-https"
        : v.indexOf("#") >= 0 ? "redirect-fragment"
        : chars(v) > 256 ? "redirect-length" : "";
    } else if (t === "enum") {
      code = (c.options || []).some((o) => (o && typeof o === "object" ? o.value : o) === v) ? "" : "enum-value";
    }
    return { level: !code ? "ok" : WARN[code] ? "warning" : "error", code, msg: MSG[code] || "" };
  }

  window.docgenLive = { validate };

  /* ---------- The page ---------- */

  /* attach runs the live values of one guide: the page, or a fragment a
   * product has put into its own page (a help panel), which it announces
   * with document.dispatchEvent(new CustomEvent("docgen:content",
   * {detail: {root: element}})). */
  function attach(root) {

    const panel = root.querySelector("[data-live-form]");
    let vars;
    try {
      vars = JSON.parse(panel.dataset.liveConfig).vars;
    } catch (e) {
      return; /* no panel or no readable config: the page stays as built */
    }
    const form = panel.querySelector("form.dg-live-form");
    if (!Array.isArray(vars) || !form) {
      return;
    }
    const byId = Object.create(null); /* no prototype: ids such as "constructor" stay plain */
    vars.forEach((c) => {
      if (c && typeof c.id === "string") {
        byId[c.id] = c;
      }
    });

    const ns = panel.dataset.liveNamespace;
    const status = panel.querySelector(".dg-live-status");
    const remember = panel.querySelector("[data-live-remember-secrets]");
    const fields = Object.create(null); /* id → {c: variable, i: input or select, m: message} */
    const vals = {}; /* id → the reader's raw value; "" when not set */
    const dirty = {}; /* typed in: blur validates even when empty */
    const live = {}; /* a message is shown: validate on every input */
    const revealed = {}; /* sensitive values shown in full */
    const uses = Array.prototype.filter.call(root.querySelectorAll("var.dg-live"), (el) => byId[el.dataset.live]);
    let cache = Object.create(null);

    /* ---------- Resolving a variable ----------
     * res(id) → {st, v, ex, cp, miss, sens}: its state (example | filled |
     * invalid | missing), the text shown, the example text, the text copied,
     * the ids still to fill in and whether the shown text is to be masked.
     */
    function res(id, depth) {
      const c = byId[id];
      if (!c || depth > 8) {
        return null;
      }
      if (cache[id]) {
        return cache[id];
      }
      let r;
      if (!c.derived) {
        const v = trim(vals[id]);
        /* A select always shows a choice: untouched, an enum is its example. */
        const st = !v ? (c.required && c.type !== "enum" ? "missing" : "example") : validate(c, v).level === "error" ? "invalid" : "filled";
        const ex = c.example == null ? "" : String(c.example);
        const bad = st === "missing" || st === "invalid";
        r = { st, v: v || ex, ex, cp: bad ? c.placeholder || ex : v || ex, miss: bad ? [id] : [], sens: sensitive(c) && !revealed[id] };
        r.pv = st === "filled" ? v : ex;
      } else {
        const refs = [];
        let unread = false;
        /* k: "ex" (examples), "pv" (shown values) or "cp" (copied text); the grammar of live.Derive */
        const expand = (k) =>
          c.derived.replace(/\{\{|\}\}|\{([\w-]+)(?:\.([\w-]+))?\}/g, (m, rid, prop) => {
            const x = rid && res(rid, depth + 1);
            if (!rid) {
              return m[0];
            }
            if (x && k === "pv") {
              refs.push(x);
            }
            if (x && !prop) {
              return x[k];
            }
            /* {id.prop}: a property of the enum option chosen (or of the example) */
            const value = k === "ex" ? x && x.ex : x && x.st !== "invalid" && x.pv;
            const o = x && (byId[rid].options || []).filter((o) => o && o.value === value)[0];
            const p = o && o.props && o.props[prop];
            if (p == null) {
              unread = unread || k === "cp";
              return m;
            }
            return String(p);
          });
        const shown = expand("pv");
        const ex = expand("ex");
        const cp = expand("cp");
        const has = (s) => refs.some((x) => x.st === s);
        const st = has("invalid") ? "invalid" : has("missing") ? "missing" : has("filled") ? "filled" : "example";
        const miss = [];
        refs.forEach((x) => miss.push.apply(miss, x.miss));
        r = { st, v: st === "invalid" || st === "missing" ? ex : shown, ex, cp: unread ? c.placeholder || "" : cp, miss, sens: refs.some((x) => x.sens) };
        r.pv = r.v;
      }
      cache[id] = r;
      return r;
    }

    /* Type secret implies sensitive, as on the Go side. */
    function sensitive(c) {
      return !!c.sensitive || c.type === "secret";
    }

    function mask(v) {
      return v.length > 8 ? "\u2022\u2022\u2022\u2022" + v.slice(-4) : "\u2022\u2022\u2022\u2022";
    }

    /* Shows every use with the current values. */
    function fill() {
      cache = Object.create(null);
      uses.forEach((el) => {
        const r = res(el.dataset.live, 0);
        const t = r.sens && r.v !== r.ex ? mask(r.v) : r.v;
        if (el.textContent !== t) {
          /* In code, keep the colour of the value's first token. */
          const tok = el.firstElementChild;
          if (tok && el.closest("pre")) {
            el.classList.add.apply(el.classList, tok.classList);
          }
          el.textContent = t;
        }
        el.dataset.liveState = r.st;
      });
    }

    function say(text) {
      if (status) {
        status.textContent = "";
        window.setTimeout(() => {
          status.textContent = text;
        }, 50);
      }
    }

    /* ---------- Storage ---------- */

    function load() {
      try {
        if (!ns) {
          return {};
        }
        const s = JSON.parse(window.localStorage.getItem(ns));
        if (s && s.v === 1 && s.values && typeof s.values === "object") {
          return s.values;
        }
      } catch (e) {
        /* unavailable or unreadable: nothing stored */
      }
      return {};
    }

    /* Writes this page's values, keeping those of other pages. */
    function save() {
      if (!ns) {
        return;
      }
      const s = load();
      Object.keys(fields).forEach((id) => {
        if (trim(vals[id]) && (!sensitive(fields[id].c) || (remember && remember.checked))) {
          s[id] = vals[id];
        } else {
          delete s[id];
        }
      });
      try {
        if (Object.keys(s).length) {
          window.localStorage.setItem(ns, JSON.stringify({ v: 1, values: s }));
        } else {
          window.localStorage.removeItem(ns);
        }
      } catch (e) {
        /* private mode or full: values last for this page only */
      }
    }

    /* ---------- The form ---------- */

    function set(id, v) {
      const f = fields[id];
      vals[id] = v;
      if (f.i.tagName === "SELECT" && !v) {
        f.i.value = f.c.example;
        if (f.i.selectedIndex < 0) {
          f.i.selectedIndex = 0;
        }
      } else if (f.i.value !== v) {
        f.i.value = v;
      }
    }

    function check(id) {
      const f = fields[id];
      const r = validate(f.c, vals[id]);
      if (f.m) {
        f.m.textContent = r.msg;
        f.m.dataset.level = r.level;
      }
      f.i.setAttribute("aria-invalid", r.level === "error" ? "true" : "false");
      live[id] = !!r.msg;
    }

    /* Validates a field that holds a value; clears the message of an empty one. */
    function recheck(id) {
      if (trim(vals[id])) {
        check(id);
      } else {
        if (fields[id].m) {
          fields[id].m.textContent = "";
        }
        fields[id].i.removeAttribute("aria-invalid");
        live[id] = false;
      }
    }

    /* Applies the stored values; after "forget" in another tab, clears all. */
    function restore(cleared) {
      const s = load();
      let secrets = false;
      Object.keys(fields).forEach((id) => {
        const sens = sensitive(fields[id].c);
        if (typeof s[id] === "string") {
          set(id, s[id]);
          secrets = secrets || sens;
        } else if (!sens || cleared) {
          set(id, "");
        }
        recheck(id);
      });
      if (remember) {
        remember.checked = secrets;
      }
    }

    /* #live:id=value&id=value fills the non-sensitive fields, then leaves the address bar. */
    function fromFragment() {
      const h = window.location.hash;
      if (h.slice(0, 6) !== "#live:") {
        return;
      }
      h.slice(6).split("&").forEach((p) => {
        const eq = p.indexOf("=");
        try {
          const id = decodeURIComponent(p.slice(0, eq));
          if (eq > 0 && fields[id] && !sensitive(fields[id].c)) {
            set(id, decodeURIComponent(p.slice(eq + 1)));
            dirty[id] = true;
            check(id);
          }
        } catch (e) {
          /* malformed escape: skip the pair */
        }
      });
      try {
        window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
      } catch (e) {
        /* leave the fragment */
      }
      save();
    }

    const table = panel.querySelector(".dg-live-table");
    if (table) {
      table.hidden = true;
      const wrap = table.parentNode;
      if (wrap.classList.contains("dg-table") && wrap.children.length === 1) {
        wrap.hidden = true;
      }
    }
    form.hidden = false;
    form.querySelectorAll("[data-live-field]").forEach((el) => {
      const id = el.dataset.liveField;
      const i = el.querySelector("input, select, textarea");
      const c = byId[id];
      if (!i || !c || c.derived) {
        return;
      }
      fields[id] = { c, i, m: el.querySelector(".dg-live-msg") };
      vals[id] = "";
      const rv = el.querySelector(".dg-live-reveal");
      if (rv) {
        rv.hidden = false;
        rv.addEventListener("click", () => {
          const on = i.type === "password";
          i.type = on ? "text" : "password";
          rv.setAttribute("aria-pressed", on ? "true" : "false");
          revealed[id] = on;
          fill();
        });
      }
    });
    restore(false);
    fromFragment();

    const edit = (e) => {
      const id = e.target.name;
      if (fields[id] && fields[id].i === e.target) {
        vals[id] = e.target.value;
        dirty[id] = true;
        if (live[id]) {
          check(id);
        }
        fill();
        save();
      }
    };
    form.addEventListener("input", edit);
    form.addEventListener("change", (e) => {
      if (e.target === remember) {
        save();
      } else {
        edit(e);
      }
    });
    form.addEventListener("focusout", (e) => {
      const id = e.target.name;
      if (fields[id] && fields[id].i === e.target && (dirty[id] || trim(vals[id]))) {
        check(id);
      }
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
    });
    const forget = form.querySelector("[data-live-forget]");
    if (forget) {
      forget.addEventListener("click", () => {
        try {
          window.localStorage.removeItem(ns || "");
        } catch (e) {
          /* nothing stored */
        }
        Object.keys(fields).forEach((id) => {
          set(id, "");
          dirty[id] = false;
          recheck(id);
        });
        if (remember) {
          remember.checked = false;
        }
        fill();
        say("Your values are forgotten: the guide shows the examples again.");
      });
    }
    fill();

    /* Another tab or page changed the values. */
    window.addEventListener("storage", (e) => {
      if (e.key === ns || e.key === null) {
        restore(e.newValue === null);
        fill();
      }
    });
    window.addEventListener("hashchange", () => {
      fromFragment();
      fill();
    });

    /* ---------- Copy ---------- */

    /* The code's text with each use as the reader's value, its example or its placeholder. */
    function codeText(node, miss) {
      let s = "";
      node.childNodes.forEach((n) => {
        const r = n.nodeType === 1 && n.matches("var.dg-live") && res(n.dataset.live, 0);
        if (r) {
          s += r.cp;
          r.miss.forEach((id) => miss.add(id));
        } else {
          s += n.nodeType === 1 ? codeText(n, miss) : n.nodeType === 3 ? n.nodeValue : "";
        }
      });
      return s;
    }

    function fallbackCopy(text, button) {
      const ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.className = "dg-live-clip";
      document.body.appendChild(ta);
      ta.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      ta.remove();
      button.focus();
      return ok;
    }

    function flash(button, label, cls) {
      const original = button.getAttribute("data-label") || button.textContent;
      button.setAttribute("data-label", original);
      button.textContent = label;
      button.classList.add(cls);
      window.clearTimeout(button.dgLiveTimer);
      button.dgLiveTimer = window.setTimeout(() => {
        button.textContent = original;
        button.classList.remove(cls);
      }, 2000);
    }

    root.querySelectorAll("[data-live-code]").forEach((block) => {
      const button = block.querySelector(".dg-copy");
      const code = block.querySelector("pre code");
      if (!button || !code) {
        return;
      }
      block.setAttribute("data-live-owned", "");
      button.hidden = false;
      button.addEventListener("click", () => {
        cache = Object.create(null);
        const miss = new Set();
        const text = codeText(code, miss);
        const names = vars.filter((c) => miss.has(c.id)).map((c) => c.label || c.id);
        const done = (ok) => {
          flash(button, ok ? "Copied" : "Copy failed", ok ? "is-copied" : "is-failed");
          say(!ok ? "Copy failed." : names.length ? "Copied. Still to fill in: " + names.join(", ") + "." : "Copied.");
        };
        const clip = navigator.clipboard;
        if (clip && clip.writeText) {
          clip.writeText(text).then(
            () => done(true),
            () => done(fallbackCopy(text, button))
          );
        } else {
          done(fallbackCopy(text, button));
        }
      });
    });
  }

  attach(document);
  document.addEventListener("docgen:content", (e) => {
    if (e.detail && e.detail.root && e.detail.root.querySelector) {
      attach(e.detail.root);
    }
  });
})();
