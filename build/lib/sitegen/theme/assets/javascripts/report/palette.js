/* The header's colour scheme toggle: Material's palette component, without the two
 * whole-page restyles it costs every page load.
 *
 * Material's component (components/palette) appends <meta name="color-scheme"> to the
 * head as each page loads, then sets its content. Each of the two is a change of the
 * page's colour scheme to Chromium, which restyles every element, both inside the
 * bundle's first task: on the data page, most of the elements restyled during the whole
 * load, and most of Lighthouse's mobile blocking time there (bench/run.py). Here the head
 * carries one <meta name="color-scheme" content="light dark"> (sitegen/theme/report.html),
 * which the browser resolves to the reader's system scheme; it changes only when the
 * palette shown is not the system's. sitegen/theme/partials/palette.html marks the form
 * data-report-palette, so that Material leaves it to this file.
 *
 * The rest is Material's behaviour:
 * - the palette is the one saved (__md_get("__palette"), which Material's inline script
 *   in the header has already put on <body>), else the first whose media query matches;
 * - <body> gets its data-md-color-* attributes, the toggle to the next palette is shown,
 *   the choice is saved for the next page, <meta name="theme-color"> takes the header's
 *   colour;
 * - Enter on the toggle switches, as a click does;
 * - a change of the system's scheme applies the saved palette again (an automatic one,
 *   media "(prefers-color-scheme)", follows the system);
 * - while the scheme switches, and only then, <body> carries data-md-color-switching,
 *   the attribute Material's stylesheet turns transitions off for, so that nothing fades
 *   from one scheme to the other; it goes two frames later, once the new colours are drawn.
 */
(function () {
  "use strict"
  var form = document.querySelector("[data-report-palette]")
  if (!form) return
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"))
  var header = document.querySelector("[data-md-component=header]")
  var body = document.body
  var systemLight = matchMedia("(prefers-color-scheme: light)")
  var colorScheme = document.querySelector("meta[name=color-scheme]")
  var themeColor = document.createElement("meta")
  themeColor.name = "theme-color"
  document.head.appendChild(themeColor)
  var current = -1

  function chosen() {
    var saved = __md_get("__palette")
    var index = saved ? saved.index : inputs.findIndex(function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches
    })
    return Math.max(0, Math.min(index, inputs.length - 1))
  }

  function colours(input) {
    var media = input.getAttribute("data-md-color-media")
    var from = media !== "(prefers-color-scheme)" ? input : document.querySelector(systemLight.matches
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']")
    return {
      media: media,
      scheme: from.getAttribute("data-md-color-scheme"),
      primary: from.getAttribute("data-md-color-primary"),
      accent: from.getAttribute("data-md-color-accent")
    }
  }

  function apply(index, switching) {
    var color = colours(inputs[index])
    if (switching) {
      body.setAttribute("data-md-color-switching", "")
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching") })
      })
    }
    // Only what differs: setting an attribute to its own value still restyles.
    Object.keys(color).forEach(function (key) {
      if (body.getAttribute("data-md-color-" + key) !== color[key]) body.setAttribute("data-md-color-" + key, color[key])
    })
    inputs.forEach(function (input, at) {
      var label = input.nextElementSibling
      if (label instanceof HTMLElement) label.hidden = at !== index
    })
    current = index
    __md_set("__palette", { index: index, color: color })

    var style = getComputedStyle(header)
    var scheme = matchMedia("(prefers-color-scheme: " + style.colorScheme + ")").matches ? "light dark" : style.colorScheme
    if (colorScheme && colorScheme.content !== scheme) colorScheme.content = scheme
    themeColor.content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3).map(function (value) {
      return (+value).toString(16).padStart(2, "0")
    }).join("")
  }

  inputs.forEach(function (input, index) {
    input.addEventListener("change", function () { apply(index, true) })
  })
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return
    var next = inputs[(current + 1) % inputs.length]
    next.click()
    next.focus()
  })
  systemLight.addEventListener("change", function () { apply(chosen(), true) })
  apply(chosen(), false)
})()
