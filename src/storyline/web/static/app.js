// storyline: a little behaviour on top of server-rendered pages. Text from the store is only ever
// put in the page through textContent (never innerHTML).
(function () {
  "use strict";

  function scrollToHighlight() {
    var el = document.getElementById("hl");
    if (el) {
      el.scrollIntoView({ block: "center" });
      el.setAttribute("tabindex", "-1");
      el.focus({ preventScroll: true });
    }
  }

  function readData(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function storyPage() {
    var data = readData("story-data");
    var svg = document.getElementById("timeline");
    var toggle = document.getElementById("show-hedged");
    if (svg && toggle) {
      toggle.addEventListener("change", function () {
        svg.classList.toggle("hide-hedged", !toggle.checked);
      });
    }
    var panel = document.getElementById("event-detail");
    if (!data || !svg || !panel) return;
    var byId = {};
    (data.events || []).forEach(function (e) { byId[e.id] = e; });
    function show(ev) {
      panel.textContent = "";
      var h = document.createElement("strong");
      h.textContent = ev.label + (ev.date ? " — " + ev.date : "") + (ev.hedged ? " (hedged)" : "");
      panel.appendChild(h);
      var ul = document.createElement("ul");
      (ev.sources || []).forEach(function (s) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.setAttribute("href", s.link);          // our own /article/… links, built by the server
        a.textContent = (s.outlet || "source") + ": " + (s.sentence || "").trim();
        li.appendChild(a);
        ul.appendChild(li);
      });
      panel.appendChild(ul);
      panel.hidden = false;
    }
    svg.querySelectorAll("a.ev-link").forEach(function (a) {
      var ev = byId[a.getAttribute("data-event")];
      if (!ev) return;
      a.addEventListener("mouseenter", function () { show(ev); });
      a.addEventListener("focus", function () { show(ev); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    scrollToHighlight();
    storyPage();
  });
})();
