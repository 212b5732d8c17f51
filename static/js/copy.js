/* A button with data-copy="ID" copies the value of the field with that id (a feed's
   address on /subscribe/ and on a feed shown in a browser); kept in a file so the
   Content-Security-Policy needs no inline script. Without the clipboard API (plain HTTP
   off localhost) the address is selected for the reader to copy. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    field.select();
    var done = function () {
      button.textContent = "已复制";
      window.setTimeout(function () { button.textContent = "复制"; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {});
    } else if (document.execCommand && document.execCommand("copy")) {
      done();
    }
  });
})();
