/* Search on every committed change of the query, not only on a key release.
 *
 * Material runs a search on `keyup` (and focus) only, so text that arrives without a
 * key event never searches: a candidate tapped on a phone's IME bar, a paste from the
 * context menu, voice input. Here `input` (outside an IME composition) and
 * `compositionend` replay a `keyup` on the query field. Material reads the field's
 * value and drops a value it has just searched (distinctUntilChanged), so a change
 * that also sent a real keyup is searched once, not twice.
 */
(function () {
  "use strict"
  var QUERY = "[data-md-component=search-query]"

  function search(event) {
    var field = event.target
    if (!(field instanceof HTMLInputElement) || !field.matches(QUERY)) return
    if (event.type === "input" && event.isComposing) return  // pinyin still being typed
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }

  document.addEventListener("input", search, true)
  document.addEventListener("compositionend", search, true)
})()
