/* Transitions off while the reader switches the colour scheme, and only then.
 *
 * Material's rule that turns them off answers here to data-report-color-switching
 * (sitegen/deploy.py: switch_off_palette_restyle_on_load), which Material's palette
 * component does not set on every page load. It is set on <body> as a palette toggle
 * changes, before Material applies the new scheme (this listener captures), and
 * removed two frames later, once the new colours are drawn.
 */
(function () {
  "use strict"
  var SWITCHING = "data-report-color-switching"

  document.addEventListener("change", function (event) {
    var toggle = event.target
    if (!(toggle instanceof HTMLInputElement) || !toggle.closest("[data-md-component=palette]")) return
    document.body.setAttribute(SWITCHING, "")
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { document.body.removeAttribute(SWITCHING) })
    })
  }, true)
})()
