/* global window, document */
// Things drawn over the page: the person's modal (the top of their stack, with
// the app's validation errors under the right fields), Block Kit confirmation
// dialogs, and short notices when something fails.
(function (PG) {
  'use strict';
  var md = PG.mrkdwn;
  var el = md.el;

  /** Shows a confirmation dialog ({title, text, confirm, deny, style}); resolves true when confirmed. */
  function confirm(dialog) {
    return new Promise(function (resolve) {
      var root = document.getElementById('dialog-root');
      var overlay = el('div', 'overlay overlay-confirm');
      var box = el('div', 'dialog confirm');
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'true');
      box.appendChild(md.text(dialog.title || { type: 'plain_text', text: 'Are you sure?' }, {}, 'h2'));
      box.appendChild(md.text(dialog.text || { type: 'plain_text', text: '' }, PG.app.mdContext(), 'div'));
      var row = el('div', 'dialog-buttons');
      var deny = el('button', 'btn', dialog.deny ? md.decode(dialog.deny.text) : 'Cancel');
      var yes = el('button', 'btn ' + (dialog.style === 'danger' ? 'btn-danger' : 'btn-primary'), dialog.confirm ? md.decode(dialog.confirm.text) : 'Yes');
      deny.type = yes.type = 'button';
      var done = function (answer) {
        root.removeChild(overlay);
        resolve(answer);
      };
      deny.addEventListener('click', function () { done(false); });
      yes.addEventListener('click', function () { done(true); });
      row.appendChild(deny);
      row.appendChild(yes);
      box.appendChild(row);
      overlay.appendChild(box);
      root.appendChild(overlay);
      yes.focus();
    });
  }

  /** A short notice at the bottom of the page. */
  function toast(message) {
    var root = document.getElementById('toast');
    var note = el('div', 'toast-item', message);
    note.setAttribute('role', 'status');
    root.appendChild(note);
    window.setTimeout(function () { if (note.parentNode) root.removeChild(note); }, 6000);
  }

  var drawn = { key: null };

  /**
   * Draws the top modal of `stack` (or removes it). `ctxFor(view)` gives the
   * surface context; `onSubmit`/`onClose` act for the person. A modal is redrawn
   * only when the app changed it, so typing is never interrupted.
   */
  function modal(stack, signature, ctxFor, onSubmit, onClose) {
    var root = document.getElementById('modal-root');
    var view = stack.length ? stack[stack.length - 1] : null;
    var key = view ? view.id + '|' + view.hash + '|' + JSON.stringify(view.errors) + '|' + signature + '|' + stack.length : null;
    if (key === drawn.key) return;
    drawn.key = key;
    while (root.firstChild) root.removeChild(root.firstChild);
    if (!view) return;
    var overlay = el('div', 'overlay');
    var box = el('form', 'dialog modal');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.dataset.viewId = view.id;
    box.noValidate = true;
    var head = el('div', 'modal-head');
    if (stack.length > 1) {
      var back = el('button', 'icon-btn', '\u2190');
      back.type = 'button';
      back.setAttribute('aria-label', 'Back');
      back.addEventListener('click', function () { onClose(view); });
      head.appendChild(back);
    }
    var title = md.text(view.title || { type: 'plain_text', text: '' }, {}, 'h2');
    title.classList.add('modal-title');
    head.appendChild(title);
    var x = el('button', 'icon-btn modal-x', '\u00D7');
    x.type = 'button';
    x.setAttribute('aria-label', 'Close');
    x.addEventListener('click', function () { onClose(view); });
    head.appendChild(x);
    box.appendChild(head);
    var body = el('div', 'modal-body');
    body.appendChild(PG.blocks.render(view.blocks, ctxFor(view)));
    box.appendChild(body);
    var foot = el('div', 'modal-foot');
    var close = el('button', 'btn', view.close ? md.decode(view.close.text) : view.submit ? 'Cancel' : 'Close');
    close.type = 'button';
    close.addEventListener('click', function () { onClose(view); });
    foot.appendChild(close);
    if (view.submit) {
      var submit = el('button', 'btn btn-primary modal-submit', md.decode(view.submit.text));
      submit.type = 'submit';
      foot.appendChild(submit);
    }
    box.appendChild(foot);
    box.addEventListener('submit', function (event) {
      event.preventDefault();
      if (submit) submit.disabled = true;
      onSubmit(view).finally(function () { if (submit) submit.disabled = false; });
    });
    overlay.appendChild(box);
    root.appendChild(overlay);
    var firstError = box.querySelector('.has-error');
    if (firstError) firstError.scrollIntoView({ block: 'center' });
  }

  /** Forgets the drawn modal, so the next draw rebuilds it. */
  function invalidate() {
    drawn.key = null;
  }

  PG.dialogs = { confirm: confirm, toast: toast, modal: modal, invalidate: invalidate };
})((window.PG = window.PG || {}));
