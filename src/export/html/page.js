// folio's page: the search box, the coverage cells, and in a review pack
// the verdict controls, kept in localStorage as the reviewer goes.
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
        (!asksOnly || entry.querySelector(".judge") !== null);
      entry.hidden = !match;
      if (match) { count += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.kind"), function (kind) {
      kind.hidden = kind.querySelector("article.entry:not([hidden])") === null;
    });
    if (shown) {
      shown.textContent = count === entries.length ? entries.length + " entries"
        : count + " of " + entries.length + " entries shown";
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
  var reviewer = document.querySelector("input[name=reviewer]");
  var feedback = document.querySelector("textarea[name=feedback]");
  var counter = document.getElementById("judged");
  var said = document.getElementById("download-said");
  var state = { reviewer: reviewer.value, feedback: "", items: {} };
  try {
    var kept = JSON.parse(window.localStorage.getItem(key) || "null");
    if (kept && typeof kept === "object" && kept.items) { state = kept; }
  } catch (e) { /* nothing kept, or storage unavailable */ }
  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
    var judged = judges.filter(function (j) { var s = state.items[itemOf(j)]; return s && s.verdict; }).length;
    counter.textContent = judged + " of " + judges.length + " judged";
  }
  function itemOf(judge) { return judge.getAttribute("data-claim") || judge.getAttribute("data-entry"); }
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function show(judge) {
    var s = state.items[itemOf(judge)] || {};
    Array.prototype.forEach.call(judge.querySelectorAll("button[data-verdict]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-verdict") === s.verdict));
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
        s.verdict = s.verdict === verdict ? null : verdict;
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

  document.querySelector("button[data-action=download-verdicts]").addEventListener("click", function () {
    var verdicts = [];
    judges.forEach(function (judge) {
      var s = state.items[itemOf(judge)];
      if (!s || !s.verdict) { return; }
      var v = {};
      v[judge.hasAttribute("data-claim") ? "claim" : "entry"] = itemOf(judge);
      v.verdict = s.verdict;
      v.comment = (s.comment || "").trim();
      v.date = s.date || today();
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
