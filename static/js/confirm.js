/* A button with data-confirm="question" submits only once the editor confirms; kept in a
   file (not an onclick attribute) so the Content-Security-Policy needs no inline script. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
