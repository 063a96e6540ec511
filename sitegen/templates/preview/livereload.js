// MkDocs' live-reload poller (mkdocs/livereload/__init__.py), as an external script so
// that the pages' self-only Content-Security-Policy allows it (sitegen/preview.py).
// The server answers /livereload/<epoch>/<id> once a build newer than this page's is
// visible, or after a minute with the same epoch; a newer one reloads the page.
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = parseFloat(script.dataset.epoch);
  var requestId = script.dataset.requestId;
  var request, timeout;

  function poll() {
    stop();
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) request.abort();
    if (timeout) clearTimeout(timeout);
    request = timeout = undefined;
  }

  function start() {
    if (document.visibilityState === "visible") poll();
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);

  // The error overlay's button hides it, to read the last good page behind.
  var close = document.getElementById("report-preview-close");
  if (close) {
    close.addEventListener("click", function () {
      document.getElementById("report-preview").hidden = true;
    });
  }
})();
