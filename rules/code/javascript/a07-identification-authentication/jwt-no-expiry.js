// ruleid: DSQ-JS-0021
const t1 = jwt.sign({ sub: user.id }, process.env.JWT_SECRET);
// ruleid: DSQ-JS-0021
const t2 = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256' });
// ok: DSQ-JS-0021
const t3 = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '15m' });
// ok: DSQ-JS-0021
const t4 = jwt.sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) + 900 }, process.env.JWT_SECRET);
