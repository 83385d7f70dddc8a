const crypto = require('crypto');
const md5 = require('md5');

function store(user, password) {
  // ruleid: DSQ-JS-0014
  user.hash = crypto.createHash('md5').update(password).digest('hex');
  // ruleid: DSQ-JS-0014
  user.legacy = md5(user.password);
  // ok: DSQ-JS-0014
  user.etag = crypto.createHash('md5').update(body).digest('hex');
  // ok: DSQ-JS-0014
  user.digest = crypto.createHash('sha256').update(password + salt).digest('hex');
}
