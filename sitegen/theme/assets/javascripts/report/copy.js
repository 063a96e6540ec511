/* Copy buttons ("Cite this report": the formatted citation, its BibTeX). Each button
   names the element whose text it copies (data-copy) and the word it shows once it has
   (data-copied). The buttons are hidden in the HTML and shown here, so that a reader
   without this script never sees a button that does nothing.

   The Clipboard API where the page may use it (https, localhost, file:); elsewhere the
   text is selected and copied the old way. An external file with no inline code: the
   site's Content-Security-Policy allows nothing else. */
(() => {
  "use strict";

  const selectAndCopy = (source) => {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    return copied;  /* left selected when it failed: the reader copies it by hand */
  };

  const copy = async (text, source) => {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        /* permission refused: fall through to the selection */
      }
    }
    return selectAndCopy(source);
  };

  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) continue;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      if (await copy(source.textContent, source)) {
        button.textContent = button.dataset.copied;
        button.setAttribute("aria-live", "polite");
        setTimeout(() => { button.textContent = label; }, 2000);
      }
    });
  }
})();
