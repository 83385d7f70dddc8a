const jwt = require('jsonwebtoken');

// ruleid: DSQ-JS-0016
const token = jwt.sign({ sub: user.id }, 'supersecret', { expiresIn: '1h' });
// ruleid: DSQ-JS-0016
const claims = jwt.verify(token, "my-secret-key");
// ok: DSQ-JS-0016
const good = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
