/* global window */
// Block Kit layout blocks: header, section (text, fields, accessory), context,
// divider, actions, input (label, hint, optional, the error under the field),
// image. Everything is built with createElement and textContent.
(function (PG) {
  'use strict';
  var md = PG.mrkdwn;
  var el = md.el;

  function header(block, ctx) {
    var node = md.text(block.text, ctx, 'h3');
    node.classList.add('b-header');
    return node;
  }

  function section(block, ctx) {
    var node = el('div', 'b-section');
    var body = el('div', 'b-section-body');
    if (block.text) body.appendChild(md.text(block.text, ctx, 'div'));
    if (block.fields && block.fields.length) {
      var fields = el('div', 'b-fields');
      block.fields.forEach(function (f) { fields.appendChild(md.text(f, ctx, 'div')); });
      body.appendChild(fields);
    }
    node.appendChild(body);
    if (block.accessory) {
      var accessory = el('div', 'b-accessory');
      accessory.appendChild(PG.elements.render(ctx, block, block.accessory));
      node.appendChild(accessory);
    }
    return node;
  }

  function context(block, ctx) {
    var node = el('div', 'b-context');
    (block.elements || []).forEach(function (e) {
      node.appendChild(e.type === 'image' ? el('span', 'image-alt', e.alt_text || 'image') : md.text(e, ctx, 'span'));
    });
    return node;
  }

  function actions(block, ctx) {
    var node = el('div', 'b-actions');
    (block.elements || []).forEach(function (e) { node.appendChild(PG.elements.render(ctx, block, e)); });
    return node;
  }

  function input(block, ctx) {
    var node = el('div', 'b-input');
    var error = ctx.errors && ctx.errors[block.block_id];
    if (error) node.classList.add('has-error');
    node.dataset.blockId = block.block_id;
    var label = el('label', 'b-label');
    label.appendChild(md.text(block.label, ctx));
    if (block.optional) label.appendChild(el('span', 'b-optional', ' (optional)'));
    node.appendChild(label);
    var control = PG.elements.render(ctx, block, block.element || {});
    node.appendChild(control);
    if (error) {
      var message = el('div', 'b-error', error);
      message.setAttribute('role', 'alert');
      node.appendChild(message);
    }
    if (block.hint) {
      var hint = md.text(block.hint, ctx, 'div');
      hint.classList.add('b-hint');
      node.appendChild(hint);
    }
    return node;
  }

  /** One block as a DOM node. */
  function block(b, ctx) {
    switch (b.type) {
      case 'header': return header(b, ctx);
      case 'section': return section(b, ctx);
      case 'context': return context(b, ctx);
      case 'divider': return el('hr', 'b-divider');
      case 'actions': return actions(b, ctx);
      case 'input': return input(b, ctx);
      case 'image': return el('div', 'b-image', '[image: ' + (b.alt_text || '') + ']');
      case 'markdown': return md.render(String(b.text || ''), ctx);
      default: return el('div', 'unsupported', '[' + b.type + ' block is not drawn in the playground]');
    }
  }
  /** Blocks as a container element. */
  function render(blocks, ctx) {
    var root = el('div', 'blocks');
    (blocks || []).forEach(function (b) { root.appendChild(block(b, ctx)); });
    return root;
  }

  PG.blocks = { render: render };
})((window.PG = window.PG || {}));
