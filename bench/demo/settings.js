// settings.js for Janus's VideoRoom demo (Debian package janus-demos) when
// bench/lib/demo-server.mjs serves it against the benchmark's Janus. This file
// is ours; the demo's own files are served unchanged from /usr/share/janus/demos.
// The server puts the Janus WebSocket URL in `server` and Janus's api_secret
// in `apisecret` (the demo speaks the Janus API from the page; Parley's
// browsers never do, and never see the secret).
var server = "__JANUS_WS__";
// Parley hands browsers no STUN/TURN server on a single host (ICE_SERVERS
// empty): host candidates only, the same here.
var iceServers = [];
var token = null;
var apisecret = "__JANUS_API_SECRET__";

// Parley's Janus runs with `string_ids = true` (room and participant ids are
// strings), while the demo parses `?room=` with parseInt and sends a number.
// Send that number as text; nothing else in the demo's messages changes.
(function () {
  var send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.indexOf('"room":') !== -1) {
      try {
        var message = JSON.parse(data);
        if (message.body && typeof message.body.room === 'number') {
          message.body.room = String(message.body.room);
          data = JSON.stringify(message);
        }
      } catch (e) {
        // Not JSON: send as is.
      }
    }
    return send.call(this, data);
  };
})();
