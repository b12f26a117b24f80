/* global window, document */
// Slack's mrkdwn, drawn as DOM nodes: *bold*, _italic_, ~strike~, `code`,
// ```pre```, "> " quotes, <links|text>, <@U…> mentions, <#C…> channels and
// <!date^…> in the viewer's own time zone. Text only ever becomes text nodes
// (textContent), never HTML, so nothing a person wrote can inject markup.
(function (PG) {
  'use strict';

  var EMOJI = {
    arrow_forward: '\u25B6\uFE0F', double_vertical_bar: '\u23F8\uFE0F', hourglass: '\u231B', hourglass_flowing_sand: '\u23F3',
    white_check_mark: '\u2705', heavy_check_mark: '\u2714\uFE0F', x: '\u274C', warning: '\u26A0\uFE0F', wave: '\uD83D\uDC4B',
    tada: '\uD83C\uDF89', lock: '\uD83D\uDD12', bulb: '\uD83D\uDCA1', speech_balloon: '\uD83D\uDCAC', raising_hand: '\uD83D\uDE4B',
    thumbsup: '\uD83D\uDC4D', clock1: '\uD83D\uDD50', alarm_clock: '\u23F0', memo: '\uD83D\uDCDD', question: '\u2753',
    star: '\u2B50', sparkles: '\u2728', wastebasket: '\uD83D\uDDD1\uFE0F', bell: '\uD83D\uDD14', pray: '\uD83D\uDE4F',
  };
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

  /** Slack escapes only &, < and >; undo that for display (as text, never as HTML). */
  function decode(s) {
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- dates, in the viewer's time zone --------------------------------------

  function calendar(date, tz) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'long' })
      .formatToParts(date)
      .forEach(function (p) { parts[p.type] = p.value; });
    return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), weekday: parts.weekday };
  }

  function ordinal(n) {
    var tens = n % 100;
    if (tens >= 11 && tens <= 13) return n + 'th';
    return n + ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
  }

  function dayOffset(date, tz, now) {
    var a = calendar(date, tz);
    var b = calendar(now, tz);
    return Math.round((Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(b.y, b.m - 1, b.d)) / 86400000);
  }

  function pretty(date, tz, now, plain) {
    var offset = dayOffset(date, tz, now);
    if (offset === 0) return 'today';
    if (offset === -1) return 'yesterday';
    if (offset === 1) return 'tomorrow';
    return plain;
  }

  function ago(date, now) {
    var seconds = Math.round((date.getTime() - now.getTime()) / 1000);
    var rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    var units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1]) return rtf.format(Math.round(seconds / units[i][1]), units[i][0]);
    }
    return rtf.format(seconds, 'second');
  }

  /** Formats `{date_short_pretty} at {time}` and friends as Slack does, for a reader in `tz`. */
  function formatDate(unix, format, tz, now) {
    var date = new Date(unix * 1000);
    now = now || new Date();
    var c = calendar(date, tz);
    var time = function (secs) {
      var options = { timeZone: tz, hour: 'numeric', minute: '2-digit', hour12: true };
      if (secs) options.second = '2-digit';
      // Newer ICU puts a narrow no-break space before AM/PM; Slack shows a plain space.
      return new Intl.DateTimeFormat('en-US', options).format(date).replace(/\u202f/g, ' ');
    };
    var forms = {
      date_num: c.y + '-' + String(c.m).padStart(2, '0') + '-' + String(c.d).padStart(2, '0'),
      date: MONTHS[c.m - 1] + ' ' + ordinal(c.d) + ', ' + c.y,
      date_short: MONTHS[c.m - 1].slice(0, 3) + ' ' + c.d + ', ' + c.y,
      date_long: c.weekday + ', ' + MONTHS[c.m - 1] + ' ' + ordinal(c.d) + ', ' + c.y,
      time: time(false),
      time_secs: time(true),
      ago: ago(date, now),
    };
    forms.date_pretty = pretty(date, tz, now, forms.date);
    forms.date_short_pretty = pretty(date, tz, now, forms.date_short);
    forms.date_long_pretty = pretty(date, tz, now, forms.date_long);
    return format.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(forms, name) ? forms[name] : whole;
    });
  }

  function dateNode(token, ctx) {
    // !date^unix^format[^link]|fallback
    var bar = token.indexOf('|');
    var head = bar < 0 ? token : token.slice(0, bar);
    var fallback = bar < 0 ? '' : decode(token.slice(bar + 1));
    var parts = head.split('^');
    var unix = Number(parts[1]);
    if (!Number.isFinite(unix) || parts.length < 3) return document.createTextNode(fallback);
    var tz = ctx.tz || 'UTC';
    var node = el('time', 'md-date', formatDate(unix, decode(parts[2]), tz, ctx.now));
    node.dateTime = new Date(unix * 1000).toISOString();
    node.title = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'full', timeStyle: 'long' }).format(new Date(unix * 1000));
    return node;
  }

  // --- <…> tokens -------------------------------------------------------------

  function safeUrl(url) {
    return /^(https?:|mailto:)/i.test(url) ? url : null;
  }

  function tokenNode(token, ctx) {
    var bar = token.indexOf('|');
    var target = bar < 0 ? token : token.slice(0, bar);
    var label = bar < 0 ? '' : token.slice(bar + 1);
    if (target.charAt(0) === '@') {
      var person = ctx.person(target.slice(1));
      var mention = el('span', 'md-mention' + (target.slice(1) === ctx.me ? ' md-mention-me' : ''), '@' + (person ? person.realName : decode(label) || target.slice(1)));
      return mention;
    }
    if (target.charAt(0) === '#') {
      var channel = ctx.channel(target.slice(1));
      return el('span', 'md-channel', '#' + (channel ? channel.name : decode(label) || target.slice(1)));
    }
    if (target.charAt(0) === '!') {
      if (target.indexOf('!date^') === 0) return dateNode(token, ctx);
      if (target.indexOf('!subteam^') === 0) return el('span', 'md-mention', decode(label) || '@group');
      return el('span', 'md-mention', '@' + target.slice(1));
    }
    var url = safeUrl(decode(target));
    if (!url) return document.createTextNode(decode(label || target));
    var a = el('a', 'md-link', decode(label || target));
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  // --- inline formatting ------------------------------------------------------

  var MARKS = { '*': 'strong', _: 'em', '~': 's' };
  var WORD = /[A-Za-z0-9]/;

  function canOpen(text, i) {
    var prev = i === 0 ? '' : text.charAt(i - 1);
    var next = text.charAt(i + 1);
    return (prev === '' || !WORD.test(prev)) && prev !== text.charAt(i) && next !== '' && !/\s/.test(next) && next !== text.charAt(i);
  }

  function findClose(text, i, mark) {
    for (var j = i + 2; j < text.length; j++) {
      var c = text.charAt(j);
      if (c === '\n') return -1;
      if (c === '<') {
        var end = text.indexOf('>', j);
        if (end > 0) j = end;
        continue;
      }
      if (c === mark && !/\s/.test(text.charAt(j - 1)) && (j + 1 === text.length || !WORD.test(text.charAt(j + 1)))) return j;
    }
    return -1;
  }

  function appendText(parent, text) {
    if (!text) return;
    var decoded = decode(text).replace(/:([a-z0-9_+-]+):/g, function (whole, name) {
      return EMOJI[name] || whole;
    });
    parent.appendChild(document.createTextNode(decoded));
  }

  /** Appends `text` (one mrkdwn span) to `parent`, formatting as Slack does. */
  function inline(parent, text, ctx) {
    var plain = '';
    var i = 0;
    while (i < text.length) {
      var c = text.charAt(i);
      if (c === '<') {
        var end = text.indexOf('>', i + 1);
        if (end > i + 1 && text.slice(i + 1, end).indexOf('<') < 0) {
          appendText(parent, plain);
          plain = '';
          parent.appendChild(tokenNode(text.slice(i + 1, end), ctx));
          i = end + 1;
          continue;
        }
      }
      if (c === '`') {
        var close = text.indexOf('`', i + 1);
        if (close > i + 1) {
          appendText(parent, plain);
          plain = '';
          parent.appendChild(el('code', 'md-code', decode(text.slice(i + 1, close))));
          i = close + 1;
          continue;
        }
      }
      if (MARKS[c] && canOpen(text, i)) {
        var j = findClose(text, i, c);
        if (j > 0) {
          appendText(parent, plain);
          plain = '';
          var node = el(MARKS[c]);
          inline(node, text.slice(i + 1, j), ctx);
          parent.appendChild(node);
          i = j + 1;
          continue;
        }
      }
      plain += c;
      i += 1;
    }
    appendText(parent, plain);
  }

  /** Renders a whole mrkdwn text (code blocks, quotes, lines) into a new element. */
  function render(text, ctx, tag) {
    var root = el(tag || 'div', 'md');
    var pieces = String(text).split('```');
    pieces.forEach(function (piece, index) {
      if (index % 2 === 1 && index < pieces.length - 1) {
        root.appendChild(el('pre', 'md-pre', decode(piece.replace(/^\n/, ''))));
        return;
      }
      if (index % 2 === 1) piece = '```' + piece;
      var quote = null;
      piece.split('\n').forEach(function (line, n, lines) {
        var quoted = /^(>|&gt;) ?/.exec(line);
        if (quoted) {
          if (!quote) {
            quote = el('blockquote', 'md-quote');
            root.appendChild(quote);
          } else quote.appendChild(document.createTextNode('\n'));
          inline(quote, line.slice(quoted[0].length), ctx);
          return;
        }
        quote = null;
        inline(root, line, ctx);
        if (n < lines.length - 1) root.appendChild(document.createTextNode('\n'));
      });
    });
    return root;
  }

  /** A text object (plain_text or mrkdwn) as a DOM node. */
  function text(obj, ctx, tag) {
    if (!obj || typeof obj.text !== 'string') return el(tag || 'span');
    if (obj.type === 'mrkdwn') return render(obj.text, ctx, tag || 'span');
    var node = el(tag || 'span', 'plain');
    appendText(node, obj.text.replace(/&/g, '&amp;'));
    return node;
  }

  PG.mrkdwn = { render: render, text: text, formatDate: formatDate, decode: decode, el: el };
})((window.PG = window.PG || {}));
