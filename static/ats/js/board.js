/* The job's board: drag and drop with SortableJS, every drop posted through htmx to
   the move endpoint, which answers with the columns it touched as they now are,
   swapped in out of band (the server is the truth: SortableJS has no cancel). A
   card's menu is loaded when it opens; card URLs are the board's templates
   (data-move-url, data-menu-url) with the card's id in place of the 0. A drop lands in the column under the pointer at
   release, wherever SortableJS's placeholder lagged. A drop on a column that needs a
   reason (Rejected) opens the reason dialog in place. Polls while the tab is visible
   so a teammate's move shows up, never in the middle of a drag, a move or a dialog. */
(function () {
  "use strict";

  var POLL_MS = 5000;
  var dragging = false;
  var inFlight = false;
  var suppressClick = false;
  var sortables = [];
  // The reject dialog's move while it is open: {card, moveUrl, fromStage, toStage, restore}.
  var pending = null;
  var lastPoint = null;

  function board() {
    return document.getElementById("board");
  }

  function dialog() {
    return document.getElementById("reject-dialog");
  }

  function cardUrl(template, card) {
    return template.replace("/0/", "/" + card.dataset.applicationId + "/");
  }

  function stageOf(element) {
    return element.closest("[data-stage]").dataset.stage;
  }

  function isBoardRequest(event) {
    var target = event.detail.target;
    return target && target.id === "board";
  }

  function columnAt(x, y) {
    var elements = document.elementsFromPoint(x, y);
    for (var i = 0; i < elements.length; i++) {
      var column = elements[i].closest && elements[i].closest("#board .board-column");
      if (column) {
        return column;
      }
    }
    return null;
  }

  function pointOf(event) {
    var source = event && event.changedTouches ? event.changedTouches[0] : event;
    if (source && typeof source.clientX === "number") {
      return { x: source.clientX, y: source.clientY };
    }
    return lastPoint;
  }

  // While a card is dragged, columns it may not go to are marked (the card carries
  // its allowed targets, rendered from workflow.allowed_targets), and so is a column
  // whose moves need a reason (data-needs-reason, from workflow.needs_reason).
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

  // A card's menu comes from the server when it opens: its moves from the column
  // the card is shown in, and the company's tags.
  document.addEventListener(
    "toggle",
    function (event) {
      var menu = event.target;
      if (!menu.matches || !menu.matches("#board details.card-menu") || !menu.open || menu.dataset.loaded) {
        return;
      }
      menu.dataset.loaded = "true";
      var card = menu.closest(".board-card");
      var state = board().dataset.boardState;
      var url = cardUrl(board().dataset.menuUrl, card) + "?from_stage=" + encodeURIComponent(stageOf(card));
      htmx.ajax("GET", url + (state ? "&" + state : ""), {
        source: menu,
        target: menu.querySelector(".card-menu__list"),
        // Bound at once: a key pressed on a just-arrived button must post through htmx.
        swap: "innerHTML settle:0ms",
      });
    },
    true,
  );

  // Someone who tabbed into the menu before it came (onto its stand-in link) lands
  // on its first action rather than on the page's body: once settled, when htmx
  // has bound its forms (a key pressed earlier would post without htmx).
  document.addEventListener("htmx:afterSettle", function (event) {
    var list = event.target;
    if (!list || !list.classList || !list.classList.contains("card-menu__list")) {
      return;
    }
    var focused = document.activeElement;
    if (!focused || focused === document.body || !focused.isConnected) {
      var first = list.querySelector("button, a[href]");
      if (first) {
        first.focus();
      }
    }
  });

  function setDisabled(disabled) {
    sortables.forEach(function (sortable) {
      sortable.option("disabled", disabled);
    });
  }

  function post(moveUrl, values) {
    setDisabled(true);
    values.board_state = board().dataset.boardState;
    htmx.ajax("POST", moveUrl, { target: "#board", swap: "none", values: values });
  }

  // The reason dialog ------------------------------------------------------------

  function openReasonDialog(move) {
    var element = dialog();
    if (!element) {
      return false;
    }
    pending = move;
    var form = element.querySelector("form");
    form.reset();
    element.querySelector("[data-candidate-name]").textContent = move.card.dataset.candidate;
    element.querySelector(".dialog__error").hidden = true;
    element.showModal();
    var first = element.querySelector('input[name="reason"]');
    if (first) {
      first.focus();
    }
    return true;
  }

  function closeReasonDialog(confirmed) {
    var element = dialog();
    var move = pending;
    pending = null;
    if (element.open) {
      element.close();
    }
    if (move && !confirmed && move.restore) {
      move.restore();
    }
    if (move && !confirmed) {
      var link = move.card.querySelector(".board-card__name");
      if (link) {
        link.focus();
      }
    }
  }

  function submitReason(event) {
    event.preventDefault();
    var form = event.target;
    var reason = form.querySelector('input[name="reason"]:checked');
    if (!reason) {
      form.querySelector(".dialog__error").hidden = false;
      form.querySelector('input[name="reason"]').focus();
      return;
    }
    var move = pending;
    closeReasonDialog(true);
    post(move.moveUrl, {
      from_stage: move.fromStage,
      to_stage: move.toStage,
      reason: reason.value,
      note: form.elements.note.value,
      notify_candidate: form.elements.notify_candidate.checked ? "true" : "false",
    });
  }

  document.addEventListener("submit", function (event) {
    if (event.target.id === "reject-form") {
      submitReason(event);
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#reject-dialog [data-cancel]")) {
      closeReasonDialog(false);
    }
  });
  // Escape closes a modal dialog: the same as Cancel.
  document.addEventListener(
    "cancel",
    function (event) {
      if (event.target.id === "reject-dialog") {
        event.preventDefault();
        closeReasonDialog(false);
      }
    },
    true,
  );

  // A card menu's "Reject…" opens the dialog; without JavaScript it is a link to
  // the application page's reject form.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#board [data-reject]");
    if (!link) {
      return;
    }
    var card = link.closest(".board-card");
    var menu = link.closest("details");
    var opened = openReasonDialog({
      card: card,
      moveUrl: cardUrl(board().dataset.moveUrl, card),
      fromStage: stageOf(card),
      toStage: link.dataset.toStage,
      restore: null,
    });
    if (opened) {
      event.preventDefault();
      if (menu) {
        menu.open = false;
      }
    }
  });

  // Card menus: one open at a time; a click elsewhere or Escape closes them.
  function closeMenus(except) {
    document.querySelectorAll("#board details.card-menu[open]").forEach(function (menu) {
      if (menu !== except) {
        menu.open = false;
      }
    });
  }
  document.addEventListener("click", function (event) {
    var menu = event.target.closest && event.target.closest("#board details.card-menu");
    closeMenus(menu);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var menu = document.activeElement && document.activeElement.closest("#board details.card-menu[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });

  // A drag ends in a click on whatever is under the pointer: it must not open the
  // application. A press and release without a drag still does.
  document.addEventListener(
    "click",
    function (event) {
      if (suppressClick && event.target.closest && event.target.closest("#board")) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );

  // Dragging ---------------------------------------------------------------------

  function dropped(event) {
    var card = event.item;
    var fromStage = stageOf(event.from);
    var point = pointOf(event.originalEvent);
    var column = point ? columnAt(point.x, point.y) : null;
    var restore = function () {
      var before = event.from.children[event.oldIndex] || null;
      event.from.insertBefore(card, before);
    };
    if (!column) {
      // Released outside the board: the card goes back where it was.
      restore();
      return;
    }
    var toStage = column.dataset.stage;
    if (toStage === fromStage) {
      restore();
      return;
    }
    var list = column.querySelector(".board-cards");
    if (card.parentElement !== list) {
      list.appendChild(card);
    }
    var allowed = (card.dataset.allowedTargets || "").split(" ").indexOf(toStage) !== -1;
    if (allowed && column.hasAttribute("data-needs-reason")) {
      openReasonDialog({ card: card, moveUrl: cardUrl(board().dataset.moveUrl, card), fromStage: fromStage, toStage: toStage, restore: restore });
      return;
    }
    // Allowed or not, the server decides and answers with the true board.
    post(cardUrl(board().dataset.moveUrl, card), { from_stage: fromStage, to_stage: toStage });
  }

  function trackPointer(event) {
    var point = pointOf(event);
    if (point) {
      lastPoint = point;
    }
  }

  // Each column's list gets its Sortable once: the whole board, or the columns a drop swapped in.
  function init() {
    var element = board();
    if (!element || element.dataset.canMove !== "true" || typeof Sortable === "undefined") {
      return;
    }
    sortables = sortables.filter(function (sortable) {
      return sortable.el.isConnected;
    });
    element.querySelectorAll(".board-cards:not([data-sortable-ready])").forEach(function (list) {
      list.dataset.sortableReady = "true";
      sortables.push(
        Sortable.create(list, {
          group: "board",
          sort: false,
          draggable: ".board-card",
          // The whole card drags, its name included; only the menu is for clicking.
          filter: ".card-menu",
          preventOnFilter: false,
          forceFallback: true,
          // On a touch screen a swipe over the cards scrolls the board; pressing
          // and holding a card picks it up. A mouse drags at once.
          delay: 200,
          delayOnTouchOnly: true,
          fallbackOnBody: true,
          fallbackTolerance: 3,
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
            closeMenus(null);
            markColumns(event.item, true);
            document.addEventListener("pointermove", trackPointer, true);
            document.addEventListener("touchmove", trackPointer, true);
          },
          onEnd: function (event) {
            dragging = false;
            suppressClick = true;
            window.setTimeout(function () {
              suppressClick = false;
            }, 0);
            document.removeEventListener("pointermove", trackPointer, true);
            document.removeEventListener("touchmove", trackPointer, true);
            markColumns(event.item, false);
            dropped(event);
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
    if (!element || dragging || inFlight || pending || document.visibilityState !== "visible") {
      return;
    }
    // Someone about to choose a move keeps the menu under their finger.
    if (element.querySelector("details.card-menu[open]") || (focused && focused.closest && focused.closest("#board .card-menu"))) {
      return;
    }
    reload();
  }

  // htmx 2 swaps nothing on an error status (other than the 409 and 422 that
  // base.html lets through) or a network failure: the dropped card would stay
  // where the pointer left it, with dragging disabled. Say so, and show the board
  // as the server has it. (A lost permission or an expired session never gets
  // here: the server answers htmx with HX-Refresh/HX-Redirect.)
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
      // A drop's answer replaces only the columns it touched: the others take drags again.
      setDisabled(false);
    }
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    // A refresh that was already on its way when a drag or a dialog began must not end it.
    if (isBoardRequest(event) && (dragging || pending) && event.detail.requestConfig.verb === "get") {
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
