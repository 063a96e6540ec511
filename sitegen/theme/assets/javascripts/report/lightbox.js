/* The chart lightbox: a tap on a chart opens it large in a dialog over the page, in the
   page's colour scheme and the drawing for the screen (narrow on a phone held upright,
   wide on one turned sideways, switched as it turns), with its title, caption and source
   line, a link to download the PNG and a close button. Esc, a click on the image or
   outside it, or the button closes it; while it is open the focus stays in it, and then
   goes back to the chart's link. On a phone it fills the screen, the chart edge to edge
   in its 2x pixels, for the reader to pinch and zoom: a tap on the image (a touch that
   may be the start of a pinch) leaves it open.

   The figure HTML (sitegen/templates/figure.html.j2) is a link to the wide 2x PNG around
   one <picture> per scheme (figure.css shows the one of the page's scheme); the dialog's
   words come from the figure's data-lightbox-* attributes, in the page's language.
   Without this script, or in a browser without <dialog>, the link opens the PNG. A
   modifier-click (new tab, download) is left to the browser too.

   An external file with no inline code, no inline styles and no eval: the site's
   Content-Security-Policy allows nothing else. Sizes are set through the CSSOM, which
   that policy allows. */
(() => {
  "use strict";

  if (typeof HTMLDialogElement !== "function") return;

  const LINKS = "a.report-figure-zoom";
  const NARROW = matchMedia("(max-width: 600px)"); // figure.html.j2's narrow <source>s
  const TOUCH = matchMedia("(pointer: coarse)");
  let dialog, title, download, close, image, caption, source, opener;

  const element = (tag, className) => {
    const made = document.createElement(tag);
    made.className = className;
    return made;
  };

  /* The URL and density of the largest candidate of a srcset ("a.png 1x, a@2x.png 2x"). */
  const largest = (srcset) => srcset.split(",")
    .map((candidate) => candidate.trim().split(/\s+/))
    .map(([url, density]) => ({ url, density: parseFloat(density || "1") }))
    .reduce((best, candidate) => (candidate.density > best.density ? candidate : best));

  const build = () => {
    dialog = element("dialog", "report-lightbox");
    dialog.setAttribute("aria-labelledby", "report-lightbox-title");
    dialog.setAttribute("aria-describedby", "report-lightbox-caption");
    const bar = element("div", "report-lightbox__bar");
    title = element("h2", "report-lightbox__title");
    title.id = "report-lightbox-title";
    const actions = element("div", "report-lightbox__actions");
    download = element("a", "report-lightbox__download");
    download.setAttribute("download", "");
    close = element("button", "report-lightbox__close");
    close.type = "button";
    actions.append(download, close);
    bar.append(title, actions);
    image = element("img", "report-lightbox__image");
    image.decoding = "async";
    caption = element("p", "report-lightbox__caption");
    caption.id = "report-lightbox-caption";
    source = element("p", "report-lightbox__source");
    dialog.append(bar, image, caption, source);
    document.body.append(dialog);

    close.addEventListener("click", () => dialog.close());
    // A click on the image (not a touch), or on the dialog's own margin (the backdrop
    // counts as the dialog).
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog || (event.target === image && !TOUCH.matches)) dialog.close();
    });
    // A phone turned while the dialog is open: the drawing for its new shape.
    NARROW.addEventListener("change", () => {
      if (dialog.open && opener) fill(opener);
    });
    // Tab and Shift+Tab go round the dialog's two controls: a modal dialog keeps the
    // page out of reach, but would otherwise let the focus leave for the browser's own.
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      const stops = [download, close];
      const at = stops.indexOf(document.activeElement);
      const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : null) : (at === stops.length - 1 ? 0 : null);
      if (next === null) return;
      stops[next].focus();
      event.preventDefault();
    });
    dialog.addEventListener("close", () => {
      if (opener) opener.focus();
    });
  };

  /* The dialog's contents for the chart behind `link`; false if it shows none. */
  const fill = (link) => {
    const figure = link.closest("figure");
    const shown = [...link.querySelectorAll("picture")].find((p) => getComputedStyle(p).display !== "none");
    if (!figure || !shown) return false;
    // The drawing the page shows: the narrow one where its <source>s apply, else the wide
    // one. It is shown from its WebP <source> and downloaded as its PNG (figure.html.j2).
    const sources = [...shown.querySelectorAll("source")];
    const narrow = sources.filter((s) => s.media && matchMedia(s.media).matches);
    const inline = shown.querySelector("img");
    const drawing = narrow.find((s) => !s.type) || inline;
    const webp = (narrow.length ? narrow : sources.filter((s) => !s.media)).find((s) => s.type === "image/webp");
    const width = Number(drawing.getAttribute("width"));
    const height = Number(drawing.getAttribute("height"));
    const { url, density } = largest(drawing.getAttribute("srcset") || inline.getAttribute("src"));
    const shownUrl = webp ? largest(webp.getAttribute("srcset")).url : url;

    // The figure's language, not the page's: in 中英对照 an English chart's dialog set
    // its words in the Chinese face ("Bilibili’ s"), the dialog being a child of <body>.
    dialog.lang = (figure.closest("[lang]") || document.documentElement).lang;
    title.textContent = figure.dataset.lightboxTitle || "";
    close.textContent = figure.dataset.lightboxClose || "×";
    download.textContent = figure.dataset.lightboxDownload || "";
    download.href = url;
    const text = figure.querySelector(".report-figure-caption");
    caption.textContent = text ? text.textContent : "";
    // The source line without its link into the text, which the page behind holds.
    const line = figure.querySelector(".report-figure-source");
    const credit = line ? line.cloneNode(true) : null;
    if (credit) credit.querySelectorAll("a").forEach((a) => a.remove());
    source.textContent = credit ? credit.textContent.replace(/[\s·]+$/, "") : "";
    image.alt = inline.alt;
    image.width = Math.round(width * density);
    image.height = Math.round(height * density);
    // As tall as the screen allows, up to its pixel size, never smaller than on the page.
    image.style.setProperty("--report-lightbox-ratio", String(width / height));
    image.style.setProperty("--report-lightbox-max", `${width * density}px`);
    image.style.setProperty("--report-lightbox-min", `${width}px`);
    image.src = shownUrl;
    return true;
  };

  const open = (link) => {
    if (!dialog) build();
    if (!fill(link)) return false;
    opener = link;
    dialog.showModal();
    dialog.scrollTop = 0;
    close.focus();
    return true;
  };

  document.querySelectorAll(LINKS).forEach((link) => link.setAttribute("aria-haspopup", "dialog"));
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest(LINKS) : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (open(link)) event.preventDefault();
  });
})();
