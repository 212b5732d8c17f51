/* Live job cells (articles/admin_jobs.py): every element with data-job-id whose job is
   waiting or running is refreshed from the job list's status/ endpoint every few seconds,
   until every job on the page has ended; a cell marked data-reload-when-done reloads the
   page when its job ends. A file, not inline script, for the CSP. */
(function () {
  "use strict";
  var EVERY_MS = 2000;
  var OPEN = ["queued", "running"];

  function cells() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-job-id]"));
  }

  function isOpen(cell) {
    return OPEN.some(function (status) { return cell.classList.contains("job-" + status); });
  }

  function statusUrl(cell) {
    return cell.getAttribute("href").replace(/\/\d+\/change\/$/, "/status/");
  }

  function update(cell, job) {
    cell.className = cell.className.replace(/\bjob-(queued|running|done|failed|superseded)\b/, "job-" + job.status);
    var text = job.status === "failed" ? job.error : job.message;
    cell.title = text;
    cell.querySelector(".job-label").textContent = job.label;
    cell.querySelector("progress").value = job.percent;
    cell.querySelector(".job-count").textContent = job.done + "/" + job.total;
    cell.querySelector(".job-text").textContent = text.length > 60 ? text.slice(0, 59) + "…" : text;
  }

  function poll() {
    var open = cells().filter(isOpen);
    if (!open.length) { return; }
    var query = open.map(function (cell) { return "id=" + cell.getAttribute("data-job-id"); }).join("&");
    fetch(statusUrl(open[0]) + "?" + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }  // no permission or an error: leave the page as it is
        var reload = false;
        data.jobs.forEach(function (job) {
          open.forEach(function (cell) {
            if (cell.getAttribute("data-job-id") !== String(job.id)) { return; }
            update(cell, job);
            reload = reload || (!job.open && cell.hasAttribute("data-reload-when-done"));
          });
        });
        if (reload) { window.location.reload(); return; }  // to show what the job produced
        window.setTimeout(poll, EVERY_MS);
      })
      .catch(function () { window.setTimeout(poll, EVERY_MS * 5); });
  }

  document.addEventListener("DOMContentLoaded", function () { window.setTimeout(poll, EVERY_MS); });
})();
