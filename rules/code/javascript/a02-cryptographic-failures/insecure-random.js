function generateResetToken() {
  // ruleid: DSQ-JS-0018
  return Math.random().toString(36).slice(2);
}
// ruleid: DSQ-JS-0018
const sessionId = Math.floor(Math.random() * 1e9).toString(16);
// ok: DSQ-JS-0018
const jitter = Math.random() * 100;
// ok: DSQ-JS-0018
const token = require('crypto').randomBytes(32).toString('hex');
