/* global window, document */
// Block Kit's interactive elements as form controls: buttons (primary/danger,
// confirm dialogs), static and user menus (single and multi, option groups),
// overflow menus, checkboxes, radio buttons, text, number and date inputs,
// and a channel menu (conversations_select).
// What a person chooses is reported as a "choice" ({option}, {users}, {value}…);
// the server looks the element up again and builds Slack's payload itself.
(function (PG) {
  'use strict';
  var md = PG.mrkdwn;
  var el = md.el;

  function optionsOf(element) {
    var direct = element.options || [];
    var grouped = (element.option_groups || []).reduce(function (all, g) { return all.concat(g.options || []); }, []);
    return direct.concat(grouped);
  }

  function optionText(option) {
    return option && option.text ? md.decode(option.text.text || '') : '';
  }

  /** The element's value before the person touches it. */
  function initialChoice(element) {
    switch (element.type) {
      case 'plain_text_input': case 'number_input': case 'email_text_input': case 'url_text_input':
        return { value: element.initial_value || '' };
      case 'static_select': case 'external_select': case 'radio_buttons':
        return { option: element.initial_option ? element.initial_option.value : null };
      case 'multi_static_select': case 'multi_external_select': case 'checkboxes':
        return { options: (element.initial_options || []).map(function (o) { return o.value; }) };
      case 'users_select':
        return { user: element.initial_user || null };
      case 'multi_users_select':
        return { users: element.initial_users || [] };
      case 'datepicker':
        return { date: element.initial_date || null };
      case 'conversations_select':
        return { conversation: element.initial_conversation || null };
      default:
        return {};
    }
  }

  /** A choice from Slack's state shape ({type, selected_option: {...}} …). */
  function choiceFromState(entry) {
    if (!entry) return undefined;
    if ('value' in entry) return { value: entry.value || '' };
    if ('selected_option' in entry) return { option: entry.selected_option ? entry.selected_option.value : null };
    if ('selected_options' in entry) return { options: (entry.selected_options || []).map(function (o) { return o.value; }) };
    if ('selected_user' in entry) return { user: entry.selected_user };
    if ('selected_users' in entry) return { users: entry.selected_users || [] };
    if ('selected_date' in entry) return { date: entry.selected_date };
    if ('selected_conversation' in entry) return { conversation: entry.selected_conversation };
    return undefined;
  }

  /** What the element shows now: the person's draft, else what the surface holds, else its initial value. */
  function current(ctx, block, element) {
    return ctx.draft(block.block_id, element.action_id) || choiceFromState(ctx.stored(block.block_id, element.action_id)) || initialChoice(element);
  }

  /** Reports a change: kept as a draft; sent to the app at once outside input blocks (or with dispatch_action), as Slack does. */
  function changed(ctx, block, element, choice, redraw) {
    ctx.setDraft(block.block_id, element.action_id, choice, redraw === true);
    if (block.type !== 'input' || block.dispatch_action === true) ctx.act(block.block_id, element.action_id, choice);
  }

  function button(ctx, block, element) {
    var node = el('button', 'btn' + (element.style ? ' btn-' + element.style : ''));
    node.type = 'button';
    node.appendChild(md.text(element.text, ctx));
    node.addEventListener('click', function () {
      var go = element.confirm ? ctx.confirm(element.confirm) : Promise.resolve(true);
      go.then(function (yes) {
        if (!yes) return;
        node.disabled = true;
        if (element.url && /^https?:/i.test(element.url)) window.open(element.url, '_blank', 'noopener');
        ctx.act(block.block_id, element.action_id, undefined).finally(function () { node.disabled = false; });
      });
    });
    return node;
  }

  function placeholder(select, element, fallback) {
    var first = el('option', '', element.placeholder ? md.decode(element.placeholder.text) : fallback);
    first.value = '';
    first.disabled = true;
    select.appendChild(first);
  }

  function staticSelect(ctx, block, element) {
    var select = el('select', 'select');
    select.setAttribute('aria-label', element.placeholder ? element.placeholder.text : 'Choose');
    placeholder(select, element, 'Select an item');
    var add = function (parent, option) {
      var node = el('option', '', optionText(option));
      node.value = option.value;
      parent.appendChild(node);
    };
    (element.options || []).forEach(function (o) { add(select, o); });
    (element.option_groups || []).forEach(function (g) {
      var group = document.createElement('optgroup');
      group.label = md.decode(g.label ? g.label.text : '');
      (g.options || []).forEach(function (o) { add(group, o); });
      select.appendChild(group);
    });
    var chosen = current(ctx, block, element).option;
    select.value = chosen || '';
    select.addEventListener('change', function () { changed(ctx, block, element, { option: select.value }); });
    return select;
  }

  function usersSelect(ctx, block, element) {
    var select = el('select', 'select');
    select.setAttribute('aria-label', element.placeholder ? element.placeholder.text : 'Choose a person');
    placeholder(select, element, 'Select a person');
    ctx.people.forEach(function (p) {
      var node = el('option', '', p.realName);
      node.value = p.id;
      select.appendChild(node);
    });
    select.value = current(ctx, block, element).user || '';
    select.addEventListener('change', function () { changed(ctx, block, element, { user: select.value }); });
    return select;
  }

  /** A conversation menu: the channels the person is in (the playground's stand-in for Slack's channel search). */
  function conversationsSelect(ctx, block, element) {
    var select = el('select', 'select');
    select.setAttribute('aria-label', element.placeholder ? element.placeholder.text : 'Choose a channel');
    placeholder(select, element, 'Select a channel');
    ctx.channels.forEach(function (c) {
      var node = el('option', '', (c.isPrivate ? '\uD83D\uDD12 ' : '# ') + c.name);
      node.value = c.id;
      select.appendChild(node);
    });
    select.value = current(ctx, block, element).conversation || '';
    select.addEventListener('change', function () { changed(ctx, block, element, { conversation: select.value }); });
    return select;
  }

  /** A multi-select: chosen items as chips (each removable) and a menu to add one more. */
  function multiSelect(ctx, block, element) {
    var users = element.type === 'multi_users_select';
    var items = users
      ? ctx.people.map(function (p) { return { value: p.id, text: p.realName }; })
      : optionsOf(element).map(function (o) { return { value: o.value, text: optionText(o) }; });
    var now = current(ctx, block, element);
    var chosen = (users ? now.users : now.options) || [];
    var max = element.max_selected_items || Infinity;
    var box = el('div', 'multi');
    var report = function (next) { changed(ctx, block, element, users ? { users: next } : { options: next }, true); };
    chosen.forEach(function (value) {
      var item = items.filter(function (i) { return i.value === value; })[0];
      var chip = el('span', 'chip', item ? item.text : value);
      var remove = el('button', 'chip-remove', '\u00D7');
      remove.type = 'button';
      remove.setAttribute('aria-label', 'Remove ' + (item ? item.text : value));
      remove.addEventListener('click', function () { report(chosen.filter(function (v) { return v !== value; })); });
      chip.appendChild(remove);
      box.appendChild(chip);
    });
    if (chosen.length < max) {
      var select = el('select', 'select select-add');
      select.setAttribute('aria-label', element.placeholder ? element.placeholder.text : 'Add');
      placeholder(select, element, users ? 'Add a person' : 'Select items');
      var groups = !users && element.option_groups ? element.option_groups : [{ options: null }];
      groups.forEach(function (g) {
        var parent = select;
        var list = g.options ? g.options.map(function (o) { return { value: o.value, text: optionText(o) }; }) : items;
        if (g.label) {
          parent = document.createElement('optgroup');
          parent.label = md.decode(g.label.text);
          select.appendChild(parent);
        }
        list.filter(function (i) { return chosen.indexOf(i.value) < 0; }).forEach(function (i) {
          var node = el('option', '', i.text);
          node.value = i.value;
          parent.appendChild(node);
        });
      });
      select.value = '';
      select.addEventListener('change', function () { report(chosen.concat([select.value])); });
      box.appendChild(select);
    }
    return box;
  }

  function overflow(ctx, block, element) {
    var wrap = el('span', 'overflow');
    var toggle = el('button', 'btn btn-overflow', '\u22EF');
    toggle.type = 'button';
    toggle.setAttribute('aria-label', 'More actions');
    var menu = el('div', 'overflow-menu');
    menu.hidden = true;
    (element.options || []).forEach(function (o) {
      var item = el('button', 'overflow-item', optionText(o));
      item.type = 'button';
      item.addEventListener('click', function () {
        menu.hidden = true;
        var go = element.confirm ? ctx.confirm(element.confirm) : Promise.resolve(true);
        go.then(function (yes) { if (yes) ctx.act(block.block_id, element.action_id, { option: o.value }); });
      });
      menu.appendChild(item);
    });
    toggle.addEventListener('click', function (event) {
      event.stopPropagation();
      menu.hidden = !menu.hidden;
    });
    wrap.appendChild(toggle);
    wrap.appendChild(menu);
    return wrap;
  }

  /** Checkboxes or radio buttons: one labelled input per option, with its description. */
  function choices(ctx, block, element, multi) {
    var box = el('div', 'choices');
    var now = current(ctx, block, element);
    var name = 'c-' + ctx.key + '-' + block.block_id + '-' + element.action_id;
    var inputs = [];
    (element.options || []).forEach(function (o) {
      var label = el('label', 'choice');
      var input = document.createElement('input');
      input.type = multi ? 'checkbox' : 'radio';
      input.name = name;
      input.value = o.value;
      input.checked = multi ? (now.options || []).indexOf(o.value) >= 0 : now.option === o.value;
      inputs.push(input);
      input.addEventListener('change', function () {
        var picked = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        changed(ctx, block, element, multi ? { options: picked } : { option: picked[0] || null });
      });
      var words = el('span', 'choice-text');
      words.appendChild(md.text(o.text, ctx));
      if (o.description) words.appendChild(md.text(o.description, ctx, 'small'));
      label.appendChild(input);
      label.appendChild(words);
      box.appendChild(label);
    });
    return box;
  }

  function textInput(ctx, block, element) {
    var multiline = element.type === 'plain_text_input' && element.multiline;
    var input = document.createElement(multiline ? 'textarea' : 'input');
    input.className = 'text-input';
    if (!multiline) input.type = element.type === 'number_input' ? 'number' : element.type === 'email_text_input' ? 'email' : element.type === 'url_text_input' ? 'url' : 'text';
    if (element.type === 'number_input') {
      if (element.min_value !== undefined) input.min = element.min_value;
      if (element.max_value !== undefined) input.max = element.max_value;
      input.step = element.is_decimal_allowed ? 'any' : '1';
    }
    if (element.max_length) input.maxLength = element.max_length;
    if (element.placeholder) input.placeholder = md.decode(element.placeholder.text);
    input.value = current(ctx, block, element).value || '';
    input.dataset.field = block.block_id + '/' + element.action_id;
    input.addEventListener('input', function () { ctx.setDraft(block.block_id, element.action_id, { value: input.value }); });
    return input;
  }

  function datepicker(ctx, block, element) {
    var input = document.createElement('input');
    input.type = 'date';
    input.className = 'text-input';
    input.value = current(ctx, block, element).date || '';
    input.addEventListener('change', function () { changed(ctx, block, element, { date: input.value || null }); });
    return input;
  }

  function image(element) {
    var node = el('span', 'image-alt', element.alt_text || 'image');
    node.title = 'Images from other sites are not loaded in the playground';
    return node;
  }

  /** One element as a control. */
  function render(ctx, block, element) {
    switch (element.type) {
      case 'button': return button(ctx, block, element);
      case 'static_select': case 'external_select': return staticSelect(ctx, block, element);
      case 'users_select': return usersSelect(ctx, block, element);
      case 'conversations_select': return conversationsSelect(ctx, block, element);
      case 'multi_static_select': case 'multi_external_select': case 'multi_users_select': return multiSelect(ctx, block, element);
      case 'overflow': return overflow(ctx, block, element);
      case 'checkboxes': return choices(ctx, block, element, true);
      case 'radio_buttons': return choices(ctx, block, element, false);
      case 'plain_text_input': case 'number_input': case 'email_text_input': case 'url_text_input': return textInput(ctx, block, element);
      case 'datepicker': return datepicker(ctx, block, element);
      case 'image': return image(element);
      default: return el('span', 'unsupported', '[' + element.type + ' is not drawn in the playground]');
    }
  }

  // A click anywhere else closes open overflow menus, as in Slack.
  document.addEventListener('click', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.overflow-menu'), function (menu) { menu.hidden = true; });
  });

  PG.elements = { render: render, initialChoice: initialChoice };
})((window.PG = window.PG || {}));
