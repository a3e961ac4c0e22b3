// Every way the Parley runs and the Janus demo runs differ, printed with the
// figures (and kept in docs/performance.md) so nobody reads more into a ratio
// than it holds.
export const DIFFERENCES = [
  'Same for both: one Janus (the Debian package with Parley’s janus/*.jcfg, started fresh by the bench), the same Chromium and flags, one browser context per person, 1280×800 viewport, the same fake camera and microphone, no STUN/TURN (host candidates on loopback).',
  'Same room settings: the demo’s room is created by the bench through the Janus API with Parley’s createRoom settings (admin key, REMB cap 3.5 Mbit/s, opus, vp8 then h264 constrained baseline 42e01f, talking events 35 dBov/40 packets, require_pvtid, is_private, a random secret, notify_joining off). Its id is numeric text (the demo parses ?room= as a number); Parley’s Janus runs with string_ids, so bench/demo/settings.js sends that number as a string.',
  'Signalling path: Parley’s browser talks Socket.IO to the gateway, which drives Janus through janode; the demo’s janus.js talks to Janus’s WebSocket API directly. That extra hop is part of what is measured.',
  'Peer connections: Parley has two per person (publisher, and one multistream subscriber renegotiated as people come and go); the demo (videoroomtest, not the multistream mvideoroomtest) has a publisher plus one subscriber PC per remote feed.',
  'Capture: Parley asks for the size through its ?e2e-video= knob; the demo’s getUserMedia constraints are replaced by the bench’s init script with the same ones (janus.js would ask for 640×480).',
  'Simulcast: Parley sends VP8 simulcast (Chromium sends one layer at 320×180, two at 640×360) and picks a layer per viewer from media.view; the demo sends one stream (its default; ?simulcast=yes is off) and each viewer gets it whole.',
  'What the clock includes: Parley’s camera and socket are already open in the lobby (outside the time); the demo’s session and plugin handle are made by Start before the click (outside the time), and its camera opens after the join (inside the time).',
  'Rendering: Parley shows every remote video (grid); the demo has five remote slots, so with 8 people two remote feeds are received without a <video> and its “all frames” means five.',
  'The demo logs every Janus message to the console (Janus.init debug: "all", its default); Parley logs nothing in the browser.',
];
