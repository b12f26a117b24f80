/* global window, document */
// The frame around the conversation: the person switcher (the demo team with
// initials avatars), the sidebar (channels, the DM with the bot, its Home tab),
// the conversation header, and a note when Slack would have refused something.
(function (PG) {
  'use strict';
  var el = PG.mrkdwn.el;
  var $ = function (id) { return document.getElementById(id); };

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  var ROLES = { facilitator: 'Facilitator', presenter: 'Presenter', member: 'Member' };

  /** The person's local time now, in the playground's time (which the clock control may have moved). */
  function localTime(tz, now) {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', minute: '2-digit' }).format(new Date(now));
  }

  var playgroundNow = function () { return Date.now(); };

  function personRow(p) {
    var row = el('span', 'person');
    row.appendChild(PG.conversation.avatar(p, false));
    var words = el('span', 'person-words');
    words.appendChild(el('span', 'person-name', p.realName));
    var role = p.role ? ROLES[p.role] + ' \u00B7 ' : '';
    words.appendChild(el('span', 'person-meta', role + localTime(p.tz, playgroundNow()) + ' ' + p.tz.replace(/^.*\//, '').replace(/_/g, ' ')));
    row.appendChild(words);
    return row;
  }

  var lastSwitcher = null;

  /** A person's "Deactivate" in the menu: asks first, as an admin's console would. */
  function deactivateButton(p, deactivate) {
    var button = el('button', 'btn btn-small switcher-deactivate', 'Deactivate');
    button.type = 'button';
    button.setAttribute('aria-label', 'Deactivate ' + p.realName);
    button.addEventListener('click', function (event) {
      event.stopPropagation();
      PG.dialogs.confirm({
        title: { type: 'plain_text', text: 'Deactivate ' + p.realName + '?' },
        text: { type: 'plain_text', text: 'As a workspace admin would: their account is deactivated and Slack tells the app, which takes them out of their sessions. In the playground this cannot be undone.' },
        confirm: { type: 'plain_text', text: 'Deactivate' },
        deny: { type: 'plain_text', text: 'Cancel' },
        style: 'danger',
      }).then(function (yes) { if (yes) deactivate(p.id); });
    });
    return button;
  }

  /** The "You are" menu: choose which person of the team you act as (or deactivate someone else). */
  function switcher(state, as, choose, deactivate) {
    var ahead = state.clock ? state.clock.ahead : 0;
    playgroundNow = function () { return Date.now() + ahead; };
    var sig = as + '|' + ahead + '|' + state.people.map(function (p) { return p.id; }).join(',');
    if (sig === lastSwitcher) return;
    lastSwitcher = sig;
    var root = clear($('switcher'));
    var toggle = el('button', 'switcher-toggle');
    toggle.type = 'button';
    toggle.setAttribute('aria-haspopup', 'listbox');
    toggle.appendChild(el('span', 'switcher-label', 'You are'));
    toggle.appendChild(personRow(state.me));
    var list = el('ul', 'switcher-list');
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    state.people.forEach(function (p) {
      var item = el('li', 'switcher-item' + (p.id === as ? ' is-me' : ''));
      item.setAttribute('role', 'option');
      item.dataset.person = p.id;
      item.appendChild(personRow(p));
      if (p.id !== as && deactivate) item.appendChild(deactivateButton(p, deactivate));
      item.addEventListener('click', function () {
        list.hidden = true;
        if (p.id !== as) choose(p.id);
      });
      list.appendChild(item);
    });
    var tip = el('li', 'switcher-tip', 'Tip: open another tab with ?as=' + (state.people[1] || state.me).id + ' to be two people at once.');
    list.appendChild(tip);
    toggle.addEventListener('click', function (event) {
      event.stopPropagation();
      list.hidden = !list.hidden;
    });
    root.appendChild(toggle);
    root.appendChild(list);
  }

  /** A channel's name as Slack shows it: a lock for a private channel, # for a public one. */
  function channelLabel(c) {
    return (c.isPrivate ? '\uD83D\uDD12 ' : '# ') + c.name;
  }

  function navItem(label, active, onClick, extra) {
    var item = el('button', 'nav-item' + (active ? ' is-active' : ''));
    item.type = 'button';
    item.appendChild(el('span', 'nav-label', label));
    if (extra) item.appendChild(extra);
    item.addEventListener('click', onClick);
    return item;
  }

  /** The sidebar: the team's name, its channels, the DM with the bot, the bot's Home tab. */
  function sidebar(state, pane, choose, unreadDms) {
    var root = clear($('sidebar'));
    root.appendChild(el('div', 'team-name', state.team.name));
    root.appendChild(el('div', 'nav-section', 'Channels'));
    state.channels.forEach(function (c) {
      root.appendChild(navItem(channelLabel(c), pane.kind === 'channel' && pane.id === c.id, function () { choose({ kind: 'channel', id: c.id }); }));
    });
    root.appendChild(el('div', 'nav-section', 'Direct messages'));
    var badge = unreadDms > 0 ? el('span', 'nav-count', String(unreadDms)) : null;
    root.appendChild(navItem(state.bot.name, pane.kind === 'dm', function () { choose({ kind: 'dm' }); }, badge));
    root.appendChild(el('div', 'nav-section', 'Apps'));
    root.appendChild(navItem(state.bot.name + ' \u00B7 Home', pane.kind === 'home', function () { choose({ kind: 'home' }); }));
    var note = el('p', 'sidebar-note', 'This is the intervision playground: the real bot, with Slack emulated on this computer. Nothing leaves it.');
    root.appendChild(note);
  }

  /** The conversation's title bar. */
  function header(kind, state, channel) {
    var root = clear($('conv-header'));
    if (kind === 'channel') {
      root.appendChild(el('h1', 'conv-title', channelLabel(channel)));
      root.appendChild(el('span', 'conv-meta', channel.memberCount + ' members'));
    } else if (kind === 'dm') {
      root.appendChild(el('h1', 'conv-title', state.bot.name));
      root.appendChild(el('span', 'conv-meta', 'Messages from the app, only to you'));
    } else {
      root.appendChild(el('h1', 'conv-title', state.bot.name));
      root.appendChild(el('span', 'conv-meta', 'Home'));
    }
  }

  /** For developers: what Slack would have refused or shown as an error. */
  function violations(list) {
    var root = clear($('violations'));
    root.hidden = list.length === 0;
    if (!list.length) return;
    var details = el('details', 'violations');
    details.appendChild(el('summary', '', 'Slack would have refused ' + list.length + (list.length === 1 ? ' call' : ' calls') + ' (details for developers)'));
    var ul = el('ul');
    list.forEach(function (v) { ul.appendChild(el('li', '', v.source + ': ' + v.error + (v.details.length ? ' \u2014 ' + v.details.join('; ') : ''))); });
    details.appendChild(ul);
    root.appendChild(details);
  }

  var CLOCK_MOVES = [['hour', '+1 hour'], ['day', '+1 day'], ['next', 'To the next deadline'], ['meeting', 'To the next meeting']];
  var lastClock = null;

  /**
   * The playground's time and the buttons that move it, so an asynchronous
   * session's reminders and deadlines can be seen in minutes. Shown in the
   * viewer's time zone, as Slack shows dates.
   */
  function clock(state, move) {
    var root = $('clock');
    if (!state.clock) {
      root.hidden = true;
      return;
    }
    var when = new Intl.DateTimeFormat('en-GB', { timeZone: state.me.tz, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(state.clock.now));
    var hours = Math.round(state.clock.ahead / 3600000);
    var ahead = hours > 0 ? ' (' + (hours >= 24 ? Math.floor(hours / 24) + 'd ' + (hours % 24) + 'h' : hours + 'h') + ' ahead)' : '';
    var sig = when + ahead;
    if (sig === lastClock) return;
    lastClock = sig;
    clear(root).hidden = false;
    root.appendChild(el('span', 'clock-time', 'Playground time: ' + when + ahead));
    CLOCK_MOVES.forEach(function (m) {
      var button = el('button', 'btn btn-small clock-move', m[1]);
      button.type = 'button';
      button.dataset.move = m[0];
      button.addEventListener('click', function () {
        root.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
        move(m[0]).then(function () { root.querySelectorAll('button').forEach(function (b) { b.disabled = false; }); });
      });
      root.appendChild(button);
    });
  }

  var lastLanguage = null;

  /** The team's Slack language: the creation form, help and the App Home follow it (a session keeps its own). */
  function language(state, choose) {
    var sig = state.language.current;
    if (sig === lastLanguage) return;
    lastLanguage = sig;
    var root = clear($('language'));
    var label = el('label', 'language-label', 'Slack language ');
    var select = el('select', 'language-select');
    select.setAttribute('aria-label', 'Slack language of the demo team');
    state.language.offered.forEach(function (l) {
      var option = el('option', null, l.name);
      option.value = l.code;
      option.selected = l.code === state.language.current;
      select.appendChild(option);
    });
    select.addEventListener('change', function () {
      select.disabled = true;
      choose(select.value).then(function () { select.disabled = false; });
    });
    label.appendChild(select);
    root.appendChild(label);
  }

  // A click elsewhere closes the person menu.
  document.addEventListener('click', function (event) {
    var root = $('switcher');
    var list = root && root.querySelector('.switcher-list');
    if (list && !root.contains(event.target)) list.hidden = true;
  });

  PG.chrome = { switcher: switcher, sidebar: sidebar, header: header, violations: violations, clock: clock, language: language };
})((window.PG = window.PG || {}));
