/* Search: a Chinese query's whole word highlighted, in the results and on the page.
 *
 * The index holds Chinese cut into words (jieba, at build time), and Material's worker
 * cuts a typed query on the words it knows: a query of more than one word, 商业化收入,
 * is searched as its words, so the results mark 商业化 and 收入 apart, and the page a
 * result opens highlights only those (?h=商业化 收入). Here each run of two or more Han
 * characters the reader typed is marked whole wherever a result shows it (the index's
 * zero-width word breaks skipped), and a result's link asks the page to highlight it
 * too, before the parts Material found (its highlighter tries the terms in that order).
 * Marks Material made elsewhere stay as they are.
 *
 * A page's own result (its title, above its sections' results) leads to ?h= with nothing
 * when the page's first lines lack the query, though its sections have it: Material puts
 * in h the terms the result itself matched. Searching "A股" or a Latin name, the page a reader
 * opened from its top result showed nothing marked. Such a link gets the query's terms,
 * as Material writes them for a section (lower case, split at spaces, lunr's * + - : ~ ^
 * left out); its page then marks them as a section's would.
 *
 * In the parallel view (中英对照) a result shows both its page's languages, and its
 * English is tagged English, as on the page (the search dialog names the view's second
 * language, data-report-second-lang): a title or paragraph of no Han character as a
 * whole, the English runs of a mixed one each in a span. In a Chinese face the English
 * would set its ’ full-width ("Kuaishou’ s"). The marks come first: a title or text is
 * marked while it holds only text and marks.
 */
(function () {
  "use strict"
  var QUERY = "[data-md-component=search-query]"
  var RESULTS = ".md-search-result__list"
  var TEXTS = ".md-search-result__article :is(h1, h2, p)"
  var HAN = /\p{sc=Han}{2,}/gu
  var BREAK = "\u200b"

  function typed() {
    var field = document.querySelector(QUERY)
    return field ? field.value : ""
  }

  function words(query) {
    var found = query.match(HAN) || []
    return found.filter(function (word, at) { return found.indexOf(word) === at })
      .sort(function (a, b) { return b.length - a.length })
  }

  /* The query's terms as Material puts them in h: lower case, apart at spaces and at
     lunr's operators (its page highlighter drops the same characters). */
  function terms(query) {
    var found = query.toLowerCase().split(/[\s*+\-:~^]+/).filter(Boolean)
    return found.filter(function (term, at) { return found.indexOf(term) === at })
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

  /* A result's link: ?h= with the whole words first, then the terms Material found, or
     the query's when it found none (a page's own result). */
  function link(anchor, found, query) {
    var url = new URL(anchor.href)
    var given = (url.searchParams.get("h") || "").split(/\s+/).filter(Boolean)
    if (!given.length) given = terms(query)
    var wanted = found.concat(given.filter(function (term) { return found.indexOf(term) < 0 })).join(" ")
    if (!wanted || url.searchParams.get("h") === wanted) return
    url.searchParams.set("h", wanted)
    anchor.href = url.href
  }

  /* A result in the view's second language where it is written in it: a title or
     paragraph of no Han character as a whole; in a mixed one, and in the text a result
     shows outside any paragraph (a figure's captions), each run of Latin text, from a
     letter (or the apostrophe before it: Kuaishou’s marked as Kuaishou) to the last
     letter, figure or punctuation before the next Han character (Chinese dashes and
     spaces left out), in a span. */
  var ANY_HAN = /\p{sc=Han}/u
  var NOT_CHINESE = "[^\\p{sc=Han}\\u3000-\\u303f\\uff00-\\uffef\\u200b"
  var LATIN_RUN = new RegExp("\u2019?[A-Za-z](?:" + NOT_CHINESE + "]*" + NOT_CHINESE + "\\s\\u2014])?", "gu")

  function tagRuns(nodes, second) {
    nodes.forEach(function (node) {
      var text = node.data
      var parts = []
      var last = 0
      text.replace(LATIN_RUN, function (run, at) {
        if (at > last) parts.push(document.createTextNode(text.slice(last, at)))
        var span = document.createElement("span")
        span.lang = second
        span.textContent = run
        parts.push(span)
        last = at + run.length
        return run
      })
      if (!parts.length) return
      if (last < text.length) parts.push(document.createTextNode(text.slice(last)))
      node.replaceWith.apply(node, parts)
    })
  }

  function textsIn(element, own) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    var nodes = []
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement
      var tagged = parent.closest("[lang]")  // tagged already: a span (or the page's <html>, outside)
      if (tagged && element.contains(tagged)) continue
      if (!own || parent.closest("h1, h2, p, article") === element) nodes.push(node)
    }
    return nodes
  }

  function tag(list, second) {
    list.querySelectorAll(TEXTS).forEach(function (element) {
      if (element.hasAttribute("lang")) return
      if (!ANY_HAN.test(element.textContent)) element.lang = second
      else tagRuns(textsIn(element, false), second)
    })
    list.querySelectorAll(".md-search-result__article").forEach(function (article) {
      tagRuns(textsIn(article, true), second)
    })
  }

  function update(list) {
    var query = typed()
    var found = words(query)
    if (found.length) list.querySelectorAll(TEXTS).forEach(function (element) { mark(element, found) })
    list.querySelectorAll("a.md-search-result__link").forEach(function (anchor) { link(anchor, found, query) })
    var dialog = document.querySelector("[data-report-second-lang]")
    var second = dialog && dialog.getAttribute("data-report-second-lang")
    if (second) tag(list, second)
  }

  /* A page opened from a result (?h=…, no #anchor) showed its top: on a phone the first
   * match was a screen or more below, and nothing marked was in sight. Once Material's
   * highlighter has marked the terms, the first mark comes a third of the way down the
   * screen, unless the reader has scrolled meanwhile. */
  function showFirstMark() {
    if (!new URLSearchParams(location.search).get("h") || location.hash) return
    var tries = 0
    var look = function () {
      if (window.scrollY > 0) return
      var first = document.querySelector("article mark")
      if (!first) { if (++tries < 60) requestAnimationFrame(look); return }
      var top = first.getBoundingClientRect().top
      if (top > window.innerHeight * 0.8) window.scrollTo(0, window.scrollY + top - window.innerHeight / 3)
    }
    requestAnimationFrame(look)
  }
  if (document.readyState === "complete") showFirstMark()
  else window.addEventListener("load", showFirstMark)

  var list = document.querySelector(RESULTS)
  if (!list) return
  new MutationObserver(function () { update(list) }).observe(list, { childList: true, subtree: true })
})()
