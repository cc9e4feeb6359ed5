/* The product's help panel: shows docgen page fragments beside the app.
 *
 * It reads /help/_fragments/index.json once, loads the docs' stylesheets
 * and scripts from it, and on a [data-help-page] click fetches that page's
 * fragment, puts it in the panel and announces it with a docgen:content
 * event, which starts its copy buttons and live values. Links inside the
 * panel to other pages open them in the panel; anything else opens as a
 * normal link. No inline script, no other host.
 */
(function () {
  "use strict";
  var panel = document.getElementById("help-panel");
  var body = panel.querySelector(".app-help__body");
  var full = panel.querySelector(".app-help__full");
  var index = null;

  function loadIndex() {
    if (index) {
      return index;
    }
    index = fetch("/help/_fragments/index.json")
      .then(function (r) {
        if (!r.ok) {
          throw new Error("help index: " + r.status);
        }
        return r.json();
      })
      .then(function (idx) {
        idx.assets.css.forEach(function (href) {
          var link = document.createElement("link");
          link.rel = "stylesheet";
          link.href = href;
          document.head.appendChild(link);
        });
        /* Scripts run in order, and only once all are in. */
        return idx.assets.js
          .reduce(function (prev, src) {
            return prev.then(function () {
              return new Promise(function (resolve, reject) {
                var s = document.createElement("script");
                s.src = src;
                s.onload = resolve;
                s.onerror = reject;
                document.head.appendChild(s);
              });
            });
          }, Promise.resolve())
          .then(function () {
            return idx;
          });
      });
    return index;
  }

  function pageFor(idx, url) {
    var path = url.split("#")[0];
    for (var i = 0; i < idx.pages.length; i++) {
      var p = idx.pages[i];
      if (p.url === path || p.latest === path) {
        return p;
      }
    }
    return null;
  }

  function open(url) {
    return loadIndex().then(function (idx) {
      var page = pageFor(idx, url);
      if (!page) {
        window.location.href = url;
        return;
      }
      return fetch(page.fragment)
        .then(function (r) {
          return r.text();
        })
        .then(function (html) {
          /* The fragment comes from our own server, built from our docs. */
          body.innerHTML = html;
          full.href = page.url;
          panel.querySelector(".app-help__title").textContent = page.title;
          panel.hidden = false;
          document.dispatchEvent(new CustomEvent("docgen:content", { detail: { root: body } }));
          var hash = url.split("#")[1];
          var target = hash && document.getElementById(decodeURIComponent(hash));
          if (target) {
            target.scrollIntoView();
          } else {
            body.scrollTop = 0;
          }
          body.focus();
        });
    });
  }

  document.addEventListener("click", function (e) {
    var trigger = e.target.closest("[data-help-page]");
    if (trigger) {
      e.preventDefault();
      open(trigger.getAttribute("data-help-page"));
      return;
    }
    var link = e.target.closest(".app-help__body a[href]");
    if (!link || e.ctrlKey || e.metaKey || e.shiftKey) {
      return;
    }
    var href = link.getAttribute("href");
    if (href.charAt(0) === "#") {
      e.preventDefault();
      var t = document.getElementById(decodeURIComponent(href.slice(1)));
      if (t) {
        t.scrollIntoView();
      }
      return;
    }
    if (href.indexOf("/help/") === 0) {
      e.preventDefault();
      open(href);
    }
  });
  panel.querySelector(".app-help__close").addEventListener("click", function () {
    panel.hidden = true;
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !panel.hidden) {
      panel.hidden = true;
    }
  });
})();
