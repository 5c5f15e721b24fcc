/*
 * Renders Vega-Lite chart specs embedded in the page with vega-embed.
 *
 * Markup (from a Django template):
 *   <div id="chart-1" class="chart"></div>
 *   <script type="application/json" class="vega-spec" data-target="chart-1"
 *           data-label-png="Save as PNG" data-label-svg="Save as SVG"
 *           data-label-menu="Chart actions">{...spec...}</script>
 * (the labels are optional; data-label-menu names the "..." action button.)
 *
 * Runs on DOMContentLoaded and again after htmx swaps content in; each spec is rendered
 * once (marked with data-rendered). Needs vega, vega-lite and vega-embed loaded first.
 */
(function () {
  "use strict";

  var SELECTOR = 'script[type="application/json"].vega-spec';

  function i18n(el) {
    var labels = {};
    if (el.dataset.labelPng) labels.PNG_ACTION = el.dataset.labelPng;
    if (el.dataset.labelSvg) labels.SVG_ACTION = el.dataset.labelSvg;
    if (el.dataset.labelMenu) labels.CLICK_TO_VIEW_ACTIONS = el.dataset.labelMenu;
    return labels;
  }

  // vega-embed puts the menu's name only in a title on <details>; give the <summary>
  // button an accessible name and hide its decorative icon from assistive technology.
  function labelActionsMenu(target) {
    var details = target.querySelector("details");
    var summary = details && details.querySelector("summary");
    if (!summary) return;
    if (details.title) summary.setAttribute("aria-label", details.title);
    var icon = summary.querySelector("svg");
    if (icon) icon.setAttribute("aria-hidden", "true");
  }

  function renderOne(el) {
    var targetId = el.dataset.target;
    var target = targetId && document.getElementById(targetId);
    if (!target) {
      console.warn("charts.js: no element with id", targetId);
      return;
    }
    var spec;
    try {
      spec = JSON.parse(el.textContent);
    } catch (err) {
      console.error("charts.js: invalid chart spec for #" + targetId, err);
      return;
    }
    el.dataset.rendered = "true";
    window
      .vegaEmbed(target, spec, {
        actions: { export: true, source: false, compiled: false, editor: false },
        renderer: "svg",
        i18n: i18n(el),
      })
      .then(function () {
        labelActionsMenu(target);
      })
      .catch(function (err) {
        el.dataset.rendered = "error";
        console.error("charts.js: could not render #" + targetId, err);
      });
  }

  function renderAll(root) {
    if (typeof window.vegaEmbed !== "function") {
      console.warn("charts.js: vegaEmbed is not loaded; charts are not rendered.");
      return;
    }
    var scope = root && root.querySelectorAll ? root : document;
    var specs = Array.prototype.slice.call(scope.querySelectorAll(SELECTOR));
    if (scope !== document && scope.matches && scope.matches(SELECTOR)) specs.push(scope);
    specs.forEach(function (el) {
      if (el.dataset.rendered) return;
      try {
        renderOne(el);
      } catch (err) {
        console.error("charts.js: could not render chart", err);
      }
    });
  }

  window.soteriaRenderCharts = renderAll;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      renderAll(document);
    });
  } else {
    renderAll(document);
  }
  // htmx swaps: the whole document is scanned, already rendered specs are skipped.
  document.addEventListener("htmx:afterSettle", function () {
    renderAll(document);
  });
})();
