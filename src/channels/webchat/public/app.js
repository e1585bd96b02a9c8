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
  var LOCALE = 'en-US';
  var STORAGE_KEY = 'neck-massage-coach:session';
  var REQUEST_TIMEOUT_MS = 20000;
  var UNREACHABLE = "Sorry, I couldn't reach the coach. Please try again.";
  var RATE_LIMITED =
    'Sorry, that was a lot of messages at once. Please wait a moment and try again.';
  var BOT = { id: 'bot', name: 'Neck Massage Coach', role: 'bot' };

  /* Direct Line connection status codes, as Web Chat expects them. */
  var STATUS = { UNINITIALIZED: 0, CONNECTING: 1, ONLINE: 2, FAILED_TO_CONNECT: 4, ENDED: 5 };

  var TEAL = '#0f766e';
  var TEAL_DARK = '#115e59';
  var INK = '#1c2b29';
  var SUBTLE = '#586b68';
  var LINE = '#d5e4e1';
  var MIST = '#e6f3f1';
  var BOT_AVATAR =
    'data:image/svg+xml,' +
    encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
        '<circle cx="16" cy="16" r="16" fill="' +
        TEAL +
        '"/><circle cx="16" cy="10.6" r="4" fill="#fff"/>' +
        '<path d="M14.1 15.3h3.8v2.5c3.6.5 6.5 2.4 6.5 6.2H7.6c0-3.8 2.9-5.7 6.5-6.2z" fill="#fff"/>' +
        '<path d="M10.8 13.8c-.9 1-.9 2.7 0 3.7M21.2 13.8c.9 1 .9 2.7 0 3.7" stroke="#7ee8d6"' +
        ' stroke-width="1.4" fill="none" stroke-linecap="round"/></svg>',
    );

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

  function createConnection(session, onStatus) {
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
      activities.next(out);
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
          locale: LOCALE,
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
            onStatus(STATUS.ONLINE);
            replies.forEach(function (reply) {
              emitFromBot(reply, replyToId);
            });
          },
          function (err) {
            window.clearTimeout(typing);
            if (ended) return;
            if (err.message !== RATE_LIMITED) onStatus(STATUS.FAILED_TO_CONNECT);
            apologise(err.message, retryWords);
          },
        );
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
      activities.next(echo);

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

  var styleOptions = {
    accent: TEAL,
    backgroundColor: 'transparent',
    subtle: SUBTLE,
    primaryFont:
      "'Inter', 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Roboto, 'Liberation Sans', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji'",
    paddingRegular: 10,
    paddingWide: 18,
    rootHeight: '100%',
    rootWidth: '100%',

    botAvatarImage: BOT_AVATAR,
    botAvatarInitials: 'Coach', // also how screen readers name the bot ("Bot Coach said")
    botAvatarBackgroundColor: TEAL,
    avatarSize: 36,
    showAvatarInGroup: 'sender',

    bubbleBackground: '#ffffff',
    bubbleBorderColor: LINE,
    bubbleBorderRadius: 16,
    bubbleBorderWidth: 1,
    bubbleTextColor: INK,
    bubbleMinHeight: 40,
    bubbleMaxWidth: 560,
    bubbleMinWidth: 120,
    bubbleFromUserBackground: TEAL,
    bubbleFromUserBorderColor: TEAL,
    bubbleFromUserBorderRadius: 16,
    bubbleFromUserBorderWidth: 1,
    bubbleFromUserTextColor: '#ffffff',

    suggestedActionLayout: 'flow',
    suggestedActionHeight: 38,
    suggestedActionBorderRadius: 19,
    suggestedActionBorderWidth: 1,
    suggestedActionBorderColor: TEAL,
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionTextColor: TEAL_DARK,
    suggestedActionBackgroundColorOnHover: MIST,
    suggestedActionBackgroundColorOnActive: '#cfe9e5',
    suggestedActionKeyboardFocusIndicatorBorderColor: TEAL_DARK,
    suggestedActionKeyboardFocusIndicatorBorderRadius: 16,

    sendBoxBackground: '#ffffff',
    sendBoxTextColor: INK,
    sendBoxPlaceholderColor: SUBTLE,
    sendBoxHeight: 56,
    sendBoxBorderTop: 'solid 1px ' + LINE,
    sendBoxButtonColor: TEAL,
    sendBoxButtonColorOnHover: TEAL_DARK,
    sendBoxButtonShadeColorOnHover: MIST,
    sendBoxButtonShadeBorderRadius: 10,
    hideUploadButton: true,

    timestampColor: SUBTLE,
    timestampFormat: 'relative',
    groupTimestamp: 120000,

    cardEmphasisBackgroundColor: '#f1f7f6',
    cardPushButtonBackgroundColor: TEAL,
    cardPushButtonTextColor: '#ffffff',
    richCardWrapTitle: true,

    typingAnimationDuration: 20000,
    scrollToEndButtonBehavior: 'unread',
    transcriptOverlayButtonBackground: TEAL,
    transcriptOverlayButtonBackgroundOnHover: TEAL_DARK,
    transcriptOverlayButtonBackgroundOnFocus: TEAL_DARK,
    transitionDuration: '.15s',
  };

  function foreground(base) {
    return {
      default: { default: base, subtle: SUBTLE },
      accent: { default: TEAL, subtle: TEAL_DARK },
      attention: { default: '#b42318', subtle: '#912018' },
      good: { default: '#0b6a3b', subtle: '#0b6a3b' },
      warning: { default: '#8a4b00', subtle: '#8a4b00' },
      dark: { default: '#101828', subtle: '#344054' },
      light: { default: '#ffffff', subtle: '#f2f4f7' },
    };
  }

  /** Adaptive Cards in the coach's colours: step buttons in a row, warm safety panels. */
  var adaptiveCardsHostConfig = {
    supportsInteractivity: true,
    fontFamily: styleOptions.primaryFont,
    fontSizes: { small: 13, default: 15, medium: 17, large: 20, extraLarge: 24 },
    spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 14 },
    containerStyles: {
      default: { backgroundColor: '#ffffff', foregroundColors: foreground(INK) },
      emphasis: { backgroundColor: '#f1f7f6', foregroundColors: foreground(INK) },
      accent: { backgroundColor: MIST, foregroundColors: foreground(INK) },
      good: { backgroundColor: '#e7f6ec', foregroundColors: foreground(INK) },
      warning: { backgroundColor: '#fff6e5', foregroundColors: foreground('#3d2a00') },
      attention: { backgroundColor: '#fdecea', foregroundColors: foreground('#4a1010') },
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
    var directLine = createConnection(session, onStatus);
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        userID: session.userID,
        username: 'You',
        locale: LOCALE,
        styleOptions: styleOptions,
        adaptiveCardsHostConfig: adaptiveCardsHostConfig,
      },
      element,
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
