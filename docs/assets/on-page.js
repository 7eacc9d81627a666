/*
 * Run a page script's set-up on every page view: Material's instant navigation swaps the page
 * content without reloading scripts and announces each view on `document$`; without it (or before
 * Material runs), on DOMContentLoaded. Used by the search page and the matrix.
 */
window.prunecatOnPage = function (setup) {
  "use strict";
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
};
