/* docgen: applies the reader's light/dark choice before the first paint.
 *
 * Loaded blocking (no defer) in <head>, as an external file so pages work
 * under Content-Security-Policy: default-src 'self'. The stylesheet already
 * follows prefers-color-scheme; only an explicit choice made with the
 * toggle (stored by docgen.js) needs to be applied here. Keep it tiny.
 */
(function () {
  var root = document.documentElement;
  root.classList.add("dg-js");
  try {
    var t = window.localStorage.getItem("docgen-theme");
    if (t === "light" || t === "dark") {
      root.setAttribute("data-theme", t);
    }
  } catch (e) {
    /* storage blocked: follow the system preference */
  }
})();
