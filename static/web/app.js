/* Cluster CRM: the little the pages need beyond htmx. Everything works without it too:
   the board's "Move" menu is a plain form. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(html, kind) {
    var box = document.getElementById("board-message");
    if (!box) return;
    box.innerHTML = "";
    var div = document.createElement("div");
    div.className = kind;
    div.innerHTML = html;
    box.appendChild(div);
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function refreshBoard(focusId) {
    return fetch(window.location.href, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var board = document.getElementById("board");
        board.innerHTML = html;
        var card = board.querySelector('[data-project="' + focusId + '"]');
        if (card) card.focus();
      });
  }

  function stageLabel(stage) {
    var heading = document.getElementById("col-" + stage);
    return heading ? heading.textContent : stage;
  }

  function move(card, toStage, note) {
    if (!card || !toStage || toStage === card.dataset.stage) return;
    var order = Array.prototype.map.call(document.querySelectorAll(".column"), function (c) { return c.dataset.stage; });
    var backwards = order.indexOf(toStage) < order.indexOf(card.dataset.stage);
    if (backwards && !note) {
      note = window.prompt(document.body.dataset.backNote || "Why does it move back?");
      if (!note) return;
    }
    var body = new FormData();
    body.append("to_stage", toStage);
    body.append("note", note || "");
    body.append("csrfmiddlewaretoken", csrfToken());
    card.setAttribute("aria-busy", "true");
    fetch(card.dataset.moveUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      card.removeAttribute("aria-busy");
      if (result.ok) {
        say(escapeHtml(result.data.message), "moved");
        return refreshBoard(card.dataset.project);
      }
      var html = "<strong>" + escapeHtml(result.data.message) + "</strong>";
      if (result.data.missing && result.data.missing.length) {
        html += "<ul>" + result.data.missing.map(function (m) { return "<li>" + escapeHtml(m) + "</li>"; }).join("") + "</ul>";
      }
      if (result.data.project_url) {
        html += '<a href="' + escapeHtml(result.data.project_url) + '">' + escapeHtml(result.data.project_link || "") + "</a>";
      }
      say(html, "refused");
      card.focus();
    }).catch(function () {
      card.removeAttribute("aria-busy");
      say(escapeHtml(document.body.dataset.offline || "The move could not be sent. Check the connection and try again."), "refused");
    });
  }

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".pcard[draggable=true]");
    if (!card) return;
    event.dataTransfer.setData("text/plain", card.dataset.project);
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("dragging");
  });
  document.addEventListener("dragend", function (event) {
    var card = event.target.closest && event.target.closest(".pcard");
    if (card) card.classList.remove("dragging");
    document.querySelectorAll(".drop-target").forEach(function (c) { c.classList.remove("drop-target"); });
  });
  document.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest(".column");
    if (!column) return;
    event.preventDefault();
    document.querySelectorAll(".drop-target").forEach(function (c) { if (c !== column) c.classList.remove("drop-target"); });
    column.classList.add("drop-target");
  });
  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".column");
    if (!column) return;
    event.preventDefault();
    column.classList.remove("drop-target");
    var id = event.dataTransfer.getData("text/plain");
    var card = document.querySelector('.pcard[data-project="' + id + '"]');
    move(card, column.dataset.stage);
  });

  // Keyboard: a focused card moves one stage with → and ←.
  document.addEventListener("keydown", function (event) {
    var card = event.target;
    if (!card.classList || !card.classList.contains("pcard") || !card.dataset.moveUrl) return;
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    var order = Array.prototype.map.call(document.querySelectorAll(".column"), function (c) { return c.dataset.stage; });
    var next = order[order.indexOf(card.dataset.stage) + (event.key === "ArrowRight" ? 1 : -1)];
    if (next) {
      event.preventDefault();
      move(card, next);
    }
  });

  // The card's "Move…" menu (phones, keyboards): the same request, without leaving the board.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-move-form]")) return;
    event.preventDefault();
    var card = form.closest(".pcard");
    move(card, form.elements.to_stage.value, form.elements.note.value);
  });

  window.clusterCrm = { stageLabel: stageLabel };
})();
