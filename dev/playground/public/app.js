/* global window, document, fetch, EventSource, URLSearchParams */
// The playground page: who you are (?as=U…), what you see (GET /api/state),
// what you do (POST /api/…), and live updates (server-sent events). One
// channel, its threads, your DM with the bot, its Home tab, and your modals.
(function (PG) {
  'use strict';
  var md = PG.mrkdwn;
  var el = md.el;
  var $ = function (id) { return document.getElementById(id); };

  var app = {
    as: new URLSearchParams(window.location.search).get('as') || '',
    state: null,
    /** What the main pane shows: { kind: 'channel', id } | { kind: 'dm' } | { kind: 'home' }. */
    pane: null,
    thread: null,
    /** What the person entered but the app has not seen yet: person -> surface key -> block -> action -> choice. */
    drafts: {},
    redraws: {},
    /** Per person: how many DMs they have seen (the sidebar counts the rest as unread). */
    seenDms: {},
    loading: false,
    dirty: false,
  };

  // --- talking to the playground server ---------------------------------------

  function post(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (res) { return res.json(); })
      .then(function (answer) {
        if (!answer.ok && answer.error) PG.dialogs.toast(answer.error);
        return answer;
      })
      .catch(function () {
        PG.dialogs.toast('The playground is not answering. Is it still running?');
        return { ok: false };
      });
  }

  function refresh() {
    if (app.loading) {
      app.dirty = true;
      return;
    }
    app.loading = true;
    fetch('/api/state?as=' + encodeURIComponent(app.as))
      .then(function (res) { return res.json(); })
      .then(function (state) {
        if (state.me) {
          app.state = state;
          draw();
        } else if (state.error && app.state) {
          // The person this page acts as is gone (deactivated in another tab): be the first person instead.
          PG.dialogs.toast(state.error);
          choosePerson(app.state.people.filter(function (p) { return p.id !== app.as; })[0].id);
        } else if (state.error) PG.dialogs.toast(state.error);
      })
      .catch(function () { /* the event stream reconnects and pings again */ })
      .finally(function () {
        app.loading = false;
        if (app.dirty) {
          app.dirty = false;
          refresh();
        }
      });
  }

  // --- surfaces: the context Block Kit elements act through -----------------------

  function drafts() {
    return (app.drafts[app.as] = app.drafts[app.as] || {});
  }

  function lookup() {
    var state = app.state;
    return {
      me: state.me.id,
      tz: state.me.tz,
      people: state.people,
      channels: state.channels,
      person: function (id) {
        if (id === state.bot.id) return { realName: state.bot.name };
        return state.people.filter(function (p) { return p.id === id; })[0];
      },
      channel: function (id) { return state.channels.filter(function (c) { return c.id === id; })[0]; },
    };
  }

  /** The context for text only (dialogs, headers). */
  app.mdContext = function () {
    return app.state ? lookup() : {};
  };

  function surface(key, source, stored, errors) {
    var ctx = lookup();
    ctx.key = key;
    ctx.errors = errors || {};
    ctx.stored = function (b, a) { return stored && stored[b] ? stored[b][a] : undefined; };
    ctx.draft = function (b, a) {
      var d = drafts()[key];
      return d && d[b] ? d[b][a] : undefined;
    };
    ctx.setDraft = function (b, a, choice, redraw) {
      var d = (drafts()[key] = drafts()[key] || {});
      d[b] = d[b] || {};
      d[b][a] = choice;
      if (redraw) {
        app.redraws[key] = (app.redraws[key] || 0) + 1;
        PG.dialogs.invalidate();
        draw();
      }
    };
    ctx.act = function (b, a, choice) {
      var body = { as: app.as, source: source, blockId: b, actionId: a };
      if (choice) body.choice = choice;
      if (drafts()[key]) body.values = drafts()[key];
      return post('/api/action', body);
    };
    ctx.confirm = PG.dialogs.confirm;
    return ctx;
  }

  function messageSource(channelId, m) {
    return m.ephemeralId ? { kind: 'ephemeral', id: m.ephemeralId } : { kind: 'message', channel: channelId, ts: m.ts };
  }

  function sigFor(m, key) {
    return JSON.stringify([m, app.as, app.redraws[key] || 0]);
  }

  // --- drawing ---------------------------------------------------------------------

  function currentChannel() {
    var channels = app.state.channels;
    var id = app.pane && app.pane.kind === 'channel' ? app.pane.id : channels[0] && channels[0].id;
    return channels.filter(function (c) { return c.id === id; })[0] || channels[0];
  }

  function draw() {
    var state = app.state;
    // A channel the person left (removed from a private room, or archived) is no longer theirs to show.
    var gone = app.pane && app.pane.kind === 'channel' && !state.channels.some(function (c) { return c.id === app.pane.id; });
    if (!app.pane || gone) app.pane = { kind: 'channel', id: state.channels[0] ? state.channels[0].id : '' };
    document.title = state.me.realName + ' · ' + state.team.name + ' · intervision playground';
    PG.chrome.switcher(state, app.as, choosePerson, deactivatePerson);
    PG.chrome.clock(state, moveTime);
    PG.chrome.language(state, chooseLanguage);
    if (app.pane.kind === 'dm') app.seenDms[app.as] = state.dm.messages.length;
    PG.chrome.sidebar(state, app.pane, choosePane, state.dm.messages.length - (app.seenDms[app.as] || 0));
    PG.chrome.violations(state.violations);
    drawPane();
    drawThread();
    PG.dialogs.modal(state.modals, String(app.redraws['v:' + (state.modals.length ? state.modals[state.modals.length - 1].id : '')] || 0) + app.as, function (view) {
      return surface('v:' + view.id, { kind: 'view', viewId: view.id }, view.values, view.errors);
    }, submitView, closeView);
  }

  function drawPane() {
    var state = app.state;
    var pane = app.pane;
    var messages = $('messages');
    var home = $('home');
    messages.hidden = pane.kind === 'home';
    home.hidden = pane.kind !== 'home';
    $('composer').hidden = pane.kind === 'home';
    if (pane.kind === 'home') {
      PG.chrome.header('home', state, null);
      while (home.firstChild) home.removeChild(home.firstChild);
      if (state.home) home.appendChild(PG.blocks.render(state.home.blocks, surface('h:' + state.home.id, { kind: 'view', viewId: state.home.id }, state.home.values, {})));
      else home.appendChild(el('p', 'empty', 'The app has not published a Home tab for you yet.'));
      return;
    }
    if (pane.kind === 'dm') {
      PG.chrome.header('dm', state, null);
      $('composer-input').placeholder = 'Message ' + state.bot.name;
      PG.conversation.list(messages, state.dm.messages, function (m, key) {
        return { state: state, ctx: surface(key, messageSource(state.dm.id, m), null, {}), onDelete: deleter('dm') };
      }, sigFor);
      return;
    }
    var channel = currentChannel();
    if (!channel) return;
    PG.chrome.header('channel', state, channel);
    $('composer-input').placeholder = 'Message #' + channel.name + ' \u2014 try /intervision new';
    PG.conversation.list(messages, channel.messages, function (m, key) {
      return { state: state, ctx: surface(key, messageSource(channel.id, m), null, {}), onOpenThread: openThread, onDelete: deleter(channel.id) };
    }, sigFor);
  }

  function drawThread() {
    var pane = $('thread');
    var channel = app.thread && app.state.channels.filter(function (c) { return c.id === app.thread.channel; })[0];
    var parent = channel && channel.messages.filter(function (m) { return m.ts === app.thread.ts && !m.ephemeralId; })[0];
    if (!parent) {
      pane.hidden = true;
      app.thread = null;
      // Nothing of a closed thread stays in the page, not even hidden.
      PG.conversation.reconcile($('thread-messages'), []);
      return;
    }
    pane.hidden = false;
    $('thread-channel').textContent = '#' + channel.name;
    var all = [parent].concat(channel.threads[parent.ts] || []);
    PG.conversation.list($('thread-messages'), all, function (m, key) {
      return { state: app.state, ctx: surface(key, messageSource(channel.id, m), null, {}), inThread: true, onDelete: deleter(channel.id) };
    }, function (m, key) { return sigFor(m, key) + (m === parent ? '|parent' : ''); });
  }

  // --- what the person does -----------------------------------------------------------

  function choosePerson(id) {
    app.as = id;
    var params = new URLSearchParams(window.location.search);
    params.set('as', id);
    window.history.replaceState(null, '', '?' + params.toString());
    app.thread = null;
    PG.dialogs.invalidate();
    if (app.pane && app.pane.kind === 'home') post('/api/home/open', { as: id });
    refresh();
  }

  function deactivatePerson(id) {
    return post('/api/people/deactivate', { as: app.as, person: id });
  }

  /** The language switch: the demo team's Slack language; an open Home tab is drawn again in it. */
  function chooseLanguage(code) {
    return post('/api/language', { as: app.as, language: code }).then(function () {
      if (app.pane && app.pane.kind === 'home') return post('/api/home/open', { as: app.as });
    });
  }

  /** The clock control: moves the playground's time (and whatever falls due on the way happens). */
  function moveTime(how) {
    return post('/api/clock', { as: app.as, move: how });
  }

  function choosePane(pane) {
    app.pane = pane;
    if (pane.kind !== 'channel') app.thread = null;
    if (pane.kind === 'home') post('/api/home/open', { as: app.as });
    draw();
  }

  function openThread(ts) {
    app.thread = { channel: currentChannel().id, ts: ts };
    drawThread();
    $('thread-input').focus();
  }

  /** Deleting one's own typed message, after Slack's question. */
  function deleter(channel) {
    return function (m) {
      PG.dialogs.confirm({
        title: { type: 'plain_text', text: 'Delete message' },
        text: { type: 'plain_text', text: 'Are you sure you want to delete this message? This cannot be undone.' },
        confirm: { type: 'plain_text', text: 'Delete' },
        deny: { type: 'plain_text', text: 'Cancel' },
        style: 'danger',
      }).then(function (yes) {
        if (yes) post('/api/message/delete', { as: app.as, channel: channel, ts: m.ts });
      });
    };
  }

  function submitView(view) {
    var body = { as: app.as, viewId: view.id, values: drafts()['v:' + view.id] || {} };
    return post('/api/view/submit', body).then(function (answer) {
      if (answer.ok) delete drafts()['v:' + view.id];
    });
  }

  function closeView(view) {
    delete drafts()['v:' + view.id];
    return post('/api/view/close', { as: app.as, viewId: view.id });
  }

  /** The message boxes: "/intervision …" runs the command; other text is a typed message. */
  function send(text, threadTs) {
    text = text.trim();
    if (!text) return Promise.resolve();
    var channel = app.pane.kind === 'dm' ? 'dm' : threadTs ? app.thread.channel : currentChannel().id;
    if (text.charAt(0) === '/') return post('/api/command', { as: app.as, text: text, channel: channel });
    var body = { as: app.as, channel: channel, text: text };
    if (threadTs) body.threadTs = threadTs;
    return post('/api/thread-reply', body);
  }

  function composer(formId, inputId, threadTs) {
    var form = $(formId);
    var input = $(inputId);
    var submit = function () {
      var text = input.value;
      input.value = '';
      send(text, threadTs ? threadTs() : undefined);
    };
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      submit();
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        submit();
      }
    });
  }

  /** The message box's ⚡ button: the app's global shortcut "Start an intervision", used in the channel shown (or nowhere in particular). */
  function shortcut() {
    var body = { as: app.as };
    if (app.pane && app.pane.kind === 'channel') body.channel = currentChannel().id;
    return post('/api/shortcut', body);
  }

  function start() {
    composer('composer', 'composer-input');
    $('shortcut').addEventListener('click', shortcut);
    composer('thread-composer', 'thread-input', function () { return app.thread && app.thread.ts; });
    $('thread-close').addEventListener('click', function () {
      app.thread = null;
      drawThread();
    });
    document.addEventListener('keydown', function (event) {
      var top = app.state && app.state.modals[app.state.modals.length - 1];
      if (event.key === 'Escape' && top && !document.querySelector('.overlay-confirm')) closeView(top);
    });
    var stream = new EventSource('/api/events');
    stream.addEventListener('changed', refresh);
    refresh();
  }

  PG.app = app;
  // Scripts are deferred, so they have all run by now.
  document.addEventListener('DOMContentLoaded', start);
})((window.PG = window.PG || {}));
