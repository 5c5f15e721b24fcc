// Submit pickers on change; the plain submit buttons stay for keyboard and no-JS use.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
