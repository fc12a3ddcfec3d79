// rambu: minimal own JavaScript (progress polling and confirmations). Pages work without it.
(function () {
  "use strict";
  var bar = document.getElementById("batch-progress");
  if (bar && bar.dataset.status !== "done" && bar.dataset.status !== "failed") {
    var url = bar.dataset.api, label = document.getElementById("batch-progress-label");
    var timer = setInterval(function () {
      fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) {
          if (!d) return;
          bar.value = d.screened; bar.max = d.total_lines || 1;
          if (label) label.textContent = d.screened + " dari " + d.total_lines + " baris disaring (" + Math.round(d.progress * 100) + "%)";
          // the page shows more once the batch is screened, or its import is over (lines, summary, failure)
          if (d.status === "done" || d.status === "failed" || (bar.dataset.status === "importing" && d.status !== "importing")) {
            clearInterval(timer); window.location.reload();
          }
        }).catch(function () {});
    }, 1500);
  }
  document.addEventListener("submit", function (e) {
    var msg = e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
  var scope = document.getElementById("user-scope");
  if (scope) {
    var sync = function () {
      var v = scope.value;
      document.querySelectorAll("[data-scope]").forEach(function (el) {
        el.hidden = el.getAttribute("data-scope") !== v;
      });
    };
    scope.addEventListener("change", sync); sync();
  }
})();
