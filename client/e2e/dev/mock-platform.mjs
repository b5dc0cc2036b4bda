// DEVELOPMENT ONLY: a tiny in-memory stand-in for the local platform's front door, used to work
// on the client before (or without) the real platform. It answers /api/... like docs/architecture.md#http-api
// and proxies every other path to the client (CLIENT_ORIGIN). The real end-to-end run
// (`npm run e2e`) goes against the local platform, not this.
//
//   node e2e/dev/mock-platform.mjs   (PORT=8080 CLIENT_ORIGIN=http://127.0.0.1:3000
//                                     ORDER_EXPIRATION_SECONDS=900)
import http from 'node:http';
import { randomBytes } from 'node:crypto';

const PORT = Number(process.env.PORT || 8080);
const CLIENT_ORIGIN = process.env.CLIENT_ORIGIN || 'http://127.0.0.1:3000';
const EXPIRATION_MS = Number(process.env.ORDER_EXPIRATION_SECONDS || 900) * 1000;

const users = new Map(); // email -> {id, email, password}
const tickets = new Map(); // id -> ticket
const orders = new Map(); // id -> order
const newId = () => randomBytes(12).toString('hex');
const err = (message, field) => ({ errors: [field ? { message, field } : { message }] });

function sessionUser(req) {
  const m = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie || '');
  if (!m) return null;
  try {
    if (!/^[A-Za-z0-9+/]+=*$/.test(m[1])) return null;
    const { jwt } = JSON.parse(Buffer.from(m[1], "base64").toString()); // as strict as the API: no percent-decoding
    return [...users.values()].find((u) => u.id === jwt) || null;
  } catch {
    return null;
  }
}
const cookieFor = (u) =>
  `session=${Buffer.from(JSON.stringify({ jwt: u.id })).toString('base64')}; Path=/; HttpOnly; SameSite=Lax`;
const orderView = (o) => ({ ...o, ticket: { ...tickets.get(o.ticketId), orderId: undefined, userId: undefined } , ticketId: undefined });

setInterval(() => {
  for (const o of orders.values()) {
    if (o.status === 'created' && Date.parse(o.expiresAt) <= Date.now()) {
      o.status = 'cancelled';
      o.version += 1;
      const t = tickets.get(o.ticketId);
      if (t.orderId === o.id) {
        delete t.orderId;
        t.version += 1;
      }
    }
  }
}, 1000).unref();

async function api(req, res, url) {
  const send = (status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  let body = {};
  const chunks = [];
  for await (const c of req) chunks.push(c);
  if (chunks.length) {
    try {
      body = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      return send(400, err('Malformed JSON'));
    }
  }
  const me = sessionUser(req);
  const p = url.pathname;
  const r = `${req.method} ${p}`;
  if (r === 'GET /api/users/currentuser') {
    return send(200, { currentUser: me ? { id: me.id, email: me.email, iat: 1 } : null });
  }
  if (r === 'POST /api/users/signup' || r === 'POST /api/users/signin') {
    const email = String(body.email || '').trim().toLowerCase();
    const password = String(body.password || '');
    const errors = [];
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push({ message: 'Email must be valid', field: 'email' });
    if (r.endsWith('signup') && (password.length < 8 || password.length > 64))
      errors.push({ message: 'Password must be between 8 and 64 characters', field: 'password' });
    if (r.endsWith('signin') && !password) errors.push({ message: 'You must supply a password', field: 'password' });
    if (errors.length) return send(400, { errors });
    if (r.endsWith('signup')) {
      if (users.has(email)) return send(400, err('Email in use'));
      const u = { id: newId(), email, password };
      users.set(email, u);
      return send(201, { id: u.id, email }, { 'set-cookie': cookieFor(u) });
    }
    const u = users.get(email);
    if (!u || u.password !== password) return send(400, err('Invalid credentials'));
    return send(200, { id: u.id, email }, { 'set-cookie': cookieFor(u) });
  }
  if (r === 'POST /api/users/signout') {
    return send(200, {}, { 'set-cookie': 'session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax' });
  }
  if (r === 'GET /api/tickets') return send(200, [...tickets.values()].filter((t) => !t.orderId));
  let m = /^\/api\/tickets\/([^/]+)$/.exec(p);
  if (m && req.method === 'GET') return tickets.has(m[1]) ? send(200, tickets.get(m[1])) : send(404, err('Not Found'));
  if (r === 'POST /api/tickets') {
    if (!me) return send(401, err('Not authorized'));
    const errors = [];
    if (!String(body.title || '').trim()) errors.push({ message: 'Title is required', field: 'title' });
    if (!(typeof body.price === 'number' && body.price > 0))
      errors.push({ message: 'Price must be greater than 0', field: 'price' });
    if (errors.length) return send(400, { errors });
    const t = { id: newId(), title: body.title.trim(), price: body.price, userId: me.id, version: 0 };
    tickets.set(t.id, t);
    return send(201, t);
  }
  if (p.startsWith('/api/orders') || p.startsWith('/api/payments')) {
    if (!me) return send(401, err('Not authorized'));
  }
  if (r === 'GET /api/orders') return send(200, [...orders.values()].filter((o) => o.userId === me.id).map(orderView));
  if (r === 'POST /api/orders') {
    const t = tickets.get(body.ticketId);
    if (!t) return send(404, err('Not Found'));
    if (t.orderId) return send(400, err('Ticket is already reserved'));
    const o = { id: newId(), status: 'created', expiresAt: new Date(Date.now() + EXPIRATION_MS).toISOString(), userId: me.id, version: 0, ticketId: t.id };
    orders.set(o.id, o);
    t.orderId = o.id;
    t.version += 1;
    return send(201, orderView(o));
  }
  m = /^\/api\/orders\/([^/]+)$/.exec(p);
  if (m) {
    const o = orders.get(m[1]);
    if (!o) return send(404, err('Not Found'));
    if (o.userId !== me.id) return send(401, err('Not authorized'));
    if (req.method === 'GET') return send(200, orderView(o));
    if (req.method === 'DELETE') {
      if (o.status === 'complete') return send(400, err('Cannot cancel a complete order'));
      o.status = 'cancelled';
      const t = tickets.get(o.ticketId);
      if (t.orderId === o.id) delete t.orderId;
      res.writeHead(204);
      return res.end();
    }
  }
  if (r === 'POST /api/payments') {
    const o = orders.get(body.orderId);
    if (!o) return send(404, err('Not Found'));
    if (o.userId !== me.id) return send(401, err('Not authorized'));
    if (o.status === 'cancelled' || Date.parse(o.expiresAt) <= Date.now()) return send(400, err('Cannot pay for an cancelled order'));
    if (o.status === 'complete') return send(400, err('Order already paid'));
    if (body.token === 'tok_chargeDeclined') return send(402, err('Your card was declined.'));
    if (body.token !== 'tok_visa') return send(400, err('No such token'));
    setTimeout(() => {
      o.status = 'complete';
      o.version += 1;
    }, 700);
    return send(201, { id: newId() });
  }
  return send(404, err('Not Found'));
}

function proxy(req, res) {
  const target = new URL(req.url, CLIENT_ORIGIN);
  const up = http.request(target, { method: req.method, headers: req.headers }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  up.on('error', () => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('client not reachable');
  });
  req.pipe(up);
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      api(req, res, url).catch((e) => {
        res.writeHead(500);
        res.end(String(e));
      });
    } else proxy(req, res);
  })
  .listen(PORT, '127.0.0.1', () => console.log(`mock platform on http://127.0.0.1:${PORT} -> client ${CLIENT_ORIGIN}`));
