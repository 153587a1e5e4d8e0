// folio's page: the search box, the coverage cells, and in a review pack
// the verdict controls, kept in localStorage as the reviewer goes: a way
// to the next item waiting, verdicts given before shown and changeable,
// and the coverage cells counting the verdicts as they are given.
(function () {
  "use strict";
  var body = document.body;
  var entries = Array.prototype.slice.call(document.querySelectorAll("article.entry"));

  // Search: every word typed must appear in the entry.
  var search = document.getElementById("search");
  var onlyAsks = document.getElementById("only-asks");
  var shown = document.getElementById("shown");
  var texts = entries.map(function (e) { return e.textContent.toLowerCase(); });
  function filter() {
    var words = (search ? search.value : "").toLowerCase().split(/\s+/).filter(Boolean);
    var asksOnly = onlyAsks && onlyAsks.checked;
    var count = 0;
    entries.forEach(function (entry, n) {
      var match = words.every(function (w) { return texts[n].indexOf(w) >= 0; }) &&
        (!asksOnly || entry.querySelector(".judge:not(.judged)") !== null);
      entry.hidden = !match;
      if (match) { count += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.kind"), function (kind) {
      kind.hidden = kind.querySelector("article.entry:not([hidden])") === null;
    });
    if (shown) {
      var all = entries.length === 1 ? "1 entry" : entries.length + " entries";
      shown.textContent = count === entries.length ? all : count + " of " + all + " shown";
    }
  }
  if (search) { search.addEventListener("input", filter); }
  if (onlyAsks) { onlyAsks.addEventListener("change", filter); }

  // Coverage: a cell lists the entries behind it.
  Array.prototype.forEach.call(document.querySelectorAll("td.cell button"), function (button) {
    button.addEventListener("click", function () {
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      var open = button.getAttribute("aria-expanded") === "true";
      Array.prototype.forEach.call(document.querySelectorAll("td.cell button[aria-expanded=true]"),
        function (b) { b.setAttribute("aria-expanded", "false"); });
      if (open) { panel.hidden = true; return; }
      button.setAttribute("aria-expanded", "true");
      while (panel.firstChild) { panel.removeChild(panel.firstChild); }
      var heading = document.createElement("p");
      heading.className = "label";
      heading.textContent = button.getAttribute("data-label");
      panel.appendChild(heading);
      var list = document.createElement("ul");
      button.getAttribute("data-entries").split(" ").forEach(function (id) {
        var entry = document.getElementById(id);
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + id;
        link.textContent = entry ? entry.querySelector("h4").textContent : id;
        item.appendChild(link);
        var facts = entry && entry.querySelector(".facts");
        if (facts) { item.appendChild(document.createTextNode(" — " + facts.textContent)); }
        list.appendChild(item);
      });
      panel.appendChild(list);
      panel.hidden = false;
    });
  });

  // A picture's download link takes the picture's own bytes.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-image]"), function (link) {
    var image = document.getElementById(link.getAttribute("data-image"));
    if (image) { link.href = image.src; }
  });

  // The review pack.
  var share = body.getAttribute("data-share");
  if (!share) { filter(); return; }
  var key = "folio-review-" + share;
  var judges = Array.prototype.slice.call(document.querySelectorAll(".judge"));
  var waiting = judges.filter(function (j) { return !j.classList.contains("judged"); });
  var reviewer = document.querySelector("input[name=reviewer]");
  var feedback = document.querySelector("textarea[name=feedback]");
  var counter = document.getElementById("judged");
  var said = document.getElementById("download-said");
  var state = { reviewer: reviewer.value, feedback: "", items: {} };
  try {
    var kept = JSON.parse(window.localStorage.getItem(key) || "null");
    if (kept && typeof kept === "object" && kept.items) { state = kept; }
  } catch (e) { /* nothing kept, or storage unavailable */ }
  function given(judge) { var s = state.items[itemOf(judge)]; return s && s.verdict ? s.verdict : null; }
  function previous(judge) { return judge.getAttribute("data-previous"); }
  // A verdict this review gives: new, or other than the one given before.
  function changed(judge) { var v = given(judge); return v !== null && v !== previous(judge); }
  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
    var judged = waiting.filter(function (j) { return given(j) !== null; }).length;
    var redone = judges.filter(function (j) { return previous(j) && changed(j); }).length;
    counter.textContent = judged + " of " + waiting.length + " judged" + (redone ? ", " + redone + " changed" : "");
    liveMatrix();
  }
  // Each coverage cell says how many accepted verdicts this review adds (or takes away).
  function liveMatrix() {
    Array.prototype.forEach.call(document.querySelectorAll("td[data-cell]"), function (cell) {
      var delta = 0;
      judges.forEach(function (j) {
        if (j.getAttribute("data-cell") !== cell.getAttribute("data-cell")) { return; }
        var now = given(j) || previous(j);
        delta += (now === "accepted" ? 1 : 0) - (previous(j) === "accepted" ? 1 : 0);
      });
      var text = delta > 0 ? " +" + delta + "✓ now" : delta < 0 ? " −" + (-delta) + "✓ now" : "";
      var span = cell.querySelector(".now");
      if (!span && text) {
        cell.textContent = "";
        span = document.createElement("span");
        span.className = "now";
        cell.appendChild(span);
      }
      if (span) { span.textContent = text; }
      if (!cell.querySelector("button") && !text) { cell.textContent = "–"; }
    });
  }
  function itemOf(judge) { return judge.getAttribute("data-claim") || judge.getAttribute("data-entry"); }
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function show(judge) {
    var s = state.items[itemOf(judge)] || {};
    var current = given(judge) || previous(judge);
    Array.prototype.forEach.call(judge.querySelectorAll("button[data-verdict]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-verdict") === current));
    });
    judge.querySelector("textarea[data-comment]").value = s.comment || "";
  }
  judges.forEach(function (judge) {
    var item = itemOf(judge);
    show(judge);
    Array.prototype.forEach.call(judge.querySelectorAll("button[data-verdict]"), function (b) {
      b.addEventListener("click", function () {
        var s = state.items[item] || (state.items[item] = { comment: "" });
        var verdict = b.getAttribute("data-verdict");
        // Choosing the verdict shown again takes it back (to the one given before, if any).
        s.verdict = (s.verdict || previous(judge)) === verdict ? null : verdict;
        s.date = today();
        show(judge);
        save();
      });
    });
    judge.querySelector("textarea[data-comment]").addEventListener("input", function (event) {
      var s = state.items[item] || (state.items[item] = { verdict: null });
      s.comment = event.target.value;
      save();
    });
  });
  reviewer.value = state.reviewer || reviewer.value;
  feedback.value = state.feedback || "";
  reviewer.addEventListener("input", function () { state.reviewer = reviewer.value; save(); });
  feedback.addEventListener("input", function () { state.feedback = feedback.value; save(); });

  // The next item waiting for a verdict, in the page's order.
  document.querySelector("button[data-action=next]").addEventListener("click", function () {
    var next = waiting.filter(function (j) { return given(j) === null; })[0];
    if (!next) { said.textContent = "Everything is judged: download your verdicts."; return; }
    var entry = next.closest("article.entry");
    if (entry && entry.hidden) { search.value = ""; filter(); }
    next.scrollIntoView({ block: "center" });
    next.querySelector("button[data-verdict]").focus();
  });

  document.querySelector("button[data-action=download-verdicts]").addEventListener("click", function () {
    var verdicts = [];
    judges.forEach(function (judge) {
      var s = state.items[itemOf(judge)];
      if (!s || !s.verdict || !changed(judge)) { return; }
      var v = {};
      v[judge.hasAttribute("data-claim") ? "claim" : "entry"] = itemOf(judge);
      v.verdict = s.verdict;
      v.comment = (s.comment || "").trim();
      v.date = s.date || today();
      // What `folio sign` signs: the entry judged, the claim and the evidence digest.
      v.of_entry = judge.getAttribute("data-of");
      v.title = judge.getAttribute("data-title");
      if (judge.hasAttribute("data-ref")) { v.ref = judge.getAttribute("data-ref"); }
      v.evidence = judge.getAttribute("data-evidence");
      verdicts.push(v);
    });
    var name = reviewer.value.trim();
    if (!name) { said.textContent = "Write your name first."; reviewer.focus(); return; }
    if (verdicts.length === 0 && !feedback.value.trim()) {
      said.textContent = "Nothing to download yet: judge a claim or write some feedback.";
      return;
    }
    var file = {
      format: "folio-verdicts", version: 1, share_id: share, reviewer: name,
      pack_sha256: body.getAttribute("data-pack"), verdicts: verdicts,
      feedback: feedback.value.trim(), date: today()
    };
    var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "verdicts-" + share + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    said.textContent = "Saved verdicts-" + share + ".json with " + verdicts.length +
      (verdicts.length === 1 ? " verdict" : " verdicts") + ". Send it back to " +
      (body.getAttribute("data-owner") || "the owner") + ".";
  });
  save();
  filter();
})();
