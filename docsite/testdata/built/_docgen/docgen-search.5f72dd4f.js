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
  /* How many words a prefix or a typo may reach, per query term. */
  const MAX_EXPANSIONS = 12;

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

  /* The index as the queries use it: every section numbered through all
   * shards, and the shards' terms in one sorted dictionary, each with
   * where its postings are. */
  function prepare(m, shards) {
    const where = new Map();
    const secs = []; /* {url, title, anchor, heading} by number */
    const pageOf = []; /* the number of each section's page */
    const heads = []; /* 1 for the top section of a page */
    const base = []; /* per shard, the number of its first section */
    let pages = 0;
    shards.forEach((s, si) => {
      base.push(secs.length);
      for (const p of s.pages) {
        secs.push({ url: p[0], title: p[1], anchor: "", heading: "" });
        pageOf.push(pages);
        heads.push(1);
        for (let i = 2; i + 1 < p.length; i += 2) {
          secs.push({ url: p[0], title: p[1], anchor: p[i], heading: p[i + 1] });
          pageOf.push(pages);
          heads.push(0);
        }
        pages++;
      }
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
    /* Words a typo can reach: not numbers, where one digit off is another
     * number. */
    const words = dict.filter((t) => !NUMBER.test(t));
    return {
      name: m.name,
      stop: new Set(m.stopWords || []),
      shards: shards,
      secs: secs,
      pageOf: Int32Array.from(pageOf),
      heads: Uint8Array.from(heads),
      pages: pages,
      base: base,
      where: where,
      dict: dict,
      words: words,
      decoded: new Map()
    };
  }

  const NUMBER = /\p{N}/u;
  const DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const DIGIT = new Int8Array(128).fill(-1);
  for (let i = 0; i < DIGITS.length; i++) {
    DIGIT[DIGITS.charCodeAt(i)] = i;
  }

  /* A term's postings in every shard, decoded once: the section numbers
   * and the kinds (internal/search, occShift), in section order. The
   * encoding is internal/search.appendPostings. */
  function postings(term) {
    let out = index.decoded.get(term);
    if (out) {
      return out;
    }
    const w = index.where.get(term);
    let n = 0;
    for (let k = 0; k < w.length; k += 2) {
      n += index.shards[w[k]].postings[w[k + 1]].length;
    }
    const secs = new Int32Array(n);
    const kinds = new Uint8Array(n);
    let count = 0;
    for (let k = 0; k < w.length; k += 2) {
      const s = index.shards[w[k]].postings[w[k + 1]];
      let section = index.base[w[k]] - 1;
      let v = 0;
      let mul = 1;
      for (let i = 0; i < s.length; i++) {
        const d = DIGIT[s.charCodeAt(i)];
        v += (d & 31) * mul;
        if (d & 32) {
          mul *= 32;
          continue;
        }
        section += Math.floor(v / 4) + 1;
        secs[count] = section;
        kinds[count] = v % 4;
        count++;
        v = 0;
        mul = 1;
      }
    }
    out = { secs: secs.subarray(0, count), kinds: kinds.subarray(0, count) };
    index.decoded.set(term, out);
    return out;
  }

  /* ---------- Matching ---------- */

  /* Rows of the edit distance table, reused: terms are short. */
  let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

  /* Optimal string alignment distance of a and b (a typo is a letter
   * missing, extra, wrong or two letters swapped), or max + 1 when it is
   * larger than max. With prefix, the distance of a to the closest prefix
   * of b: the reader is still typing a. */
  function distance(a, b, max, prefix) {
    const m = a.length;
    const n = prefix ? Math.min(b.length, m + max) : b.length;
    if (!prefix && Math.abs(m - n) > max) {
      return max + 1;
    }
    if (n + 1 > rows[0].length) {
      rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
    }
    let prev2 = rows[0];
    let prev = rows[1];
    let cur = rows[2];
    for (let j = 0; j <= n; j++) {
      prev[j] = j;
    }
    for (let i = 1; i <= m; i++) {
      cur[0] = i;
      let best = i;
      const ai = a.charCodeAt(i - 1);
      for (let j = 1; j <= n; j++) {
        const bj = b.charCodeAt(j - 1);
        let d = prev[j - 1] + (ai === bj ? 0 : 1);
        if (prev[j] + 1 < d) {
          d = prev[j] + 1;
        }
        if (cur[j - 1] + 1 < d) {
          d = cur[j - 1] + 1;
        }
        if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && prev2[j - 2] + 1 < d) {
          d = prev2[j - 2] + 1;
        }
        cur[j] = d;
        if (d < best) {
          best = d;
        }
      }
      if (best > max) {
        return max + 1;
      }
      const t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    if (!prefix) {
      return prev[n];
    }
    let best = max + 1;
    for (let j = Math.max(0, m - max); j <= n; j++) {
      if (prev[j] < best) {
        best = prev[j];
      }
    }
    return best;
  }

  /* The index terms a query term reaches, each with how well it matches
   * (1 exact). last: the term the reader is typing, which may be the
   * start of a word. */
  function candidates(q, last) {
    const out = [];
    const dict = index.dict;
    if (index.where.has(q)) {
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
    /* Typos: one from four letters, two from eight. Shorter words are too
     * close to too many others ("id" is one letter from "is", "in",
     * "it"); longer ones are distinctive enough to take two. Not in
     * numbers. */
    const len = Array.from(q).length;
    if (len >= 4 && !NUMBER.test(q)) {
      const max = len >= 8 ? 2 : 1;
      /* A word being typed with a typo in it: only when it starts no
       * word as typed. */
      const typoPrefix = last && !out.length;
      const seen = new Set(out.map((c) => c[0]));
      const fuzzy = [];
      for (const t of index.words) {
        if (t.length < q.length - max || (!typoPrefix && t.length > q.length + max) || seen.has(t)) {
          continue;
        }
        const d = t.length <= q.length + max ? distance(q, t, max, false) : max + 1;
        if (d <= max) {
          fuzzy.push([t, d === 1 ? 0.45 : 0.3]);
        } else if (typoPrefix && distance(q, t, max, true) <= max) {
          fuzzy.push([t, 0.3]);
        }
      }
      fuzzy.sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
      out.push(...fuzzy.slice(0, MAX_EXPANSIONS));
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

  /* The sections that match a query, best first: those with every term
   * (a term in the page's title counting, a little, for all its
   * sections), else those with the most; at most PER_PAGE per page. */
  function search(text) {
    const qs = queryTerms(text);
    if (!qs.length) {
      return [];
    }
    const N = index.secs.length;
    const heads = index.heads;
    const pageOf = index.pageOf;
    const best = qs.map(() => new Float64Array(N)); /* per term, per section */
    const titles = qs.map(() => new Float64Array(index.pages)); /* per term, per page */
    const seen = new Uint8Array(N);
    let touched = new Int32Array(1024);
    let count = 0;
    qs.forEach((q, qi) => {
      const b = best[qi];
      const tb = titles[qi];
      for (const [term, quality] of candidates(q.term, q.last)) {
        const p = postings(term);
        const idf = Math.log(1 + N / p.secs.length);
        const weights = WEIGHT.map((w) => quality * w * idf);
        const title = quality * TITLE * idf;
        for (let i = 0; i < p.secs.length; i++) {
          const sec = p.secs[i];
          const kind = p.kinds[i];
          const isTitle = kind === 3 && heads[sec] === 1;
          const score = isTitle ? title : weights[kind];
          if (score > b[sec]) {
            b[sec] = score;
          }
          if (!seen[sec]) {
            seen[sec] = 1;
            if (count === touched.length) {
              const t = new Int32Array(count * 2);
              t.set(touched);
              touched = t;
            }
            touched[count++] = sec;
          }
          if (isTitle && score > tb[pageOf[sec]]) {
            tb[pageOf[sec]] = score;
          }
        }
      }
    });
    /* Score the sections reached, and keep the best few with a heap. */
    const all = qs.length;
    const matched = new Uint8Array(count);
    const scores = new Float64Array(count);
    let most = 0;
    for (let k = 0; k < count; k++) {
      const sec = touched[k];
      const page = pageOf[sec];
      let m = 0;
      let total = 0;
      for (let qi = 0; qi < all; qi++) {
        const v = Math.max(best[qi][sec], heads[sec] ? 0 : titles[qi][page] * INHERIT);
        if (v > 0) {
          m++;
          total += v;
        }
      }
      matched[k] = m;
      scores[k] = total;
      most = Math.max(most, m);
    }
    /* Enough candidates to fill the results despite the cap per page. */
    const keep = MAX_RESULTS * PER_PAGE * 4;
    const better = (a, b) => scores[a] > scores[b] || (scores[a] === scores[b] && touched[a] < touched[b]);
    const heap = []; /* the kept candidates, worst on top */
    const down = (i) => {
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) {
          return;
        }
        let w = l;
        if (l + 1 < heap.length && better(heap[w], heap[l + 1])) {
          w = l + 1;
        }
        if (!better(heap[i], heap[w])) {
          return;
        }
        [heap[i], heap[w]] = [heap[w], heap[i]];
        i = w;
      }
    };
    for (let k = 0; k < count; k++) {
      if (matched[k] !== most) {
        continue;
      }
      if (heap.length < keep) {
        heap.push(k);
        for (let i = heap.length - 1; i > 0; ) {
          const up = (i - 1) >> 1;
          if (!better(heap[up], heap[i])) {
            break;
          }
          [heap[up], heap[i]] = [heap[i], heap[up]];
          i = up;
        }
      } else if (better(k, heap[0])) {
        heap[0] = k;
        down(0);
      }
    }
    heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    const perPage = new Map();
    const out = [];
    for (const k of heap) {
      const sec = touched[k];
      const n = perPage.get(pageOf[sec]) || 0;
      if (n >= PER_PAGE) {
        continue;
      }
      perPage.set(pageOf[sec], n + 1);
      out.push(Object.assign({ score: scores[k], matched: matched[k] }, index.secs[sec]));
      if (out.length >= MAX_RESULTS) {
        break;
      }
    }
    out.partial = most < all;
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
