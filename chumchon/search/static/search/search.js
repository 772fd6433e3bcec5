// The facets fold away on narrow screens, so that the results come first, and stay
// open beside the results on wide ones (the width matches search.css). Without this
// script the panel starts folded and opens with a click or Enter on its summary.
(() => {
  const panel = document.querySelector(".facet-panel");
  if (!panel) return;
  const wide = window.matchMedia("(min-width: 50rem)");
  const follow = () => { panel.open = wide.matches; };
  follow();
  wide.addEventListener("change", follow);
})();
