/* Rich text for the review narrative: a small editor over each textarea[data-richtext].
   Without JavaScript the textarea stays (HTML or plain text both work); with it, the text
   is edited in place and copied back into the textarea on submit. The server sanitises
   whatever arrives, so this file is a convenience, not a safeguard. */
(function () {
  "use strict";
  var me = document.currentScript;
  var label = function (key) { return me.dataset[key] || key; };
  var buttons = [
    ["bold", "B", "bold", null],
    ["italic", "I", "italic", null],
    ["heading", "H", "formatBlock", "h3"],
    ["bullets", "•", "insertUnorderedList", null],
    ["numbers", "1.", "insertOrderedList", null],
    ["link", "🔗", "createLink", "prompt"],
  ];
  document.querySelectorAll("textarea[data-richtext]").forEach(function (area) {
    var toolbar = document.createElement("div");
    toolbar.className = "richtext-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", label("toolbar"));
    var editor = document.createElement("div");
    editor.className = "richtext-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    if (area.id) {
      var lab = document.querySelector('label[for="' + area.id + '"]');
      if (lab) { lab.id = lab.id || area.id + "-label"; editor.setAttribute("aria-labelledby", lab.id); }
    }
    editor.innerHTML = area.value;
    buttons.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      var glyph = document.createElement("span");
      glyph.setAttribute("aria-hidden", "true");
      glyph.textContent = b[1];
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = label(b[0]);
      button.appendChild(glyph);
      button.appendChild(name);
      button.title = label(b[0]);
      button.addEventListener("click", function () {
        editor.focus();
        var value = b[3];
        if (value === "prompt") {
          value = window.prompt(label("linkPrompt"), "https://");
          if (!value || !/^(https?:|mailto:)/i.test(value)) return;
        }
        document.execCommand(b[2], false, value);
      });
      toolbar.appendChild(button);
    });
    area.hidden = true;
    area.parentNode.insertBefore(toolbar, area);
    area.parentNode.insertBefore(editor, area);
    area.form.addEventListener("submit", function () { area.value = editor.innerHTML; });
  });
})();
