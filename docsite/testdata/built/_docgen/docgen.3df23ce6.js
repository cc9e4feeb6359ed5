/* docgen default theme: progressive enhancements.
 *
 * The page is complete without this file: navigation sections are
 * <details>, the phone menu opens through #dg-sidebar:target, the version
 * menu is a <details>. This script adds the light/dark toggle, copy
 * buttons on code blocks, a proper drawer for the phone menu and the
 * current-section mark in the on-page table of contents.
 *
 * No framework, no network, no inline markup from strings.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  var STORAGE_KEY = "docgen-theme";

  /* A polite live region, so screen readers hear "Copied". */
  var live = document.createElement("div");
  live.className = "dg-visually-hidden";
  live.setAttribute("aria-live", "polite");
  live.setAttribute("role", "status");
  document.body.appendChild(live);

  function announce(text) {
    live.textContent = "";
    window.setTimeout(function () {
      live.textContent = text;
    }, 50);
  }

  /* ---------- Light/dark toggle ----------
   * The CSS follows prefers-color-scheme; data-theme="light|dark" on <html>
   * overrides it. A choice equal to the system's is not stored, so the page
   * follows the system again once the reader's choice matches it.
   */
  var darkQuery = window.matchMedia
    ? window.matchMedia("(prefers-color-scheme: dark)")
    : null;

  function systemTheme() {
    return darkQuery && darkQuery.matches ? "dark" : "light";
  }

  function currentTheme() {
    var t = root.getAttribute("data-theme");
    return t === "light" || t === "dark" ? t : systemTheme();
  }

  function store(value) {
    try {
      if (value) {
        window.localStorage.setItem(STORAGE_KEY, value);
      } else {
        window.localStorage.removeItem(STORAGE_KEY);
      }
    } catch (e) {
      /* private mode: the choice lasts for this page only */
    }
  }

  function applyTheme(t) {
    if (t === "light" || t === "dark") {
      root.setAttribute("data-theme", t);
    } else {
      root.removeAttribute("data-theme");
    }
    syncToggles();
  }

  function syncToggles() {
    var dark = currentTheme() === "dark";
    var buttons = document.querySelectorAll(".dg-theme-toggle");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", dark ? "true" : "false");
      buttons[i].title = dark ? "Switch to light theme" : "Switch to dark theme";
    }
  }

  function initThemeToggle() {
    var buttons = document.querySelectorAll(".dg-theme-toggle");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var next = currentTheme() === "dark" ? "light" : "dark";
        if (next === systemTheme()) {
          store(null);
          applyTheme(null);
        } else {
          store(next);
          applyTheme(next);
        }
      });
    }
    syncToggles();
    if (darkQuery) {
      var onChange = function () {
        syncToggles();
      };
      if (darkQuery.addEventListener) {
        darkQuery.addEventListener("change", onChange);
      } else if (darkQuery.addListener) {
        darkQuery.addListener(onChange);
      }
    }
    /* Another tab changed the choice. */
    window.addEventListener("storage", function (e) {
      if (e.key === STORAGE_KEY) {
        applyTheme(e.newValue);
      }
    });
  }

  /* ---------- Copy buttons ----------
   * Each .dg-code block has a hidden button.dg-copy; it copies exactly the
   * text of the block's pre code, or selects it when the clipboard is out
   * of reach. Blocks that docgen-live.js marks data-live-owned are its own:
   * it copies the reader's values and the placeholders of missing ones.
   */
  function selectText(node) {
    var sel = window.getSelection && window.getSelection();
    if (!sel) {
      return false;
    }
    var range = document.createRange();
    range.selectNodeContents(node);
    sel.removeAllRanges();
    sel.addRange(range);
    return true;
  }

  function flash(button, label, cls) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = label;
    button.classList.add(cls);
    announce(label);
    window.clearTimeout(button._dgTimer);
    button._dgTimer = window.setTimeout(function () {
      button.textContent = original;
      button.classList.remove(cls);
    }, 2000);
  }

  function fallbackCopy(button, code) {
    if (!selectText(code)) {
      return;
    }
    var copied = false;
    try {
      copied = document.execCommand && document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    if (copied) {
      flash(button, "Copied", "is-copied");
    } else {
      var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
      flash(button, mac ? "Selected: press \u2318C" : "Selected: press Ctrl+C", "is-selected");
    }
  }

  function initCopyButtons(root) {
    var buttons = root.querySelectorAll(".dg-code .dg-copy");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var block = button.closest(".dg-code");
      var code = block && block.querySelector("pre code");
      if (!code) {
        continue;
      }
      button.hidden = false;
      button.addEventListener(
        "click",
        (function (button, code) {
          return function () {
            /* Blocks with live values: docgen-live.js marks them and copies the filled text. */
            if (button.closest("[data-live-owned]")) {
              return;
            }
            var text = code.textContent;
            if (navigator.clipboard && navigator.clipboard.writeText) {
              navigator.clipboard.writeText(text).then(
                function () {
                  flash(button, "Copied", "is-copied");
                },
                function () {
                  fallbackCopy(button, code);
                }
              );
            } else {
              fallbackCopy(button, code);
            }
          };
        })(button, code)
      );
    }
  }

  /* ---------- Phone menu ----------
   * Without script the menu link jumps to #dg-sidebar, which CSS shows as a
   * drawer while it is the :target. With script the link toggles a class,
   * so the URL and history stay as they are.
   */
  function initMenu() {
    var button = document.querySelector(".dg-menu-button");
    var sidebar = document.getElementById("dg-sidebar");
    if (!button || !sidebar) {
      return;
    }
    var closers = sidebar.querySelectorAll(".dg-nav__close, .dg-sidebar__backdrop");
    var narrow = window.matchMedia ? window.matchMedia("(max-width: 59.99em)") : null;

    button.setAttribute("role", "button");
    button.setAttribute("aria-expanded", "false");
    /* From here on the class, not :target, opens the drawer. */
    root.classList.add("dg-enhanced");

    function isOpen() {
      return root.classList.contains("dg-nav-open");
    }

    function open() {
      root.classList.add("dg-nav-open");
      button.setAttribute("aria-expanded", "true");
      var current = sidebar.querySelector('[aria-current="page"]');
      var first = sidebar.querySelector(".dg-nav__close");
      if (current && current.scrollIntoView) {
        current.scrollIntoView({ block: "center" });
      }
      if (first) {
        first.focus();
      }
    }

    function close(restoreFocus) {
      if (!isOpen()) {
        return;
      }
      root.classList.remove("dg-nav-open");
      button.setAttribute("aria-expanded", "false");
      if (restoreFocus) {
        button.focus();
      }
    }

    button.addEventListener("click", function (e) {
      e.preventDefault();
      if (isOpen()) {
        close(true);
      } else {
        open();
      }
    });
    button.addEventListener("keydown", function (e) {
      if (e.key === " ") {
        e.preventDefault();
        button.click();
      }
    });
    for (var i = 0; i < closers.length; i++) {
      closers[i].addEventListener("click", function (e) {
        e.preventDefault();
        close(true);
      });
    }
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && isOpen()) {
        close(true);
      }
    });
    if (narrow) {
      var onChange = function () {
        if (!narrow.matches) {
          close(false);
        }
      };
      if (narrow.addEventListener) {
        narrow.addEventListener("change", onChange);
      } else if (narrow.addListener) {
        narrow.addListener(onChange);
      }
    }
  }

  /* ---------- Version menu ----------
   * A <details> works alone; close it on Escape or a click elsewhere.
   */
  function initVersionMenu() {
    var menus = document.querySelectorAll(".dg-versions");
    if (!menus.length) {
      return;
    }
    document.addEventListener("click", function (e) {
      for (var i = 0; i < menus.length; i++) {
        if (menus[i].open && !menus[i].contains(e.target)) {
          menus[i].open = false;
        }
      }
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") {
        return;
      }
      for (var i = 0; i < menus.length; i++) {
        if (menus[i].open) {
          menus[i].open = false;
          menus[i].querySelector("summary").focus();
        }
      }
    });
  }

  /* ---------- On-page table of contents ----------
   * Marks the link of the section being read.
   */
  function initTOC() {
    var links = document.querySelectorAll(".dg-toc__list a[href^='#']");
    if (!links.length || !("IntersectionObserver" in window)) {
      return;
    }
    var byId = {};
    var headings = [];
    for (var i = 0; i < links.length; i++) {
      var id = decodeURIComponent(links[i].getAttribute("href").slice(1));
      var h = document.getElementById(id);
      if (h) {
        byId[id] = links[i];
        headings.push(h);
      }
    }
    var visible = {};
    var active = null;

    function update() {
      var pick = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) {
          pick = headings[i];
          break;
        }
      }
      if (!pick) {
        /* Between headings: the last one above the viewport. */
        for (var j = 0; j < headings.length; j++) {
          if (headings[j].getBoundingClientRect().top < 80) {
            pick = headings[j];
          }
        }
      }
      var link = pick ? byId[pick.id] : null;
      if (link === active) {
        return;
      }
      if (active) {
        active.classList.remove("is-active");
      }
      if (link) {
        link.classList.add("is-active");
      }
      active = link;
    }

    var observer = new IntersectionObserver(
      function (entries) {
        for (var i = 0; i < entries.length; i++) {
          visible[entries[i].target.id] = entries[i].isIntersecting;
        }
        update();
      },
      { rootMargin: "-64px 0px -55% 0px" }
    );
    for (var k = 0; k < headings.length; k++) {
      observer.observe(headings[k]);
    }
  }

  initThemeToggle();
  initCopyButtons(document);
  /* A product showing a page fragment in its own page (a help panel)
   * announces it with a "docgen:content" event whose detail.root is the
   * element holding the fragment. */
  document.addEventListener("docgen:content", function (e) {
    if (e.detail && e.detail.root && e.detail.root.querySelectorAll) {
      initCopyButtons(e.detail.root);
    }
  });
  initMenu();
  initVersionMenu();
  initTOC();
})();
