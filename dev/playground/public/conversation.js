/* global window */
// Messages as Slack draws them: avatar, name (the bot with an APP badge),
// time in the viewer's time zone, Block Kit or text, "(edited)", the
// "Only visible to you" mark on ephemerals, and the thread summary. Lists are
// updated in place: a message is rebuilt only when it changed, so a menu
// someone is using or a half-chosen selection survives other people's moves.
(function (PG) {
  'use strict';
  var md = PG.mrkdwn;
  var el = md.el;

  function avatar(person, isBot) {
    if (isBot) {
      var bot = el('div', 'avatar avatar-bot', 'iv');
      bot.setAttribute('aria-hidden', 'true');
      return bot;
    }
    var node = el('div', 'avatar', person ? person.initials : '?');
    node.style.backgroundColor = person ? person.colour : '#718096';
    node.setAttribute('aria-hidden', 'true');
    return node;
  }

  function clock(ts, tz) {
    var date = new Date(Number(ts) * 1000);
    var node = el('time', 'msg-time', new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', minute: '2-digit' }).format(date).replace(/\u202f/g, ' '));
    node.title = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'full', timeStyle: 'short' }).format(date) + ' (' + tz + ')';
    return node;
  }

  /**
   * One message. `opts`: { ctx (the surface context for its blocks), state,
   * inThread, onOpenThread(ts), onDelete(message) for the person's own messages }.
   */
  function message(m, opts) {
    var state = opts.state;
    var isBot = m.user === state.bot.id;
    var person = state.people.filter(function (p) { return p.id === m.user; })[0];
    var node = el('div', 'msg' + (m.ephemeralId ? ' msg-ephemeral' : '') + (m.deleted ? ' msg-deleted' : ''));
    node.dataset.ts = m.ts;
    node.dataset.author = isBot ? 'bot' : m.user;
    if (m.deleted) {
      node.appendChild(el('div', 'avatar avatar-deleted', ''));
      node.appendChild(el('div', 'msg-main msg-tombstone', 'This message was deleted.'));
    } else {
      node.appendChild(avatar(person, isBot));
      var main = el('div', 'msg-main');
      var head = el('div', 'msg-head');
      head.appendChild(el('span', 'msg-name', isBot ? state.bot.name : person ? person.realName : m.user));
      if (isBot) head.appendChild(el('span', 'badge', 'APP'));
      head.appendChild(clock(m.ts, state.me.tz));
      main.appendChild(head);
      if (m.ephemeralId) {
        var only = el('div', 'only-you', 'Only visible to you');
        main.appendChild(only);
      }
      var body = m.blocks && m.blocks.length ? PG.blocks.render(m.blocks, opts.ctx) : md.render(m.text, opts.ctx);
      body.classList.add('msg-body');
      main.appendChild(body);
      // Slack marks people's edits; an app updating its own message shows no mark.
      if (m.edited && !isBot) main.appendChild(el('span', 'edited', '(edited)'));
      node.appendChild(main);
    }
    if (!opts.inThread && m.replyCount) {
      var summary = el('button', 'thread-summary', m.replyCount + (m.replyCount === 1 ? ' reply' : ' replies'));
      summary.type = 'button';
      summary.addEventListener('click', function () { opts.onOpenThread(m.ts); });
      (node.querySelector('.msg-main') || node).appendChild(summary);
    }
    var tools = el('div', 'msg-tools');
    if (!opts.inThread && opts.onOpenThread && !m.ephemeralId && !m.deleted) {
      var reply = el('button', 'msg-tool', 'Reply in thread');
      reply.type = 'button';
      reply.addEventListener('click', function () { opts.onOpenThread(m.ts); });
      tools.appendChild(reply);
    }
    if (opts.onDelete && m.user === state.me.id && !m.ephemeralId && !m.deleted) {
      var remove = el('button', 'msg-tool', 'Delete message');
      remove.type = 'button';
      remove.addEventListener('click', function () { opts.onDelete(m); });
      tools.appendChild(remove);
    }
    if (tools.firstChild) node.appendChild(tools);
    return node;
  }

  var signatures = new WeakMap();

  /**
   * Brings `container`'s children in line with `items` ({key, sig, build}),
   * reusing nodes whose signature is unchanged. Returns whether anything new was added.
   */
  function reconcile(container, items) {
    var byKey = {};
    Array.prototype.forEach.call(container.children, function (child) { byKey[child.dataset.key] = child; });
    var added = false;
    items.forEach(function (item, index) {
      var node = byKey[item.key];
      if (!node || signatures.get(node) !== item.sig) {
        var fresh = item.build();
        fresh.dataset.key = item.key;
        signatures.set(fresh, item.sig);
        if (node) container.replaceChild(fresh, node);
        else added = true;
        node = fresh;
      }
      delete byKey[item.key];
      if (container.children[index] !== node) container.insertBefore(node, container.children[index] || null);
    });
    Object.keys(byKey).forEach(function (key) { container.removeChild(byKey[key]); });
    return added;
  }

  /** Draws a list of messages into a scrolling container, keeping the reader at the bottom when they were there. */
  function list(container, messages, optsFor, sigFor) {
    var atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
    var added = reconcile(container, messages.map(function (m) {
      var key = m.ephemeralId ? 'e:' + m.ephemeralId : 'm:' + m.ts;
      return { key: key, sig: sigFor(m, key), build: function () { return message(m, optsFor(m, key)); } };
    }));
    if (atBottom || added) container.scrollTop = container.scrollHeight;
  }

  PG.conversation = { list: list, reconcile: reconcile, avatar: avatar };
})((window.PG = window.PG || {}));
