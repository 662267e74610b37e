// storyline alerts page: asks /api/alerts for alerts newer than the last one shown, every few seconds,
// and adds them (an updated alert replaces its row). Text goes in through textContent only.
(function () {
  "use strict";
  var list = document.getElementById("alerts");
  if (!list) return;
  var last = parseInt(list.getAttribute("data-last") || "0", 10) || 0;
  var watch = list.getAttribute("data-watch");

  function span(cls, text) {
    var s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    return s;
  }

  function row(a) {
    var li = document.createElement("li");
    li.className = "alert";
    li.id = "alert-" + a.seq;
    li.setAttribute("data-alert", a.id);
    li.appendChild(span("when", String(a.updated_at || a.raised_at || "").slice(0, 19)));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(span("watch", "watch " + a.watch_id));
    li.appendChild(document.createTextNode(" "));
    var what = document.createElement("strong");
    what.className = "what";
    what.textContent = a.kind === "quote" ? "quote" : (a.type || "");
    li.appendChild(what);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(span("actor", a.actor || "?"));
    if (a.target) {
      li.appendChild(document.createTextNode(" → "));
      li.appendChild(span("target", a.target));
    }
    if (a.sources > 1) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(span("sources", a.sources + " sources"));
    }
    var q = document.createElement("blockquote");
    q.className = "sentence";
    q.textContent = (a.kind === "quote" ? a.text : a.sentence) || "";
    li.appendChild(q);
    if (a.article_id) {
      var link = document.createElement("a");
      link.className = "article";
      link.href = "/article/" + encodeURIComponent(a.article_id);
      link.textContent = a.title || a.url || a.article_id;
      li.appendChild(link);
    }
    return li;
  }

  function poll() {
    var url = "/api/alerts?after=" + last + (watch ? "&watch=" + encodeURIComponent(watch) : "");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        (data.items || []).forEach(function (a) {
          var old = list.querySelector('[data-alert="' + CSS.escape(a.id) + '"]');
          if (old) old.remove();
          list.appendChild(row(a));
          last = Math.max(last, a.seq);
        });
        var none = document.getElementById("no-alerts");
        if (none && list.children.length) none.remove();
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
