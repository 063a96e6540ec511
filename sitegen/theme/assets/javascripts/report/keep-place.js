/* Switching editions keeps the reader's place.
 *
 * Every edition gives a paragraph the same anchor (#p02-7; subheads #s02-1, charts
 * #chart-<id>; in the parallel view each pair carries its paragraph's), so a link to
 * another edition of this page can land where the reader is: just before it is
 * followed (pressed, clicked, focused from the keyboard), the link to the other
 * edition (the header's menu, the "read in" line) gets the anchor of the paragraph
 * whose top is nearest the header's bottom edge. Before the text's first paragraph
 * has reached the header, it keeps no anchor: the reader lands at the top.
 */
(function () {
  "use strict"
  var EDITIONS = "a.md-select__link, .report-views a"
  var PLACES = ".md-content [id^=p], .md-content [id^=s], .md-content [id^=chart-]"
  var ANCHOR = /^(p\d+-\d+|s\d+-\d+|chart-[\w-]+)$/

  function place() {
    var header = document.querySelector(".md-header")
    var top = header ? header.getBoundingClientRect().bottom : 0
    var places = [].filter.call(document.querySelectorAll(PLACES), function (el) {
      return ANCHOR.test(el.id) && el.getBoundingClientRect().height > 0
    })
    if (!places.length || places[0].getBoundingClientRect().top >= top) return ""  // not yet in the text
    var nearest = "", distance = Infinity
    places.forEach(function (el) {
      var away = Math.abs(el.getBoundingClientRect().top - top)
      if (away < distance) { nearest = el.id; distance = away }
    })
    return nearest
  }

  function carry(event) {
    var link = event.target instanceof Element && event.target.closest(EDITIONS)
    if (!link || link.getAttribute("aria-current") === "page") return
    var url = new URL(link.href, location.href)
    var here = place()
    url.hash = here ? "#" + here : ""
    link.href = url.href
  }

  document.addEventListener("pointerdown", carry, true)
  document.addEventListener("focusin", carry, true)
  document.addEventListener("click", carry, true)
})()
