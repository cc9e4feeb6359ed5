/* docgen search: the header's search box, over the index the build writes.
 *
 * The box (div.dg-search, from layouts/partials/search.html) is hidden
 * until this script shows it, so a reader without script never meets a
 * control that does nothing. Its data-search-index is the URL of the
 * manifest of the page's version (internal/search: a stable URL, listing
 * shards named by content hash), data-search-root the URL of the site
 * root that the page URLs in the index are relative to (the site may be
 * hosted under a path prefix).
 *
 * Nothing is fetched until the reader first focuses or types in the box.
 * A query is cut into terms as the build cut the pages (the shared cases
 * in internal/search/testdata/terms.json check both); each term matches
 * index terms exactly, by prefix and, from four letters, with one typo
 * (two from eight letters), numbers only exactly; a section matches when
 * it has every term, its page's title counting for all its sections. The
 * box is an ARIA combobox with a listbox of results: arrows move, Enter
 * opens, Escape closes, "/" anywhere focuses the box.
 *
 * Only window.docgenSearch ({terms, query}) is global. No markup from
 * strings.
 */
(function () {
  "use strict";

  const box = document.querySelector(".dg-search[data-search-index]");
  if (!box || !window.fetch || !window.Map) {
    return;
  }
  let WORD;
  try {
    WORD = new RegExp("[\\p{L}\\p{N}\\p{M}]+(?:(?:_|(?<=\\p{N})\\.(?=\\p{N}))[\\p{L}\\p{N}\\p{M}]+)*", "gu");
  } catch (e) {
    return; /* an engine without Unicode property escapes: no search box */
  }

  /* Words as internal/search.Terms cuts them: letters, digits and marks;
   * "_" joins two runs, "." joins two digits. Lower-cased. */
  function terms(text) {
    return (String(text).match(WORD) || []).map((w) => w.toLowerCase());
  }
  /* For tests and tools: terms, and query(text), a promise of the
   * results (with their scores) once the index is loaded. */
  window.docgenSearch = {
    terms: terms,
    query: (text) => load().then(() => search(text))
  };

  const FORMAT = 1;
  /* Weights of the kinds of postings (internal/search, occShift): code
   * only, text, text the section has three times or more, heading; and
   * of a title (a heading posting on the top section of a page). */
  const WEIGHT = [1, 2, 4, 5];
  const TITLE = 10;
  /* How much a title match counts in the page's other sections. */
  const INHERIT = 0.3;
  const MAX_RESULTS = 10;
  const PER_PAGE = 3;
  const MAX_EXPANSIONS = 40;

  const input = box.querySelector(".dg-search__input");
  const panel = box.querySelector(".dg-search__panel");
  const list = box.querySelector(".dg-search__results");
  const status = box.querySelector(".dg-search__status");
  if (!input || !panel || !list || !status) {
    return;
  }
  const root = box.getAttribute("data-search-root") || "/";
  const manifestURL = new URL(box.getAttribute("data-search-index"), document.baseURI);

  let index = null; /* once loaded */
  let loading = null; /* the promise of the index */
  let failed = false;
  let active = -1;
  let results = [];
  let timer = 0;

  /* ---------- Loading ---------- */

  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then((r) => {
      if (!r.ok) {
        throw new Error(url + ": " + r.status);
      }
      return r.json();
    });
  }

  function load() {
    if (!loading) {
      loading = fetchJSON(manifestURL.href)
        .then((m) => {
          if (!m || m.format !== FORMAT || !Array.isArray(m.shards)) {
            throw new Error("search index of an unknown format");
          }
          return Promise.all(m.shards.map((s) => fetchJSON(new URL(s, manifestURL).href))).then((shards) => {
            index = prepare(m, shards);
            return index;
          });
        })
        .catch((e) => {
          failed = true;
          throw e;
        });
      loading
        .catch(() => {})
        .then(() => {
          if (document.activeElement === input) {
            schedule();
          }
        });
    }
    return loading;
  }

  /* The shards' terms in one sorted dictionary, each with where it is. */
  function prepare(m, shards) {
    const where = new Map();
    const sections = []; /* per shard: the sections by number */
    let total = 0;
    shards.forEach((s, si) => {
      const secs = [];
      s.pages.forEach((p, pi) => {
        secs.push({ shard: si, page: pi, url: p[0], title: p[1], anchor: "", heading: "" });
        for (let i = 2; i + 1 < p.length; i += 2) {
          secs.push({ shard: si, page: pi, url: p[0], title: p[1], anchor: p[i], heading: p[i + 1] });
        }
      });
      total += secs.length;
      sections.push(secs);
      s.terms.forEach((t, ti) => {
        const w = where.get(t);
        if (w) {
          w.push(si, ti);
        } else {
          where.set(t, [si, ti]);
        }
      });
    });
    const dict = Array.from(where.keys()).sort();
    return {
      name: m.name,
      stop: new Set(m.stopWords || []),
      shards: shards,
      sections: sections,
      total: total,
      where: where,
      dict: dict,
      decoded: new Map()
    };
  }

  const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const DIGIT = {};
  for (let i = 0; i < DIGITS.length; i++) {
    DIGIT[DIGITS.charCodeAt(i)] = i;
  }

  /* A term's postings in one shard: [section, kind, section, kind...].
   * The encoding is internal/search.appendPostings. */
  function postings(si, ti) {
    const key = si + ":" + ti;
    let out = index.decoded.get(key);
    if (out) {
      return out;
    }
    out = [];
    const s = index.shards[si].postings[ti];
    let section = -1;
    let v = 0;
    let shift = 0;
    for (let i = 0; i < s.length; i++) {
      const d = DIGIT[s.charCodeAt(i)];
      v += (d & 31) * Math.pow(2, shift);
      if (d & 32) {
        shift += 5;
        continue;
      }
      section += Math.floor(v / 4) + 1;
      out.push(section, v % 4);
      v = 0;
      shift = 0;
    }
    index.decoded.set(key, out);
    return out;
  }

  /* ---------- Matching ---------- */

  /* Optimal string alignment distance of a and b, or max + 1 when it is
   * larger than max. With prefix, the distance of a to the closest prefix
   * of b (the reader is still typing a). */
  function distance(a, b, max, prefix) {
    const m = a.length;
    const n = prefix ? Math.min(b.length, m + max) : b.length;
    if (!prefix && Math.abs(m - n) > max) {
      return max + 1;
    }
    let prev2 = null;
    let prev = new Array(n + 1);
    for (let j = 0; j <= n; j++) {
      prev[j] = j;
    }
    for (let i = 1; i <= m; i++) {
      const cur = new Array(n + 1);
      cur[0] = i;
      let best = cur[0];
      for (let j = 1; j <= n; j++) {
        const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && prev2 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = d;
        if (d < best) {
          best = d;
        }
      }
      if (best > max) {
        return max + 1;
      }
      prev2 = prev;
      prev = cur;
    }
    if (!prefix) {
      return prev[n];
    }
    let best = max + 1;
    for (let j = Math.max(0, m - max); j <= n; j++) {
      best = Math.min(best, prev[j]);
    }
    return best;
  }

  /* The index terms a query term reaches, each with how well it matches
   * (1 exact). last: the term the reader is typing, which may be the
   * start of a word. */
  function candidates(q, last) {
    const out = [];
    const dict = index.dict;
    if (index.where.has(q) && !(last && index.stop.has(q))) {
      out.push([q, 1]);
    }
    if (q.length >= 2 || last) {
      /* Words that start with q: the shortest first, they are likeliest. */
      let lo = 0;
      let hi = dict.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (dict[mid] < q) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      const found = [];
      for (let i = lo; i < dict.length && dict[i].startsWith(q); i++) {
        if (dict[i] !== q) {
          found.push(dict[i]);
        }
      }
      found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
      for (const t of found.slice(0, MAX_EXPANSIONS)) {
        const closeness = q.length / t.length;
        out.push([t, last ? 0.5 + 0.4 * closeness : 0.3 + 0.3 * closeness]);
      }
    }
    /* Typos: not in numbers, where one digit off is another number. */
    const len = Array.from(q).length;
    if (len >= 4 && !/\p{N}/u.test(q)) {
      const max = len >= 8 ? 2 : 1;
      const seen = new Set(out.map((c) => c[0]));
      for (const t of dict) {
        if (seen.has(t) || t.length < q.length - max || (!last && t.length > q.length + max)) {
          continue;
        }
        const d = distance(q, t, max, false);
        if (d <= max) {
          out.push([t, d === 1 ? 0.45 : 0.3]);
          seen.add(t);
        } else if (last && distance(q, t, max, true) <= max) {
          out.push([t, 0.3]);
          seen.add(t);
        }
      }
    }
    return out;
  }

  /* The query's terms: stop words dropped, except the one being typed,
   * which may be the start of a longer word. */
  function queryTerms(text) {
    const words = terms(text);
    const typing = words.length > 0 && /[\p{L}\p{N}\p{M}_.]$/u.test(text);
    const out = [];
    words.forEach((w, i) => {
      const last = typing && i === words.length - 1;
      if ((!index.stop.has(w) || last) && !out.some((o) => o.term === w)) {
        out.push({ term: w, last: last });
      }
    });
    return out;
  }

  function search(text) {
    const qs = queryTerms(text);
    if (!qs.length) {
      return [];
    }
    /* Per section (shard:section): per query term, the best score. */
    const own = new Map();
    /* Per page (shard:page): per query term, the best title score. */
    const titles = new Map();
    qs.forEach((q, qi) => {
      for (const [term, quality] of candidates(q.term, q.last)) {
        const w = index.where.get(term);
        let df = 0;
        const lists = [];
        for (let k = 0; k < w.length; k += 2) {
          const p = postings(w[k], w[k + 1]);
          df += p.length / 2;
          lists.push(w[k], p);
        }
        const idf = Math.log(1 + index.total / df);
        for (let k = 0; k < lists.length; k += 2) {
          const si = lists[k];
          const p = lists[k + 1];
          for (let i = 0; i < p.length; i += 2) {
            const sec = index.sections[si][p[i]];
            const title = p[i + 1] === 3 && !sec.anchor;
            const score = quality * (title ? TITLE : WEIGHT[p[i + 1]]) * idf;
            const key = si + ":" + p[i];
            let s = own.get(key);
            if (!s) {
              s = { sec: sec, order: si * 1e7 + p[i], scores: new Array(qs.length).fill(0) };
              own.set(key, s);
            }
            s.scores[qi] = Math.max(s.scores[qi], score);
            if (title) {
              const pk = si + ":" + sec.page;
              let t = titles.get(pk);
              if (!t) {
                t = new Array(qs.length).fill(0);
                titles.set(pk, t);
              }
              t[qi] = Math.max(t[qi], score);
            }
          }
        }
      }
    });
    const scored = [];
    own.forEach((s) => {
      const t = titles.get(s.sec.shard + ":" + s.sec.page);
      let matched = 0;
      let total = 0;
      s.scores.forEach((v, qi) => {
        const inherited = t && s.sec.anchor ? t[qi] * INHERIT : 0;
        const best = Math.max(v, inherited);
        if (best > 0) {
          matched++;
          total += best;
        }
      });
      scored.push({ sec: s.sec, order: s.order, matched: matched, score: total });
    });
    const all = qs.length;
    const full = scored.filter((r) => r.matched === all);
    const pool = full.length ? full : scored;
    pool.sort((a, b) => b.matched - a.matched || b.score - a.score || a.order - b.order);
    const perPage = new Map();
    const out = [];
    for (const r of pool) {
      const pk = r.sec.shard + ":" + r.sec.page;
      const n = perPage.get(pk) || 0;
      if (n >= PER_PAGE) {
        continue;
      }
      perPage.set(pk, n + 1);
      out.push(Object.assign({ score: r.score, matched: r.matched }, r.sec));
      if (out.length >= MAX_RESULTS) {
        break;
      }
    }
    out.partial = !full.length;
    return out;
  }

  /* ---------- Links ---------- */

  /* The URL of a result: the index's site path under the site root, kept
   * under /latest/ when the reader is reading there. */
  function href(sec) {
    let path = sec.url;
    const versioned = "/" + index.name + "/";
    if (location.pathname.indexOf(root + "latest/") === 0 && path.indexOf(versioned) === 0) {
      path = "/latest/" + path.slice(versioned.length);
    }
    let url = root.replace(/\/$/, "") + path;
    if (sec.anchor) {
      url += "#" + encodeURI(sec.anchor).replace(/#/g, "%23");
    }
    return url;
  }

  /* ---------- The combobox ---------- */

  function setStatus(text) {
    status.textContent = text;
  }

  function open() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
  }

  function close() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function setActive(i) {
    const items = list.children;
    if (active >= 0 && items[active]) {
      items[active].setAttribute("aria-selected", "false");
      items[active].classList.remove("is-active");
    }
    active = i;
    if (i >= 0 && items[i]) {
      items[i].setAttribute("aria-selected", "true");
      items[i].classList.add("is-active");
      input.setAttribute("aria-activedescendant", items[i].id);
      if (items[i].scrollIntoView) {
        items[i].scrollIntoView({ block: "nearest" });
      }
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(found, query) {
    results = found;
    active = -1;
    list.setAttribute("data-query", query);
    input.removeAttribute("aria-activedescendant");
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    found.forEach((sec, i) => {
      const li = document.createElement("li");
      li.className = "dg-search__result";
      li.id = "dg-search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const a = document.createElement("a");
      a.href = href(sec);
      a.tabIndex = -1;
      const title = document.createElement("span");
      title.className = "dg-search__title";
      title.textContent = sec.title;
      a.appendChild(title);
      if (sec.anchor && sec.heading) {
        const h = document.createElement("span");
        h.className = "dg-search__heading";
        h.textContent = sec.heading;
        a.appendChild(h);
      }
      li.appendChild(a);
      li.addEventListener("mousemove", () => {
        if (active !== i) {
          setActive(i);
        }
      });
      list.appendChild(li);
    });
    list.hidden = !found.length;
    if (!query) {
      setStatus("");
    } else if (!found.length) {
      setStatus("No results for \u201c" + query + "\u201d");
    } else if (found.partial) {
      setStatus("No page has every word; closest matches:");
    } else {
      setStatus(found.length === 1 ? "1 result" : found.length + (found.length === MAX_RESULTS ? "+" : "") + " results");
    }
    if (query) {
      open();
    } else {
      close();
    }
  }

  function run() {
    timer = 0;
    const query = input.value.trim();
    if (!query) {
      render([], "");
      return;
    }
    if (failed) {
      list.hidden = true;
      setStatus("Search is not available: the index could not be loaded.");
      open();
      return;
    }
    if (!index) {
      list.hidden = true;
      setStatus("Loading the search index\u2026");
      open();
      load().catch(() => {});
      return;
    }
    render(search(input.value), query);
  }

  /* Coalesce fast typing into one search per frame or so. */
  function schedule() {
    if (!timer) {
      timer = window.setTimeout(run, 16);
    }
  }

  function go(i) {
    const item = list.children[i];
    const a = item && item.querySelector("a");
    if (!a) {
      return;
    }
    close();
    window.location.assign(a.href);
  }

  input.addEventListener("focus", () => {
    load().catch(() => {});
    if (input.value.trim()) {
      schedule();
    }
  });
  input.addEventListener("input", schedule);
  input.addEventListener("keydown", (e) => {
    const n = list.children.length;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (panel.hidden && input.value.trim()) {
          run();
        }
        if (n) {
          setActive(active + 1 < n ? active + 1 : 0);
        }
        break;
      case "ArrowUp":
        e.preventDefault();
        if (n) {
          setActive(active > 0 ? active - 1 : n - 1);
        }
        break;
      case "Enter":
        e.preventDefault();
        if (timer) {
          window.clearTimeout(timer);
          run();
        }
        if (list.children.length) {
          go(active >= 0 ? active : 0);
        }
        break;
      case "Escape":
        if (!panel.hidden) {
          e.preventDefault();
          close();
        } else if (input.value) {
          e.preventDefault();
          input.value = "";
          render([], "");
        }
        break;
      case "Tab":
        close();
        break;
    }
  });
  list.addEventListener("click", (e) => {
    /* The link navigates; the panel closes for the same-page jumps. */
    if (e.target.closest && e.target.closest("a")) {
      close();
    }
  });
  document.addEventListener("click", (e) => {
    if (!box.contains(e.target)) {
      close();
    }
  });
  /* "/" focuses the box, unless the reader is typing somewhere. */
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) {
      return;
    }
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) {
      return;
    }
    e.preventDefault();
    input.focus();
    input.select();
  });

  box.hidden = false;
})();
