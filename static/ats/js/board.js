/* The job's board: drag and drop with SortableJS, every drop posted through htmx to
   the move endpoint, which answers with the board as it now is (the server is the
   truth: SortableJS has no cancel). Polls while the tab is visible so a teammate's
   move shows up, never in the middle of a drag or a move. */
(function () {
  "use strict";

  var POLL_MS = 5000;
  var dragging = false;
  var inFlight = false;
  var sortables = [];

  function board() {
    return document.getElementById("board");
  }

  function stageOf(element) {
    return element.closest("[data-stage]").dataset.stage;
  }

  function isBoardRequest(event) {
    var target = event.detail.target;
    return target && target.id === "board";
  }

  // While a card is dragged, columns it may not go to are marked (the card
  // carries its allowed targets, rendered from workflow.allowed_targets), and so
  // is a column that takes a card only with a reason (Rejected): the server
  // refuses a drop there, since a drag has no way to ask for the reason.
  function markColumns(card, active) {
    var allowed = (card.dataset.allowedTargets || "").split(" ");
    var from = stageOf(card);
    document.querySelectorAll("#board .board-column").forEach(function (column) {
      var stage = column.dataset.stage;
      var isAllowed = allowed.indexOf(stage) !== -1;
      var needsReason = column.hasAttribute("data-needs-reason");
      column.classList.toggle("board-column--blocked", active && stage !== from && !isAllowed);
      column.classList.toggle("board-column--needs-reason", active && isAllowed && needsReason);
      column.classList.toggle("board-column--allowed", active && isAllowed && !needsReason);
    });
  }

  function setDisabled(disabled) {
    sortables.forEach(function (sortable) {
      sortable.option("disabled", disabled);
    });
  }

  function move(card, fromStage, toStage) {
    setDisabled(true);
    htmx.ajax("POST", card.dataset.moveUrl, {
      target: "#board",
      swap: "outerHTML",
      values: { from_stage: fromStage, to_stage: toStage, board_state: board().dataset.boardState },
    });
  }

  function init() {
    var element = board();
    if (!element || element.dataset.sortableReady) {
      return;
    }
    element.dataset.sortableReady = "true";
    sortables = [];
    if (element.dataset.canMove !== "true" || typeof Sortable === "undefined") {
      return;
    }
    element.querySelectorAll(".board-cards").forEach(function (list) {
      sortables.push(
        Sortable.create(list, {
          group: "board",
          sort: false,
          draggable: ".board-card",
          filter: ".move-form, .board-card__name",
          preventOnFilter: false,
          forceFallback: true,
          // On a touch screen a swipe over the cards scrolls the board; pressing
          // and holding a card picks it up. A mouse drags at once.
          delay: 200,
          delayOnTouchOnly: true,
          fallbackOnBody: true,
          ghostClass: "board-card--ghost",
          chosenClass: "board-card--chosen",
          dragClass: "board-card--dragged",
          // From the press on a card, not the first move: a refresh landing in
          // between would swap the board out from under the pointer.
          onChoose: function () {
            dragging = true;
          },
          onUnchoose: function () {
            dragging = false;
          },
          onStart: function (event) {
            markColumns(event.item, true);
          },
          onEnd: function (event) {
            dragging = false;
            markColumns(event.item, false);
            var fromStage = stageOf(event.from);
            var toStage = stageOf(event.to);
            if (fromStage !== toStage) {
              move(event.item, fromStage, toStage);
            }
          },
        }),
      );
    });
  }

  function reload() {
    htmx.ajax("GET", board().dataset.refreshUrl, { target: "#board", swap: "outerHTML" });
  }

  function refresh() {
    var element = board();
    var focused = document.activeElement;
    if (!element || dragging || inFlight || document.visibilityState !== "visible") {
      return;
    }
    // Someone about to press a move button keeps it under their finger.
    if (focused && focused.closest && focused.closest("#board .move-form")) {
      return;
    }
    reload();
  }

  // htmx 2 swaps nothing on an error status or a network failure: the dropped
  // card would stay where the pointer left it, with dragging disabled. Say so,
  // and show the board as the server has it. (A lost permission or an expired
  // session never gets here: the server answers htmx with HX-Refresh/HX-Redirect.)
  function moveFailed(event) {
    if (!isBoardRequest(event) || event.detail.requestConfig.verb === "get") {
      return; // a failed refresh: the next poll tries again
    }
    inFlight = false;
    setDisabled(false);
    document.getElementById("board-status").innerHTML =
      '<p class="board-message board-message--error">' +
      "That move could not be saved (you may no longer have access, or the connection failed). " +
      "The board has been reloaded.</p>";
    reload();
  }
  document.addEventListener("htmx:responseError", moveFailed);
  document.addEventListener("htmx:sendError", moveFailed);

  // The board is replaced on every answer: keep keyboard focus on the same card.
  var focusedCard = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isBoardRequest(event)) {
      inFlight = true;
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (isBoardRequest(event)) {
      inFlight = false;
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    // A refresh that was already on its way when a drag began must not end it.
    if (isBoardRequest(event) && dragging) {
      event.detail.shouldSwap = false;
      return;
    }
    var focused = document.activeElement;
    var card = isBoardRequest(event) && focused && focused.closest && focused.closest("#board [data-application-id]");
    focusedCard = card ? card.dataset.applicationId : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    init();
    if (focusedCard) {
      var link = document.querySelector('#board [data-application-id="' + focusedCard + '"] .board-card__name');
      if (link) {
        link.focus();
      }
      focusedCard = null;
    }
  });

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("visibilitychange", refresh);
  window.addEventListener("focus", refresh);
  window.setInterval(refresh, POLL_MS);
})();
