// Kadai: the only script. Drag-and-drop upload with a file list, and the live status page over SSE.
(function () {
  "use strict";

  function setupDropzone() {
    var zone = document.getElementById("dropzone");
    var input = document.getElementById("files");
    var list = document.getElementById("chosen");
    if (!zone || !input) { return; }
    function show() {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (f) {
        var li = document.createElement("li");
        li.textContent = f.name + " (" + Math.ceil(f.size / 1024) + " KiB)";
        list.appendChild(li);
      });
    }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("dragging"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
  }

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = value; }
  }

  // Times of day in the course's time zone (the page's data-zone), as the server renders them.
  var courseZone = null;

  function clock(iso) {
    if (!iso) { return "—"; }
    try {
      return new Date(iso).toLocaleTimeString("en-GB", { timeZone: courseZone || "UTC", hour12: false });
    } catch (e) {
      return iso.substring(11, 19);
    }
  }

  function setupLiveStatus() {
    var phases = document.getElementById("phases");
    if (!phases || phases.getAttribute("data-finished") === "true" || !window.EventSource) { return; }
    courseZone = phases.getAttribute("data-zone");
    var source = new EventSource(phases.getAttribute("data-events"));
    source.addEventListener("status", function (e) {
      var s = JSON.parse(e.data);
      var queued = document.getElementById("phase-queued");
      var compiling = document.getElementById("phase-compiling");
      var running = document.getElementById("phase-running");
      var graded = document.getElementById("phase-graded");
      var ahead = document.getElementById("queue-ahead");
      if (ahead) {
        ahead.textContent = s.status === "QUEUED" ? ahead.getAttribute("data-ahead").replace("{0}", s.queueAhead) : "";
      }
      if (s.startedAt) {
        queued.className = "done";
        compiling.className = (s.runningAt || s.gradedAt) ? "done" : "current";
        text("started-at", clock(s.startedAt));
      }
      if (s.runningAt) {
        running.className = s.gradedAt ? "done" : "current";
        text("running-at", clock(s.runningAt));
      }
      if (s.gradedAt) {
        running.className = "done";
        graded.className = "done";
        text("graded-at", clock(s.gradedAt));
      }
      var badge = document.getElementById("status-badge");
      if (badge) {
        badge.textContent = badge.getAttribute("data-" + s.status.toLowerCase()) || s.status;
        badge.className = "badge status-" + s.status.toLowerCase();
      }
      if (s.status === "GRADED" || s.status === "FAILED") {
        source.close();
        window.location.reload();
      }
    });
    source.onerror = function () {
      // The browser reconnects by itself; a finished submission closes the stream on purpose.
    };
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds) || seconds < 0) { return "—"; }
    var s = Math.round(seconds);
    if (s < 60) { return (seconds < 10 ? seconds.toFixed(1) : s) + " s"; }
    if (s < 3600) { return Math.floor(s / 60) + " min " + ("0" + (s % 60)).slice(-2) + " s"; }
    return Math.floor(s / 3600) + " h " + ("0" + Math.floor((s % 3600) / 60)).slice(-2) + " min";
  }

  // The training-run page: progress over SSE; the finished page (results, curves, images) is reloaded.
  function setupTaskRun() {
    var live = document.getElementById("live");
    if (!live || !window.EventSource) { return; }
    var source = new EventSource(live.getAttribute("data-events"));
    source.addEventListener("progress", function (e) {
      var r = JSON.parse(e.data);
      var p = r.progress || {};
      var bar = document.getElementById("run-progress");
      if (bar) { bar.value = Math.round((p.fraction || 0) * 1000); }
      text("p-phase", p.phase || "—");
      text("p-epoch", p.epoch ? p.epoch + " / " + p.epochs : "—");
      text("p-step", p.step !== null && p.step !== undefined ? p.step + " / " + p.steps : "—");
      text("p-loss", p.loss !== null && p.loss !== undefined ? p.loss.toFixed(4) : "—");
      text("p-elapsed", duration(p.elapsedSeconds));
      text("p-eta", duration(p.etaSeconds));
      text("p-message", p.message || "");
      var badge = document.getElementById("run-status");
      if (badge) {
        badge.textContent = badge.getAttribute("data-" + r.status.toLowerCase()) || r.status;
        badge.className = "badge run-" + r.status.toLowerCase();
      }
      if (r.finished) {
        source.close();
        window.location.reload();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupDropzone();
    setupLiveStatus();
    setupTaskRun();
  });
})();
