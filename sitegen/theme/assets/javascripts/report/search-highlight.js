/* Search: a Chinese query's whole word highlighted, in the results and on the page.
 *
 * The index holds Chinese cut into words (jieba, at build time), and Material's worker
 * cuts a typed query on the words it knows: 快手们 is searched as 快手 (its last
 * character is never tried), so the results mark 快手 inside 快手们, and the page a
 * result opens highlights only that part (?h=快手). Here each run of two or more Han
 * characters the reader typed is marked whole wherever a result shows it (the index's
 * zero-width word breaks skipped), and a result's link asks the page to highlight it
 * too, before the parts Material found (its highlighter tries the terms in that order).
 * Marks Material made elsewhere stay as they are.
 */
(function () {
  "use strict"
  var QUERY = "[data-md-component=search-query]"
  var RESULTS = ".md-search-result__list"
  var TEXTS = ".md-search-result__article :is(h1, h2, p)"
  var HAN = /\p{sc=Han}{2,}/gu
  var BREAK = "\u200b"

  function words() {
    var field = document.querySelector(QUERY)
    var found = field ? field.value.match(HAN) || [] : []
    return found.filter(function (word, at) { return found.indexOf(word) === at })
      .sort(function (a, b) { return b.length - a.length })
  }

  /* One result's title or text: each character and whether it is marked, the words
     marked whole, then the marks written again, a run of marked characters one mark. */
  function mark(element, found) {
    if ([].some.call(element.children, function (child) { return child.tagName !== "MARK" })) return
    var chars = []
    element.childNodes.forEach(function (node) {
      var marked = node.nodeType === Node.ELEMENT_NODE
      for (var i = 0; i < node.textContent.length; i++) chars.push([node.textContent[i], marked])
    })
    var shown = []
    chars.forEach(function (c, i) { if (c[0] !== BREAK) shown.push(i) })
    var text = shown.map(function (i) { return chars[i][0] }).join("")
    var changed = false
    found.forEach(function (word) {
      for (var at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
        for (var k = shown[at]; k <= shown[at + word.length - 1]; k++) {
          if (!chars[k][1]) changed = chars[k][1] = true
        }
      }
    })
    if (!changed) return
    var parts = []
    chars.forEach(function (c) {
      var last = parts[parts.length - 1]
      if (last && last.marked === c[1]) last.text += c[0]
      else parts.push({ marked: c[1], text: c[0] })
    })
    element.replaceChildren.apply(element, parts.map(function (part) {
      if (!part.marked) return document.createTextNode(part.text)
      var made = document.createElement("mark")
      made.textContent = part.text
      return made
    }))
  }

  /* A result's link: ?h= with the whole words first. */
  function link(anchor, found) {
    var url = new URL(anchor.href)
    var terms = (url.searchParams.get("h") || "").split(/\s+/).filter(Boolean)
    var wanted = found.concat(terms.filter(function (term) { return found.indexOf(term) < 0 })).join(" ")
    if (!url.searchParams.has("h") || url.searchParams.get("h") === wanted) return
    url.searchParams.set("h", wanted)
    anchor.href = url.href
  }

  function update(list) {
    var found = words()
    if (!found.length) return
    list.querySelectorAll(TEXTS).forEach(function (element) { mark(element, found) })
    list.querySelectorAll("a.md-search-result__link").forEach(function (anchor) { link(anchor, found) })
  }

  var list = document.querySelector(RESULTS)
  if (!list) return
  new MutationObserver(function () { update(list) }).observe(list, { childList: true, subtree: true })
})()
