// ruleid: DSQ-JS-0019
const claims = jwt.verify(token, key, { algorithms: ['HS256', 'none'] });
// ruleid: DSQ-JS-0019
const unsigned = jwt.sign(payload, '', { algorithm: 'none' });
// ok: DSQ-JS-0019
const ok = jwt.verify(token, key, { algorithms: ['RS256'] });
