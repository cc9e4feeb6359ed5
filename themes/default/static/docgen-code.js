/* docgen default theme: the code tags, enhanced.
 *
 * Without this file the pages are complete: every panel of a
 * codeWithLanguageSelector shows under its name, and the explanations of a
 * codePreview carry the same numbers as the code pieces they explain. This
 * script adds:
 *
 * - tabs (the WAI-ARIA tabs pattern: arrow keys, Home, End) for
 *   .dg-tabs, and the reader's choice of language remembered for the whole
 *   site in localStorage: choosing "python" once selects python in every
 *   selector that offers it, on this page, on later pages and in other
 *   browser tabs;
 * - in a .dg-codepreview, the code pieces of the explanation being read
 *   (hovered, focused or clicked) highlighted and scrolled into view;
 * - the copy button of a .dg-codeblock listing, which copies all its
 *   pieces as one file.
 *
 * The storage key is namespaced by the site (data-site on this script's
 * tag: the site's base URL and title), so two docgen sites on one host
 * keep their own choices. No framework, no network, no markup from
 * strings.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var site = (script && script.getAttribute("data-site")) || "";
  var PREF_KEY = "docgen-code:" + site + ":languages";
  var MAX_PREFS = 12;

  var reduceMotion =
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var counter = 0;
  function newId(prefix) {
    var id;
    do {
      counter++;
      id = prefix + counter;
    } while (document.getElementById(id));
    return id;
  }

  /* A polite live region, for "Copied". */
  var liveRegion = null;
  function announce(text) {
    if (!liveRegion) {
      liveRegion = document.createElement("div");
      liveRegion.className = "dg-visually-hidden";
      liveRegion.setAttribute("role", "status");
      liveRegion.setAttribute("aria-live", "polite");
      document.body.appendChild(liveRegion);
    }
    liveRegion.textContent = "";
    window.setTimeout(function () {
      liveRegion.textContent = text;
    }, 50);
  }

  /* ---------- Language preferences ----------
   * The languages the reader chose, most recent first: a selector shows
   * the first of them it offers.
   */
  function readPrefs() {
    try {
      var v = JSON.parse(window.localStorage.getItem(PREF_KEY) || "[]");
      if (!Array.isArray(v)) {
        return [];
      }
      return v.filter(function (k) {
        return typeof k === "string";
      });
    } catch (e) {
      return [];
    }
  }

  var sessionPrefs = null; /* when localStorage is out of reach */

  function prefs() {
    return sessionPrefs || readPrefs();
  }

  function prefer(key) {
    var list = prefs().filter(function (k) {
      return k !== key;
    });
    list.unshift(key);
    list = list.slice(0, MAX_PREFS);
    try {
      window.localStorage.setItem(PREF_KEY, JSON.stringify(list));
      sessionPrefs = null;
    } catch (e) {
      sessionPrefs = list;
    }
  }

  /* ---------- Tabs ---------- */
  var selectors = [];

  function childrenWithClass(parent, cls) {
    var out = [];
    for (var i = 0; i < parent.children.length; i++) {
      if (parent.children[i].classList.contains(cls)) {
        out.push(parent.children[i]);
      }
    }
    return out;
  }

  function initSelector(root) {
    var list = root.querySelector(".dg-tabs__list");
    if (!list) {
      return;
    }
    var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
    var panels = childrenWithClass(root, "dg-tabs__panel");
    if (!tabs.length || !panels.length) {
      return;
    }
    var sel = { root: root, tabs: tabs, panels: panels, current: null };
    tabs.forEach(function (tab) {
      tab.id = tab.id || newId("dg-tab-");
      var key = tab.getAttribute("data-lang");
      var controls = [];
      panels.forEach(function (panel) {
        if (panel.getAttribute("data-lang") !== key) {
          return;
        }
        panel.id = panel.id || newId("dg-tabpanel-");
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tab.id);
        panel.setAttribute("tabindex", "0");
        controls.push(panel.id);
      });
      tab.setAttribute("aria-controls", controls.join(" "));
      tab.addEventListener("click", function () {
        choose(sel, key, tab);
      });
    });
    list.addEventListener("keydown", function (e) {
      var i = tabs.indexOf(document.activeElement);
      if (i < 0) {
        return;
      }
      var next = -1;
      switch (e.key) {
        case "ArrowRight":
        case "ArrowDown":
          next = (i + 1) % tabs.length;
          break;
        case "ArrowLeft":
        case "ArrowUp":
          next = (i - 1 + tabs.length) % tabs.length;
          break;
        case "Home":
          next = 0;
          break;
        case "End":
          next = tabs.length - 1;
          break;
        default:
          return;
      }
      e.preventDefault();
      tabs[next].focus();
      choose(sel, tabs[next].getAttribute("data-lang"), tabs[next]);
    });
    list.hidden = false;
    root.classList.add("is-enhanced");
    selectors.push(sel);
    show(sel, pick(sel, prefs()));
  }

  function offers(sel, key) {
    for (var i = 0; i < sel.tabs.length; i++) {
      if (sel.tabs[i].getAttribute("data-lang") === key) {
        return true;
      }
    }
    return false;
  }

  /* pick returns the first preferred language the selector offers, else
   * the one it shows, else its first tab. */
  function pick(sel, list) {
    for (var i = 0; i < list.length; i++) {
      if (offers(sel, list[i])) {
        return list[i];
      }
    }
    return sel.current || sel.tabs[0].getAttribute("data-lang");
  }

  function show(sel, key) {
    sel.current = key;
    sel.tabs.forEach(function (tab) {
      var on = tab.getAttribute("data-lang") === key;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
    });
    sel.panels.forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-lang") !== key;
    });
  }

  /* applyAll shows every selector's preferred language, keeping the tab
   * the reader acted on where it was on the screen while selectors above
   * it change height. */
  function applyAll(anchor) {
    var before = anchor ? anchor.getBoundingClientRect().top : 0;
    var list = prefs();
    selectors.forEach(function (sel) {
      show(sel, pick(sel, list));
    });
    if (anchor) {
      var moved = anchor.getBoundingClientRect().top - before;
      if (moved) {
        window.scrollBy(0, moved);
      }
    }
  }

  function choose(sel, key, tab) {
    prefer(key);
    show(sel, key);
    applyAll(tab);
  }

  window.addEventListener("storage", function (e) {
    if (e.key === PREF_KEY) {
      applyAll(null);
    }
  });

  /* ---------- Code preview ----------
   * Explanation N (.dg-codeinfo[data-sr=N]) and the code pieces of the
   * same number (.dg-code[data-sr=N]) inside one .dg-codepreview.
   */
  function initPreview(root) {
    var own = function (el) {
      return el.closest(".dg-codepreview") === root;
    };
    var infos = Array.prototype.slice.call(root.querySelectorAll(".dg-codeinfo[data-sr]")).filter(own);
    var chunks = Array.prototype.slice.call(root.querySelectorAll(".dg-code[data-sr]")).filter(own);
    if (!infos.length || !chunks.length) {
      return;
    }
    var active = null;

    function activate(sr, from) {
      if (sr === active) {
        return;
      }
      active = sr;
      var first = null;
      infos.forEach(function (info) {
        info.classList.toggle("is-active", info.getAttribute("data-sr") === sr);
      });
      chunks.forEach(function (chunk) {
        var on = chunk.getAttribute("data-sr") === sr;
        chunk.classList.toggle("is-active", on);
        if (on && !first) {
          first = chunk;
        }
      });
      if (first && from !== first) {
        reveal(first);
      }
    }

    infos.forEach(function (info) {
      var sr = info.getAttribute("data-sr");
      var paired = chunks.some(function (c) {
        return c.getAttribute("data-sr") === sr;
      });
      if (!paired) {
        return;
      }
      info.classList.add("is-paired");
      if (!info.hasAttribute("tabindex")) {
        info.tabIndex = 0;
      }
      var go = function () {
        activate(sr, null);
      };
      info.addEventListener("mouseenter", go);
      info.addEventListener("focusin", go);
      info.addEventListener("click", go);
    });
    chunks.forEach(function (chunk) {
      chunk.addEventListener("click", function () {
        activate(chunk.getAttribute("data-sr"), chunk);
      });
    });
  }

  /* reveal scrolls the listing (not the page) so the piece shows. */
  function reveal(chunk) {
    var body = chunk.closest(".dg-codeblock__body");
    if (!body || body.scrollHeight <= body.clientHeight) {
      return;
    }
    var top = chunk.offsetTop;
    var bottom = top + chunk.offsetHeight;
    if (top >= body.scrollTop && bottom <= body.scrollTop + body.clientHeight) {
      return;
    }
    var target = Math.max(0, top - 24);
    if (body.scrollTo) {
      body.scrollTo({ top: target, behavior: reduceMotion ? "auto" : "smooth" });
    } else {
      body.scrollTop = target;
    }
  }

  /* ---------- Listing copy ---------- */
  function listingText(block) {
    var parts = [];
    var codes = block.querySelectorAll(".dg-codeblock__body .dg-code pre code");
    for (var i = 0; i < codes.length; i++) {
      parts.push(codes[i].textContent);
    }
    return parts.join("");
  }

  function flash(button, label) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = label;
    button.classList.add("is-copied");
    announce(label);
    window.clearTimeout(button._dgTimer);
    button._dgTimer = window.setTimeout(function () {
      button.textContent = original;
      button.classList.remove("is-copied");
    }, 2000);
  }

  function fallbackCopy(button, text) {
    var area = document.createElement("textarea");
    area.className = "dg-visually-hidden";
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand && document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    button.focus();
    flash(button, ok ? "Copied" : "Copy failed");
  }

  function initListingCopy(block) {
    var button = block.querySelector(".dg-codeblock__copy");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = listingText(block);
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          function () {
            flash(button, "Copied");
          },
          function () {
            fallbackCopy(button, text);
          }
        );
      } else {
        fallbackCopy(button, text);
      }
    });
  }

  var i;
  var roots = document.querySelectorAll(".dg-tabs");
  for (i = 0; i < roots.length; i++) {
    initSelector(roots[i]);
  }
  var previews = document.querySelectorAll(".dg-codepreview");
  for (i = 0; i < previews.length; i++) {
    initPreview(previews[i]);
  }
  var blocks = document.querySelectorAll(".dg-codeblock");
  for (i = 0; i < blocks.length; i++) {
    initListingCopy(blocks[i]);
  }
})();
