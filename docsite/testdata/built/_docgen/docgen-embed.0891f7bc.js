/* docgen default theme: click-to-load players (youtube and storyLane tags).
 *
 * Each player is written as a link to the video or demo on its own site,
 * with the player's address in data-embed. Without this script the link
 * just opens it there. With it, a click puts the player in place of the
 * link, so nothing is requested from the player's host before the reader
 * asks for it.
 *
 * The player loads only where the site's Content-Security-Policy allows
 * its host in frame-src (the theme itself runs under default-src 'self').
 * Where it does not, the browser blocks the frame and reports a violation;
 * the link comes back and is followed, as without script.
 *
 * No framework, no network of its own, no markup from strings.
 */
(function () {
  "use strict";

  var loaded = [];

  function originOf(url) {
    try {
      return new URL(url, document.baseURI).origin;
    } catch (e) {
      return "";
    }
  }

  function play(link) {
    var src = link.getAttribute("data-embed");
    if (!src || originOf(src) === "") {
      return false;
    }
    var frame = document.createElement("iframe");
    frame.className = "dg-embed__frame";
    frame.src = src;
    frame.title = link.getAttribute("data-embed-title") || "Embedded player";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.hidden = true;
    link.parentNode.insertBefore(frame, link);
    loaded.push({ frame: frame, link: link, origin: originOf(src) });
    frame.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return; /* a new tab or window: the link's own page */
    }
    var link = event.target.closest && event.target.closest("a[data-embed]");
    if (link && play(link)) {
      event.preventDefault();
    }
  });

  document.addEventListener("securitypolicyviolation", function (event) {
    var blocked = originOf(event.blockedURI || "");
    for (var i = 0; i < loaded.length; i++) {
      var p = loaded[i];
      if (p.origin !== blocked || !p.frame.parentNode) {
        continue;
      }
      p.frame.parentNode.removeChild(p.frame);
      p.link.hidden = false;
      loaded.splice(i, 1);
      window.location.assign(p.link.href);
      return;
    }
  });
})();
