/*
 * Neck Massage Coach: the web chat page.
 *
 * Web Chat (window.WebChat, served by our own server) talks to a small DirectLine-compatible object
 * defined here instead of the Direct Line service: every user activity is POSTed to /api/webchat and
 * the bot's replies come back in the HTTP response. Plain browser JavaScript, no build step.
 */
(function () {
  'use strict';

  var ENDPOINT = '/api/webchat';
  var STORAGE_KEY = 'neck-massage-coach:session';
  var TRANSCRIPT_KEY = 'neck-massage-coach:transcript';
  /** Enough for a long conversation; sessionStorage holds about 5 MB and a card is about 3 KB. */
  var TRANSCRIPT_LIMIT = 150;
  /** The locales the coach knows (its Alexa locales); anything else is spoken to as en-US. */
  var LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'];
  /** The emergency number to call, by locale; EMERGENCY_DEFAULT where the locale has none here. */
  var EMERGENCY_NUMBERS = {
    'en-US': '911',
    'en-CA': '911',
    'en-GB': '999',
    'en-AU': '000',
    'en-IN': '112',
  };
  var EMERGENCY_DEFAULT = '112';
  /** The most characters a message may have: the server's limit (src/channels/webchat/route.ts). */
  var MAX_TEXT = 4000;
  /** From this many characters the counter shows how many are left. */
  var COUNTER_FROM = 3000;
  var REQUEST_TIMEOUT_MS = 20000;
  var UNREACHABLE = "Sorry, I couldn't reach the coach. Please try again.";
  var RATE_LIMITED =
    'Sorry, that was a lot of messages at once. Please wait a moment and try again.';
  var BOT = { id: 'bot', name: 'Neck Massage Coach', role: 'bot' };

  /* Direct Line connection status codes, as Web Chat expects them. */
  var STATUS = { UNINITIALIZED: 0, CONNECTING: 1, ONLINE: 2, FAILED_TO_CONNECT: 4, ENDED: 5 };

  /** The page's words that do not come from the coach. */
  var TEXT = {
    timerStart: 'Start the {seconds}-second hold',
    timerPause: 'Pause the hold',
    timerResume: 'Resume the hold',
    timerAgain: 'Hold again',
    timerLabel: 'Hold timer',
    timerStarted: 'Hold for {seconds} seconds.',
    timerLeft: '{seconds} seconds left.',
    timerPaused: 'Hold paused.',
    timerDone: 'Time is up. Gently release.',
    progress: 'Routine progress',
    call: 'Call {number}',
    callHint: 'Emergency number',
    voice: 'Voice',
    voiceLabel: 'Read the coach’s replies aloud',
    micLabel: 'Speak to the coach',
    micListening: 'Listening…',
    charactersLeft: '{left} of {max} characters left',
    atLimit: 'That is the most one message can hold ({max} characters).',
  };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  /** Light and dark colours for Web Chat and the cards; the page chrome has its own in style.css. */
  var PALETTES = {
    light: {
      accent: '#0f766e',
      accentStrong: '#115e59',
      ink: '#1c2b29',
      subtle: '#586b68',
      line: '#d5e4e1',
      mist: '#e6f3f1',
      surface: '#ffffff',
      emphasis: '#f1f7f6',
      track: '#d5e4e1',
      onAccent: '#ffffff',
      userBubble: '#0f766e',
      warningBg: '#fff6e5',
      warningInk: '#3d2a00',
      warningTitle: '#7a3e00',
      emergencyBg: '#b42318',
      emergencyInk: '#ffffff',
    },
    dark: {
      accent: '#5eead4',
      accentStrong: '#99f6e4',
      ink: '#e4eeec',
      subtle: '#a7bab7',
      line: '#2f4441',
      mist: '#1d3532',
      surface: '#172321',
      emphasis: '#1d2c2a',
      track: '#34504c',
      onAccent: '#062925',
      userBubble: '#0f766e',
      warningBg: '#3b2a07',
      warningInk: '#fdebc4',
      warningTitle: '#fcd68a',
      emergencyBg: '#9b1c13',
      emergencyInk: '#ffffff',
    },
  };

  function botAvatar() {
    return (
      'data:image/svg+xml,' +
      encodeURIComponent(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
          '<circle cx="16" cy="16" r="16" fill="#0f766e"/><circle cx="16" cy="10.6" r="4" fill="#fff"/>' +
          '<path d="M14.1 15.3h3.8v2.5c3.6.5 6.5 2.4 6.5 6.2H7.6c0-3.8 2.9-5.7 6.5-6.2z" fill="#fff"/>' +
          '<path d="M10.8 13.8c-.9 1-.9 2.7 0 3.7M21.2 13.8c.9 1 .9 2.7 0 3.7" stroke="#7ee8d6"' +
          ' stroke-width="1.4" fill="none" stroke-linecap="round"/></svg>',
      )
    );
  }

  /* ---------- ids and the session kept across reloads ---------- */

  function randomId(prefix) {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 0x100).toString(16).slice(1);
    return prefix + hex;
  }

  function loadSession() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || 'null');
      if (
        saved &&
        typeof saved.userID === 'string' &&
        typeof saved.conversationID === 'string' &&
        /^[\w-]{1,100}$/.test(saved.userID) &&
        /^[\w-]{1,100}$/.test(saved.conversationID)
      ) {
        return saved;
      }
    } catch (_err) {
      /* storage unavailable or corrupt: start afresh */
    }
    var session = { userID: randomId('user-'), conversationID: randomId('conv-') };
    try {
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch (_err) {
      /* private mode: the conversation lasts as long as the page */
    }
    return session;
  }

  /** The browser's language tags, as language-REGION ('en-GB'). */
  function browserLocales() {
    return (navigator.languages && navigator.languages.length ? navigator.languages : [])
      .concat([navigator.language || ''])
      .map(function (tag) {
        var parts = String(tag).split(/[-_]/);
        return parts.length > 1 ? parts[0].toLowerCase() + '-' + parts[1].toUpperCase() : '';
      })
      .filter(Boolean);
  }

  /** The browser's first English locale the coach knows (en-AU, en-GB…), else en-US. */
  function pageLocale() {
    var wanted = browserLocales();
    for (var i = 0; i < wanted.length; i++) {
      if (LOCALES.indexOf(wanted[i]) >= 0) return wanted[i];
    }
    return 'en-US';
  }

  /** Where the person is, as their browser says (its first tag), else the reply's locale. */
  function emergencyNumber(replyLocale) {
    var locale = browserLocales()[0] || replyLocale;
    return EMERGENCY_NUMBERS[locale] || EMERGENCY_DEFAULT;
  }

  /** The activities shown in this conversation, kept in sessionStorage so a reload shows them again. */
  function createTranscriptStore(conversationID) {
    var key = TRANSCRIPT_KEY + ':' + conversationID;
    var saved = [];
    try {
      var parsed = JSON.parse(window.sessionStorage.getItem(key) || '[]');
      if (Array.isArray(parsed)) {
        saved = parsed.filter(function (a) {
          return (
            a &&
            typeof a === 'object' &&
            a.type === 'message' &&
            typeof a.id === 'string' &&
            typeof a.timestamp === 'string' &&
            a.from &&
            (a.from.role === 'bot' || a.from.role === 'user')
          );
        });
      }
    } catch (_err) {
      /* corrupt or unavailable: start with an empty transcript */
    }
    return {
      restored: saved.slice(),
      add: function (activity) {
        if (activity.type !== 'message') return;
        saved.push(activity);
        if (saved.length > TRANSCRIPT_LIMIT) saved = saved.slice(-TRANSCRIPT_LIMIT);
        try {
          window.sessionStorage.setItem(key, JSON.stringify(saved));
        } catch (_err) {
          /* full or private mode: the transcript lasts as long as the page */
        }
      },
    };
  }

  /* ---------- a minimal Observable / Subject ---------- */

  function toObserver(observerOrNext, error, complete) {
    if (observerOrNext && typeof observerOrNext === 'object') return observerOrNext;
    return { next: observerOrNext, error: error, complete: complete };
  }

  function call(observer, method, value) {
    var fn = observer && observer[method];
    if (typeof fn !== 'function') return;
    try {
      fn.call(observer, value);
    } catch (err) {
      window.setTimeout(function () {
        throw err;
      });
    }
  }

  /** A multicast subject; with `initial`, new subscribers get the current value first (like BehaviorSubject). */
  function createSubject(options) {
    var observers = [];
    var closed = false;
    var hasValue = options && 'initial' in options;
    var current = hasValue ? options.initial : undefined;
    var onFirstSubscribe = options && options.onFirstSubscribe;

    return {
      get value() {
        return current;
      },
      next: function (value) {
        if (closed) return;
        current = value;
        hasValue = true;
        observers.slice().forEach(function (o) {
          call(o, 'next', value);
        });
      },
      complete: function () {
        if (closed) return;
        closed = true;
        observers.slice().forEach(function (o) {
          call(o, 'complete');
        });
        observers = [];
      },
      observable: {
        subscribe: function (observerOrNext, error, complete) {
          var observer = toObserver(observerOrNext, error, complete);
          var subscription = {
            closed: false,
            unsubscribe: function () {
              subscription.closed = true;
              observers = observers.filter(function (o) {
                return o !== observer;
              });
            },
          };
          if (closed) {
            call(observer, 'complete');
            subscription.closed = true;
            return subscription;
          }
          observers.push(observer);
          if (hasValue && options && 'initial' in options) call(observer, 'next', current);
          if (onFirstSubscribe) {
            var start = onFirstSubscribe;
            onFirstSubscribe = null;
            start();
          }
          return subscription;
        },
      },
    };
  }

  /** An Observable that emits one value later, then completes. */
  function single(promise) {
    return {
      subscribe: function (observerOrNext, error, complete) {
        var observer = toObserver(observerOrNext, error, complete);
        var active = true;
        promise.then(
          function (value) {
            if (!active) return;
            call(observer, 'next', value);
            call(observer, 'complete');
          },
          function (err) {
            if (active) call(observer, 'error', err);
          },
        );
        return {
          unsubscribe: function () {
            active = false;
          },
        };
      },
    };
  }

  /* ---------- the DirectLine-compatible connection ---------- */

  /** The words a card button stands for: Teams-style imBack data, or a plain { text }. */
  function buttonWords(value) {
    if (!value || typeof value !== 'object') return undefined;
    if (value.msteams && typeof value.msteams.value === 'string') return value.msteams.value;
    return typeof value.text === 'string' ? value.text : undefined;
  }

  /**
   * hooks: onStatus(code); transcript (createTranscriptStore); decorate(botActivity) returns what
   * to show; onActivity(activity, live) after one is shown (live: false for a restored one).
   */
  function createConnection(session, locale, hooks) {
    var onStatus = hooks.onStatus;
    var lastTime = 0;
    var queue = Promise.resolve();
    var ended = false;

    /** Timestamps that never go backwards, so Web Chat keeps replies after the message they answer. */
    function stamp(existing) {
      var at = existing ? Date.parse(existing) : NaN;
      if (!(at > lastTime)) at = Math.max(Date.now(), lastTime + 1);
      lastTime = at;
      return new Date(at).toISOString();
    }

    var status = createSubject({ initial: STATUS.UNINITIALIZED });
    var activities = createSubject({
      onFirstSubscribe: function () {
        window.setTimeout(connect, 0);
      },
    });

    function setStatus(value) {
      if (status.value === value || ended) return;
      status.next(value);
      onStatus(value);
    }

    function emitFromBot(activity, replyToId) {
      var out = Object.assign({}, activity, {
        id: activity.id || randomId('bot-'),
        timestamp: stamp(activity.timestamp),
        from: BOT,
        recipient: { id: session.userID, role: 'user' },
      });
      // The server's replyToId names an id this page never saw; Web Chat would hold the reply back
      // for 5 s waiting for it. Point it at the message we actually showed (or drop it).
      if (replyToId) out.replyToId = replyToId;
      else delete out.replyToId;
      show(hooks.decorate(out));
    }

    function show(activity) {
      hooks.transcript.add(activity);
      activities.next(activity);
      hooks.onActivity(activity, true);
    }

    function apologise(text, retryWords) {
      var activity = {
        type: 'message',
        text: text,
        textFormat: 'plain',
        inputHint: 'expectingInput',
      };
      if (retryWords) {
        activity.suggestedActions = {
          to: [],
          actions: [{ type: 'imBack', title: 'Try again', value: retryWords }],
        };
      }
      emitFromBot(activity);
    }

    function showTyping() {
      activities.next({
        type: 'typing',
        id: randomId('typing-'),
        timestamp: stamp(),
        from: BOT,
      });
    }

    /** POSTs one activity; resolves with the bot's activities or rejects with a user-facing message. */
    function send(body) {
      var controller = typeof AbortController === 'function' ? new AbortController() : null;
      var timer = controller
        ? window.setTimeout(function () {
            controller.abort();
          }, REQUEST_TIMEOUT_MS)
        : 0;
      var payload = Object.assign(
        {
          from: { id: session.userID },
          conversation: { id: session.conversationID },
          locale: locale,
        },
        body,
      );
      return window
        .fetch(ENDPOINT, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(payload),
          credentials: 'same-origin',
          signal: controller ? controller.signal : undefined,
        })
        .then(function (response) {
          if (response.status === 429) throw new Error(RATE_LIMITED);
          if (!response.ok) throw new Error(UNREACHABLE);
          return response.json();
        })
        .then(
          function (json) {
            window.clearTimeout(timer);
            if (!json || !Array.isArray(json.activities)) throw new Error(UNREACHABLE);
            return json.activities.filter(function (a) {
              return a && typeof a === 'object';
            });
          },
          function (err) {
            window.clearTimeout(timer);
            throw new Error(err && err.message === RATE_LIMITED ? RATE_LIMITED : UNREACHABLE);
          },
        );
    }

    /** Runs POSTs one at a time so replies always arrive in the order messages were sent. */
    function enqueue(task) {
      var result = queue.then(task, task);
      queue = result.catch(function () {});
      return result;
    }

    function exchange(body, replyToId, retryWords) {
      return enqueue(function () {
        if (ended) return undefined;
        var typing = window.setTimeout(showTyping, 300);
        return send(body).then(
          function (replies) {
            window.clearTimeout(typing);
            if (ended) return;
            restore();
            onStatus(STATUS.ONLINE);
            replies.forEach(function (reply) {
              emitFromBot(reply, replyToId);
            });
          },
          function (err) {
            window.clearTimeout(typing);
            if (ended) return;
            restore();
            if (err.message !== RATE_LIMITED) onStatus(STATUS.FAILED_TO_CONNECT);
            apologise(err.message, retryWords);
          },
        );
      });
    }

    var restored = false;

    /**
     * What this conversation showed before a reload, as it was, just before the coach's first
     * answer (emitted any earlier, while Web Chat is still taking the connection, they are lost).
     */
    function restore() {
      if (restored) return;
      restored = true;
      hooks.transcript.restored.forEach(function (activity) {
        stamp(activity.timestamp);
        activities.next(activity);
        hooks.onActivity(activity, false);
      });
    }

    function connect() {
      if (ended) return;
      setStatus(STATUS.CONNECTING);
      setStatus(STATUS.ONLINE);
      // Joining asks the coach for its welcome (or an offer to pick up a routine after a reload).
      void exchange({ type: 'event', name: 'webchat/join' });
    }

    function postActivity(activity) {
      var id = randomId('user-act-');
      if (ended) return single(Promise.reject(new Error('connection ended')));
      if (activity.type === 'typing') return single(Promise.resolve(id));

      var words = activity.text || buttonWords(activity.value);
      var echo = Object.assign({}, activity, {
        id: id,
        timestamp: stamp(),
        from: { id: session.userID, name: activity.from && activity.from.name, role: 'user' },
      });
      // A card button (Action.Submit, posted by Web Chat as a hidden postBack) reads like Teams'
      // imBack: show the words it stands for as the user's message.
      if (!activity.text && words && echo.channelData && echo.channelData.postBack) {
        echo.text = words;
        echo.channelData = Object.assign({}, echo.channelData);
        delete echo.channelData.postBack;
      }
      if (echo.type === 'message') show(echo);
      else activities.next(echo);

      if (activity.type !== 'message') return single(Promise.resolve(id));
      // Our id travels with the message: replies point back to it and a resend is answered once.
      var body = { type: 'message', id: id };
      if (typeof activity.text === 'string' && activity.text) body.text = activity.text;
      if (activity.value !== undefined) body.value = activity.value;
      return single(
        exchange(body, id, words).then(function () {
          return id;
        }),
      );
    }

    return {
      activity$: activities.observable,
      connectionStatus$: status.observable,
      postActivity: postActivity,
      end: function () {
        if (ended) return;
        setStatus(STATUS.ENDED);
        ended = true;
        activities.complete();
        status.complete();
      },
    };
  }

  /* ---------- page chrome ---------- */

  function statusIndicator() {
    var root = document.getElementById('status');
    var label = document.getElementById('status-label');
    return function (value) {
      if (!root || !label) return;
      var state =
        value === STATUS.ONLINE ? 'online' : value === STATUS.CONNECTING ? 'connecting' : 'offline';
      root.setAttribute('data-state', state);
      label.textContent =
        state === 'online' ? 'Online' : state === 'connecting' ? 'Connecting…' : 'Offline';
    };
  }

  var FONT =
    "'Inter', 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Roboto, 'Liberation Sans', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'";

  function styleOptions(c) {
    return {
      accent: c.accent,
      backgroundColor: 'transparent',
      subtle: c.subtle,
      primaryFont: FONT,
      paddingRegular: 10,
      paddingWide: 18,
      rootHeight: '100%',
      rootWidth: '100%',

      botAvatarImage: botAvatar(),
      botAvatarInitials: 'Coach', // also how screen readers name the bot ("Bot Coach said")
      botAvatarBackgroundColor: '#0f766e',
      avatarSize: 36,
      showAvatarInGroup: 'sender',

      bubbleBackground: c.surface,
      bubbleBorderColor: c.line,
      bubbleBorderRadius: 16,
      bubbleBorderWidth: 1,
      bubbleTextColor: c.ink,
      bubbleMinHeight: 40,
      bubbleMaxWidth: 560,
      bubbleMinWidth: 120,
      bubbleFromUserBackground: c.userBubble,
      bubbleFromUserBorderColor: c.userBubble,
      bubbleFromUserBorderRadius: 16,
      bubbleFromUserBorderWidth: 1,
      bubbleFromUserTextColor: '#ffffff',

      suggestedActionLayout: 'flow',
      suggestedActionHeight: 38,
      suggestedActionBorderRadius: 19,
      suggestedActionBorderWidth: 1,
      suggestedActionBorderColor: c.accent,
      suggestedActionBackgroundColor: c.surface,
      suggestedActionTextColor: c.accentStrong,
      suggestedActionBackgroundColorOnHover: c.mist,
      suggestedActionBackgroundColorOnActive: c.mist,
      suggestedActionKeyboardFocusIndicatorBorderColor: c.accentStrong,
      suggestedActionKeyboardFocusIndicatorBorderRadius: 16,

      sendBoxBackground: c.surface,
      sendBoxTextColor: c.ink,
      sendBoxPlaceholderColor: c.subtle,
      sendBoxHeight: 56,
      sendBoxBorderTop: 'solid 1px ' + c.line,
      sendBoxButtonColor: c.accent,
      sendBoxButtonColorOnHover: c.accentStrong,
      sendBoxButtonShadeColorOnHover: c.mist,
      sendBoxButtonShadeBorderRadius: 10,
      hideUploadButton: true,

      timestampColor: c.subtle,
      timestampFormat: 'relative',
      groupTimestamp: 120000,

      cardEmphasisBackgroundColor: c.emphasis,
      cardPushButtonBackgroundColor: c.accent,
      cardPushButtonTextColor: c.onAccent,
      richCardWrapTitle: true,

      typingAnimationDuration: 20000,
      scrollToEndButtonBehavior: 'unread',
      transcriptOverlayButtonBackground: '#0f766e',
      transcriptOverlayButtonBackgroundOnHover: '#115e59',
      transcriptOverlayButtonBackgroundOnFocus: '#115e59',
      transitionDuration: '.15s',
    };
  }

  /** Foreground colours for text on one container background; `title` colours Attention text. */
  function foreground(base, subtle, accent, title) {
    return {
      default: { default: base, subtle: subtle },
      accent: { default: accent, subtle: accent },
      attention: { default: title, subtle: title },
      good: { default: base, subtle: base },
      warning: { default: title, subtle: title },
      dark: { default: base, subtle: base },
      light: { default: base, subtle: base },
    };
  }

  /** Adaptive Cards in the coach's colours: amber precautions, a strong red emergency. */
  function hostConfig(c) {
    return {
      supportsInteractivity: true,
      fontFamily: FONT,
      fontSizes: { small: 13, default: 15, medium: 17, large: 20, extraLarge: 24 },
      spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 14 },
      containerStyles: {
        default: {
          backgroundColor: c.surface,
          foregroundColors: foreground(c.ink, c.subtle, c.accentStrong, c.ink),
        },
        emphasis: {
          backgroundColor: c.emphasis,
          foregroundColors: foreground(c.ink, c.subtle, c.accentStrong, c.ink),
        },
        // The routine progress bar: filled segments (accent) and the rest (good, as a track).
        accent: {
          backgroundColor: c.accent,
          foregroundColors: foreground(c.onAccent, c.onAccent, c.onAccent, c.onAccent),
        },
        good: {
          backgroundColor: c.track,
          foregroundColors: foreground(c.ink, c.subtle, c.ink, c.ink),
        },
        warning: {
          backgroundColor: c.warningBg,
          foregroundColors: foreground(c.warningInk, c.warningInk, c.warningInk, c.warningTitle),
        },
        attention: {
          backgroundColor: c.emergencyBg,
          foregroundColors: foreground(
            c.emergencyInk,
            c.emergencyInk,
            c.emergencyInk,
            c.emergencyInk,
          ),
        },
      },
      actions: {
        actionsOrientation: 'horizontal',
        actionAlignment: 'stretch',
        buttonSpacing: 8,
        maxActions: 6,
        spacing: 'medium',
        showCard: { actionMode: 'inline', inlineTopMargin: 8 },
      },
      adaptiveCard: { allowCustomStyle: true },
      textBlock: { headingLevel: 2 },
    };
  }

  /* ---------- the coach's cards, made to coach on this page ---------- */

  function adaptiveCardOf(activity) {
    var attachment = activity.attachments && activity.attachments[0];
    if (!attachment || attachment.contentType !== 'application/vnd.microsoft.card.adaptive')
      return undefined;
    var content = attachment.content;
    return content && typeof content === 'object' && Array.isArray(content.body)
      ? content
      : undefined;
  }

  /** A prefix for the ids of one card's elements (unique in the page, valid in a selector). */
  function cardKey(activity) {
    return 'coach-' + String(activity.id).replace(/[^\w-]/g, '_');
  }

  function kindOf(activity) {
    var data = activity.channelData || {};
    var kind = data.outcome && data.outcome.kind;
    if (kind === 'emergency' || kind === 'precaution') return kind;
    return data.routine && data.routine.total > 0 ? 'step' : 'other';
  }

  /** A row of segments, one per step, filled up to this one (the "Step 2 of 6" label stays). */
  function progressBar(id, step, total) {
    var columns = [];
    for (var i = 1; i <= total; i++) {
      columns.push({
        type: 'Column',
        width: 'stretch',
        minHeight: '6px',
        style: i <= step ? 'accent' : 'good',
        items: [],
      });
    }
    return { type: 'ColumnSet', id: id, columns: columns, spacing: 'Small' };
  }

  /** Next is the primary button and Stop stands apart; there is no Back from the first step. */
  function stepActions(actions, step) {
    return actions
      .filter(function (action) {
        return !(step === 1 && action.data && action.data.text === 'back');
      })
      .map(function (action) {
        var words = action.data && action.data.text;
        if (words === 'next') return Object.assign({}, action, { style: 'positive' });
        if (words === 'stop') return Object.assign({}, action, { style: 'destructive' });
        return action;
      });
  }

  /** The bot's activity as this page shows it: ids to find the card by, a progress bar, button roles. */
  function decorate(activity) {
    var card = adaptiveCardOf(activity);
    if (!card) return activity;
    var key = cardKey(activity);
    var kind = kindOf(activity);
    var body = card.body.map(function (element) {
      return Object.assign({}, element);
    });
    var actions = Array.isArray(card.actions) ? card.actions : [];
    if (body[0]) body[0].id = key + '-card';
    if (kind === 'step') {
      var routine = activity.channelData.routine;
      var label = body.findIndex(function (e) {
        return e.type === 'TextBlock' && e.isSubtle;
      });
      if (label > 0)
        body.splice(label + 1, 0, progressBar(key + '-progress', routine.step, routine.total));
      var hold = body.findIndex(function (e) {
        return e.type === 'TextBlock' && e.color === 'Accent';
      });
      if (hold > 0 && activity.channelData.hold) body[hold].id = key + '-hold';
      actions = stepActions(actions, routine.step);
    } else if (kind === 'precaution' || kind === 'emergency') {
      // The coloured panel reaches the card's edges: no box inside the bubble's box.
      if (body[0] && body[0].type === 'Container') body[0].bleed = true;
    }
    var content = Object.assign({}, card, { body: body, actions: actions });
    return Object.assign({}, activity, {
      attachments: [Object.assign({}, activity.attachments[0], { content: content })],
    });
  }

  /* ---------- the hold timer ---------- */

  /** A countdown for one step's hold; `view` is attached to the card while the step is current. */
  function createHoldTimer(seconds) {
    var left = seconds;
    var endsAt = 0;
    var ticking = 0;
    var state = 'ready';

    var view = document.createElement('div');
    view.className = 'coach-timer';
    var face = document.createElement('div');
    face.className = 'coach-timer__face';
    face.setAttribute('role', 'timer');
    face.setAttribute('aria-label', TEXT.timerLabel);
    var track = document.createElement('div');
    track.className = 'coach-timer__track';
    track.setAttribute('aria-hidden', 'true');
    var bar = document.createElement('div');
    bar.className = 'coach-timer__fill';
    track.appendChild(bar);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'coach-timer__toggle';
    var announcer = document.createElement('span');
    announcer.className = 'visually-hidden';
    announcer.setAttribute('aria-live', 'polite');
    view.appendChild(face);
    view.appendChild(track);
    view.appendChild(button);
    view.appendChild(announcer);

    function render() {
      var whole = Math.ceil(left);
      face.textContent = '0:' + (whole < 10 ? '0' : '') + whole;
      bar.style.width = ((seconds - left) / seconds) * 100 + '%';
      view.setAttribute('data-state', state);
      button.textContent =
        state === 'running'
          ? TEXT.timerPause
          : state === 'paused'
            ? TEXT.timerResume
            : state === 'done'
              ? TEXT.timerAgain
              : fill(TEXT.timerStart, { seconds: seconds });
    }

    function announce(text) {
      announcer.textContent = text;
    }

    function tick() {
      left = Math.max(0, (endsAt - Date.now()) / 1000);
      var before = Math.ceil(left + 1);
      if (left <= 0) {
        state = 'done';
        ticking = 0;
        announce(TEXT.timerDone);
      } else {
        if (Math.ceil(left) === 5 && before !== 5 && seconds > 5)
          announce(fill(TEXT.timerLeft, { seconds: 5 }));
        ticking = window.setTimeout(tick, Math.min(250, left * 1000));
      }
      render();
    }

    var timer = {
      view: view,
      start: function () {
        if (state === 'running') return;
        if (state === 'done') left = seconds;
        endsAt = Date.now() + left * 1000;
        state = 'running';
        announce(fill(TEXT.timerStarted, { seconds: Math.ceil(left) }));
        render();
        ticking = window.setTimeout(tick, 250);
      },
      pause: function () {
        if (state !== 'running') return;
        window.clearTimeout(ticking);
        left = Math.max(0, (endsAt - Date.now()) / 1000);
        state = 'paused';
        announce(TEXT.timerPaused);
        render();
      },
      stop: function () {
        window.clearTimeout(ticking);
        if (state === 'running') state = 'paused';
        render();
      },
    };
    button.addEventListener('click', function () {
      if (state === 'running') timer.pause();
      else timer.start();
    });
    render();
    return timer;
  }

  /* ---------- the cards on screen: live buttons, timer, call button ---------- */

  function phoneIcon() {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute(
      'd',
      'M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1z',
    );
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    return svg;
  }

  function alertIcon() {
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'coach-emergency__icon');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute(
      'd',
      'M12 2.5 1.5 21h21L12 2.5zm0 5.2 6.8 11.8H5.2L12 7.7zm-1 3.8v4.2h2v-4.2h-2zm0 5.4v2h2v-2h-2z',
    );
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    return svg;
  }

  function callButton(number) {
    var link = document.createElement('a');
    link.className = 'coach-call';
    link.href = 'tel:' + number;
    link.appendChild(phoneIcon());
    var label = document.createElement('span');
    label.textContent = fill(TEXT.call, { number: number });
    link.appendChild(label);
    return link;
  }

  /**
   * Keeps the shown cards in step with the conversation: only the latest card's buttons work (a
   * step card's only while its routine is on), the current step has its timer, an emergency card
   * its call button. Re-applied whenever Web Chat redraws.
   */
  function createCardKeeper(locale) {
    var cards = [];
    var routineOn = false;
    var scheduled = false;

    function disable(root, off) {
      var buttons = root.querySelectorAll('.ac-pushButton');
      for (var i = 0; i < buttons.length; i++) {
        if (buttons[i].disabled !== off) buttons[i].disabled = off;
        if (off) buttons[i].setAttribute('aria-disabled', 'true');
        else buttons[i].removeAttribute('aria-disabled');
      }
    }

    function apply() {
      scheduled = false;
      var latest = cards[cards.length - 1];
      cards.forEach(function (entry) {
        var first = document.getElementById(entry.key + '-card');
        var root = first && first.closest('.ac-adaptiveCard');
        if (!root) return;
        var live = !entry.restored && entry === latest && (entry.kind !== 'step' || routineOn);
        root.classList.add('coach-card', 'coach-card--' + entry.kind);
        if (!live) root.classList.add('coach-card--past');
        else root.classList.remove('coach-card--past');
        disable(root, !live);
        if (entry.kind === 'emergency' && !root.querySelector('.coach-call')) {
          first.insertBefore(alertIcon(), first.firstChild);
          first.appendChild(callButton(emergencyNumber(entry.locale || locale)));
        }
        if (entry.timer) {
          if (!live) entry.timer.stop();
          var hold = document.getElementById(entry.key + '-hold');
          var attached = entry.timer.view.parentNode;
          if (live && hold && attached !== hold.parentNode) {
            hold.parentNode.insertBefore(entry.timer.view, hold.nextSibling);
          } else if (!live && attached) {
            attached.removeChild(entry.timer.view);
          }
        }
      });
    }

    function schedule() {
      if (scheduled) return;
      scheduled = true;
      window.requestAnimationFrame(apply);
    }

    return {
      /** Every activity shown, in order; `live` is false for one restored after a reload (history). */
      add: function (activity, live) {
        if (!activity.from || activity.from.role !== 'bot') return;
        var data = activity.channelData || {};
        if (data.outcome) routineOn = !!data.routine;
        if (adaptiveCardOf(activity)) {
          var hold = live && data.hold && data.hold.seconds > 0 ? data.hold.seconds : 0;
          cards.push({
            key: cardKey(activity),
            kind: kindOf(activity),
            locale: LOCALES.indexOf(activity.locale) >= 0 ? activity.locale : undefined,
            activity: activity,
            restored: !live,
            timer: hold ? createHoldTimer(hold) : undefined,
          });
        }
        schedule();
      },
      /** The current step's timer, when the latest card is a step with a hold. */
      timerFor: function (activity) {
        var latest = cards[cards.length - 1];
        return latest && latest.activity === activity ? latest.timer : undefined;
      },
      observe: function (element) {
        new MutationObserver(schedule).observe(element, { childList: true, subtree: true });
      },
    };
  }

  /* ---------- voice mode: the browser's own speech, no cloud ---------- */

  /** Markdown as plain words, for activities that carry no speech parts (the page's own apologies). */
  function plainWords(text) {
    return String(text || '')
      .replace(/[*_`#>]/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\s+/g, ' ')
      .trim();
  }

  function speechPartsOf(activity) {
    var parts = activity.channelData && activity.channelData.speech;
    if (Array.isArray(parts)) {
      return parts.filter(function (p) {
        return (
          p &&
          ((typeof p.say === 'string' && p.say) ||
            (typeof p.pauseSeconds === 'number' && p.pauseSeconds > 0))
        );
      });
    }
    var words = plainWords(activity.text);
    return words ? [{ say: words }] : [];
  }

  /**
   * Speaks the coach's replies in order, waiting through a hold's pauses (and running its timer) as
   * Alexa does; listens for one utterance on the microphone. hooks: send(text), timerFor(activity),
   * onChange(state).
   */
  function createVoice(ponyfill, locale, hooks) {
    var synthesis = ponyfill && ponyfill.speechSynthesis;
    var Utterance = ponyfill && ponyfill.SpeechSynthesisUtterance;
    var Recognition = ponyfill && ponyfill.SpeechRecognition;
    var queue = [];
    var speaking = false;
    var generation = 0;
    var pause = 0;
    var recognition = null;
    var state = { enabled: false, listening: false, handsFree: false };

    function changed() {
      hooks.onChange(state);
    }

    function next() {
      if (queue.length === 0) {
        speaking = false;
        if (state.enabled && state.handsFree && !state.listening) listen();
        return;
      }
      speaking = true;
      var item = queue.shift();
      var mine = generation;
      var done = function () {
        if (mine === generation) next();
      };
      if ('say' in item.part) {
        var utterance = new Utterance(item.part.say);
        utterance.lang = locale;
        utterance.onend = done;
        utterance.onerror = done;
        synthesis.speak(utterance);
      } else {
        var timer = hooks.timerFor(item.activity);
        if (timer && !item.timed) timer.start();
        pause = window.setTimeout(done, item.part.pauseSeconds * 1000);
      }
    }

    function silence() {
      generation++;
      queue = [];
      speaking = false;
      window.clearTimeout(pause);
      if (synthesis) synthesis.cancel();
    }

    function listen() {
      if (!Recognition || state.listening) return;
      silence();
      recognition = new Recognition();
      recognition.lang = locale;
      recognition.interimResults = false;
      recognition.continuous = false;
      recognition.maxAlternatives = 1;
      var heard = false;
      recognition.onresult = function (event) {
        var result = event.results[event.resultIndex || 0];
        if (!result || result.isFinal === false || !result[0]) return;
        var words = String(result[0].transcript || '').trim();
        if (!words || heard) return;
        heard = true;
        hooks.send(words);
      };
      recognition.onend = function () {
        state.listening = false;
        if (!heard) state.handsFree = false;
        changed();
      };
      recognition.onerror = recognition.onend;
      state.listening = true;
      state.handsFree = true;
      changed();
      recognition.start();
    }

    return {
      canSpeak: !!(synthesis && Utterance),
      canListen: !!Recognition,
      state: state,
      setEnabled: function (on) {
        state.enabled = !!on;
        if (!on) {
          silence();
          state.handsFree = false;
        }
        changed();
      },
      /** A coach reply just shown (not one restored after a reload). */
      speak: function (activity) {
        if (!state.enabled || !this.canSpeak) return;
        var timed = false;
        speechPartsOf(activity).forEach(function (part) {
          queue.push({ part: part, activity: activity, timed: timed });
          if ('pauseSeconds' in part) timed = true;
        });
        if (!speaking) next();
      },
      /** The person said or typed something: stop talking over them. */
      interrupt: silence,
      toggleListening: function () {
        if (state.listening) {
          state.handsFree = false;
          if (recognition) recognition.stop();
        } else {
          listen();
        }
      },
    };
  }

  function voiceControls(voice) {
    var toggle = document.getElementById('voice-toggle');
    var mic = document.getElementById('voice-mic');
    var toggleLabel = document.getElementById('voice-toggle-label');
    var micLabel = document.getElementById('voice-mic-label');
    if (!toggle || !mic) return function () {};
    toggle.title = TEXT.voiceLabel;
    mic.setAttribute('aria-label', TEXT.micLabel);
    mic.title = TEXT.micLabel;
    toggle.hidden = !voice.canSpeak;
    mic.hidden = !voice.canListen;
    toggle.addEventListener('click', function () {
      voice.setEnabled(!voice.state.enabled);
    });
    mic.addEventListener('click', function () {
      voice.toggleListening();
    });
    return function (state) {
      toggle.setAttribute('aria-pressed', state.enabled ? 'true' : 'false');
      if (toggleLabel) toggleLabel.textContent = TEXT.voice;
      mic.setAttribute('aria-pressed', state.listening ? 'true' : 'false');
      if (micLabel) micLabel.textContent = state.listening ? TEXT.micListening : '';
    };
  }

  /* ---------- message length ---------- */

  /**
   * The send box takes no more than the server accepts (typing and pasting stop at the limit) and,
   * near it, a counter says how much room is left, so a long message never ends in an error.
   */
  function lengthLimit(root) {
    var counter = document.getElementById('input-counter');
    function show(input) {
      var length = input.value.length;
      if (!counter) return;
      if (length < COUNTER_FROM) {
        counter.hidden = true;
        counter.textContent = '';
        return;
      }
      counter.hidden = false;
      counter.classList.toggle('chat__counter--full', length >= MAX_TEXT);
      counter.textContent =
        length >= MAX_TEXT
          ? fill(TEXT.atLimit, { max: MAX_TEXT.toLocaleString('en-US') })
          : fill(TEXT.charactersLeft, {
              left: (MAX_TEXT - length).toLocaleString('en-US'),
              max: MAX_TEXT.toLocaleString('en-US'),
            });
    }
    function attach() {
      var input = root.querySelector('[data-id="webchat-sendbox-input"]');
      if (!input || input.getAttribute('maxlength') === String(MAX_TEXT)) return;
      input.setAttribute('maxlength', String(MAX_TEXT));
      input.addEventListener('input', function () {
        show(input);
      });
      show(input);
    }
    attach();
    new MutationObserver(attach).observe(root, { childList: true, subtree: true });
    // Sending empties the box without an input event.
    return function () {
      var input = root.querySelector('[data-id="webchat-sendbox-input"]');
      if (input) show(input);
    };
  }

  /* ---------- start ---------- */

  function start() {
    var element = document.getElementById('webchat');
    var onStatus = statusIndicator();
    if (!window.WebChat || typeof window.WebChat.renderWebChat !== 'function') {
      onStatus(STATUS.FAILED_TO_CONNECT);
      if (element) {
        element.innerHTML =
          '<p class="chat__fallback">The chat could not load. Please refresh the page.</p>';
      }
      return;
    }
    var session = loadSession();
    var locale = pageLocale();
    var keeper = createCardKeeper(locale);
    var store = window.WebChat.createStore();
    var ponyfill =
      typeof window.WebChat.createBrowserWebSpeechPonyfillFactory === 'function'
        ? window.WebChat.createBrowserWebSpeechPonyfillFactory()({})
        : undefined;
    var renderVoice = function () {};
    var voice = createVoice(ponyfill, locale, {
      send: function (text) {
        store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: text } });
      },
      timerFor: keeper.timerFor,
      onChange: function (state) {
        renderVoice(state);
      },
    });
    renderVoice = voiceControls(voice);
    renderVoice(voice.state);

    var directLine = createConnection(session, locale, {
      onStatus: onStatus,
      transcript: createTranscriptStore(session.conversationID),
      decorate: decorate,
      onActivity: function (activity, live) {
        keeper.add(activity, live);
        if (!live) return;
        if (activity.from.role === 'bot') voice.speak(activity);
        else voice.interrupt();
      },
    });

    var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    function render() {
      var colours = dark && dark.matches ? PALETTES.dark : PALETTES.light;
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: store,
          userID: session.userID,
          username: 'You',
          locale: 'en-US',
          styleOptions: styleOptions(colours),
          adaptiveCardsHostConfig: hostConfig(colours),
        },
        element,
      );
    }
    render();
    if (dark && typeof dark.addEventListener === 'function')
      dark.addEventListener('change', render);
    keeper.observe(element);
    var recount = lengthLimit(element);
    store.subscribe(function () {
      recount();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
