/* Material's search index is fetched when the reader first goes to search, not on every
 * page load.
 *
 * Material requests search/search_index.json as soon as its bundle runs, and its worker
 * builds the index from it: on a phone that is the largest request after the page
 * itself, and CPU time spent for a search most readers never make. This runs before the
 * bundle and holds that one request back until the search field gets the focus or the
 * search toggle (a phone's magnifier) is switched on; Material shows "initialising
 * search" until the index arrives, as it does for a slow network. A page opened from a
 * search result (?h=..., for highlighting) and a site opened from disk (file://, where
 * the index is a script, not a request) are left as Material has them.
 */
(function () {
  "use strict"
  if (location.protocol === "file:" || /[?&]h=/.test(location.search)) return

  var INDEX = /\/search\/search_index\.json$/
  var held = []
  var released = false
  var open = XMLHttpRequest.prototype.open
  var send = XMLHttpRequest.prototype.send

  XMLHttpRequest.prototype.open = function (method, url) {
    this.reportHeld = !released && INDEX.test(new URL(url, location.href).pathname)
    return open.apply(this, arguments)
  }
  XMLHttpRequest.prototype.send = function () {
    if (this.reportHeld) {
      held.push([this, arguments])
      return
    }
    return send.apply(this, arguments)
  }

  function release() {
    if (released) return
    released = true
    document.removeEventListener("focusin", onFocus, true)
    document.removeEventListener("change", onToggle, true)
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]) })
  }
  function onFocus(event) {
    if (event.target instanceof HTMLInputElement && event.target.matches("[data-md-component=search-query]")) release()
  }
  function onToggle(event) {
    if (event.target instanceof HTMLInputElement && event.target.id === "__search" && event.target.checked) release()
  }

  document.addEventListener("focusin", onFocus, true)
  document.addEventListener("change", onToggle, true)
})()
